import Foundation
import PlacardSite

/// `--rebuild SITE`: what an editor waits for in `placard serve`. Builds SITE
/// once with a `BuildSession`, then changes one narrative's text five times,
/// timing the fast path that rewrites its page and the session's rebuild of
/// the rest (in this process, as serve does), and puts the file back.
enum Rebuild {
    static func run(site: URL) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("placard-bench-rebuild-\(getpid())")
        defer { try? FileManager.default.removeItem(at: output) }
        let options = BuildOptions(siteDirectory: site, outputDirectory: output, now: buildDate)
        let session = BuildSession()
        let (first, firstTime) = timed { session.build(options) }
        guard first.succeeded else { fail("the site does not build: \(first.diagnostics.prefix(3).map(\.description))") }
        print("first build: \(first.pageCount) pages in \(String(format: "%.3f", firstTime)) s")

        guard let narrative = middleNarrative(of: site) else { fail("no narrative under \(site.path)/Content") }
        guard let original = try? Data(contentsOf: narrative) else { fail("cannot read \(narrative.path)") }
        defer { try? original.write(to: narrative) }
        var times: [Double] = []
        var quickTimes: [Double] = []
        for edit in 1...5 {
            var changed = original
            changed.append(Data("\n\nEdited paragraph \(edit) of the rebuild benchmark.\n".utf8))
            try? changed.write(to: narrative)
            let (updated, quickTime) = timed { session.updatePages(for: [narrative]) }
            guard updated != nil else { fail("the fast path did not take the edit of \(narrative.path)") }
            quickTimes.append(quickTime)
            print("edit \(edit): page written in \(String(format: "%.4f", quickTime)) s;", terminator: " ")
            // The last rebuild prints its steps as they end.
            let phases: any BuildProgress = edit == 5 ? Phases() : SilentProgress()
            let (result, time) = timed { session.build(options, progress: phases) }
            (phases as? Phases)?.finishStep(at: .now)
            guard result.succeeded else { fail("rebuild \(edit) failed: \(result.diagnostics.prefix(3).map(\.description))") }
            times.append(time)
            print("the whole site brought up to date in \(String(format: "%.3f", time)) s (\(result.pagesRendered) page(s) rendered, \(result.filesWritten) file(s) written)")
        }
        let median = times.sorted()[times.count / 2]
        let quick = quickTimes.sorted()[quickTimes.count / 2]
        print("one narrative changed in \(first.pageCount) pages: its page rewritten in \(String(format: "%.4f", quick)) s (median),"
              + " the whole site up to date in \(String(format: "%.3f", median)) s (median; the first build took \(String(format: "%.1f", firstTime / median))x that)")
    }

    private static func timed<T>(_ work: () -> T) -> (T, Double) {
        let start = ContinuousClock.now
        let result = work()
        return (result, seconds(ContinuousClock.now - start))
    }

    /// The narrative in the middle of the sorted list: not the home page, not a folder's first.
    private static func middleNarrative(of site: URL) -> URL? {
        let content = site.appendingPathComponent("Content")
        guard let enumerator = FileManager.default.enumerator(atPath: content.path) else { return nil }
        let paths = enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".md") && !$0.hasSuffix("index.md") }.sorted()
        return paths.isEmpty ? nil : content.appendingPathComponent(paths[paths.count / 2])
    }
}
