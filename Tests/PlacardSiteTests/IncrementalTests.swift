import Foundation
import PlacardSite
import Testing

/// A session's rebuilds must give exactly what a clean build gives, while
/// rendering only the pages a change reaches.
@Suite struct IncrementalTests {
    let site: URL
    let sessionOutput: URL
    let cleanOutput: URL
    let session = BuildSession()

    init() throws {
        let folder = try temporaryFolder("incremental-\(UUID().uuidString)")
        site = folder.appendingPathComponent("site")
        sessionOutput = folder.appendingPathComponent("session-out")
        cleanOutput = folder.appendingPathComponent("clean-out")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Content"), to: site.appendingPathComponent("Content"))
    }

    /// Rebuilds with the session and cleanly; both outputs must be identical.
    private func rebuild() throws -> BuildResult {
        let options = BuildOptions(siteDirectory: site, outputDirectory: sessionOutput, now: goldenNow)
        let result = session.build(options)
        #expect(result.succeeded, "\(result.diagnostics.map(\.description))")
        try? FileManager.default.removeItem(at: cleanOutput)
        let clean = build(site, into: cleanOutput)
        #expect(clean.succeeded)
        let differing = differences(tree(sessionOutput), tree(cleanOutput))
        #expect(differing.isEmpty, "\(differing.prefix(5))")
        return result
    }

    private func edit(_ path: String, _ change: (String) -> String) throws {
        let url = site.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        let changed = change(text)
        #expect(changed != text, "the edit of \(path) changed nothing")
        try Data(changed.utf8).write(to: url)
    }

    @Test func aSequenceOfEditsGivesWhatACleanBuildGives() throws {
        let first = try rebuild()
        #expect(first.pagesRendered == first.pageCount)

        // Nothing changed: nothing rendered, only the manifest rewritten.
        let same = try rebuild()
        #expect(same.pagesRendered == 0)
        #expect(same.filesWritten == 1)

        // One narrative's text: that page (and the search index) only.
        try edit("Content/about.md") { $0 + "\nA new closing paragraph.\n" }
        let body = try rebuild()
        #expect(body.pagesRendered == 1)

        // A narrative's title shows in listings, navigation and breadcrumbs: more pages.
        try edit("Content/reports/2009-summary.md") { $0.replacingOccurrences(of: "title: ", with: "title: Revised ", options: [], range: $0.range(of: "title: ")) }
        let title = try rebuild()
        #expect(title.pagesRendered > 1)
        #expect(title.pagesRendered < title.pageCount)

        // A data row: the pages showing that unit's name.
        try edit("Content/data/organisations.yaml") { $0.replacingOccurrences(of: "zh-Hant: 西關村", with: "zh-Hant: 西關社區") }
        let data = try rebuild()
        #expect(data.pagesRendered > 1)
        #expect(data.pagesRendered < data.pageCount)

        // A template of the site's own: every page that uses it.
        try makeSite(["Templates/partials/footer.mustache": "<footer>{{site.title}} — overridden</footer>\n"], in: site)
        let template = try rebuild()
        #expect(template.pagesRendered == template.pageCount)

        // A page added, then removed again: its files come and go.
        try makeSite(["Content/reports/extra.md": "---\ntitle: Extra\n---\nExtra page.\n"], in: site)
        _ = try rebuild()
        #expect(FileManager.default.fileExists(atPath: sessionOutput.appendingPathComponent("reports/extra/index.html").path))
        try FileManager.default.removeItem(at: site.appendingPathComponent("Content/reports/extra.md"))
        _ = try rebuild()
        #expect(!FileManager.default.fileExists(atPath: sessionOutput.appendingPathComponent("reports/extra").path))
    }

    @Test func aBrokenEditLeavesTheLastGoodSiteAndTheNextGoodEditBuildsOnIt() throws {
        _ = try rebuild()
        let good = tree(sessionOutput)
        try edit("Content/about.md") { "---\ntitle: [unclosed\n---\n" + $0 }
        let broken = session.build(BuildOptions(siteDirectory: site, outputDirectory: sessionOutput, now: goldenNow))
        #expect(!broken.succeeded)
        #expect(differences(tree(sessionOutput), good) == [])
        try edit("Content/about.md") { $0.replacingOccurrences(of: "---\ntitle: [unclosed\n---\n", with: "") + "\nFixed.\n" }
        let fixed = try rebuild()
        #expect(fixed.pagesRendered == 1)
    }

    @Test func anEditedNarrativeTextIsWrittenAtOnceAsACleanBuildWritesIt() throws {
        _ = try rebuild()
        let about = site.appendingPathComponent("Content/about.md")
        try edit("Content/about.md") { $0 + "\nOne more paragraph, with a [link](reports/2009-summary.md).\n" }
        #expect(session.updatePages(for: [about]) == ["about/"])
        let quick = try Data(contentsOf: sessionOutput.appendingPathComponent("about/index.html"))
        // The full rebuild that follows brings the rest (search, manifest) up to date.
        let full = try rebuild()
        #expect(try Data(contentsOf: cleanOutput.appendingPathComponent("about/index.html")) == quick)
        #expect(full.pagesRendered == 1)

        // What the fast path cannot decide alone is left to a full build.
        try edit("Content/about.md") { $0.replacingOccurrences(of: "One more paragraph", with: "## A new heading\n\nOne more paragraph") }
        #expect(session.updatePages(for: [about]) == nil)
        _ = try rebuild()
        try edit("Content/about.md") { "---\nsummary: A new summary.\n---\n" + $0 }
        #expect(session.updatePages(for: [about]) == nil)
        _ = try rebuild()
        try edit("Content/about.md") { $0 + "\nA [broken link](missing.md).\n" }
        #expect(session.updatePages(for: [about]) == nil)
        #expect(session.updatePages(for: [site.appendingPathComponent("Content/data/organisations.yaml")]) == nil)
    }

    @Test func aNarrativeResavedWithWindowsLineEndsIsWrittenAtOnceAsACleanBuildWritesIt() throws {
        _ = try rebuild()
        let about = site.appendingPathComponent("Content/about.md")
        // Its front matter is the same once read: the fast path takes the edit.
        try edit("Content/about.md") { ($0 + "\nOne more paragraph.\n").replacingOccurrences(of: "\n", with: "\r\n") }
        #expect(session.updatePages(for: [about]) == ["about/"])
        let quick = try Data(contentsOf: sessionOutput.appendingPathComponent("about/index.html"))
        _ = try rebuild()
        #expect(try Data(contentsOf: cleanOutput.appendingPathComponent("about/index.html")) == quick)
        #expect(String(decoding: quick, as: UTF8.self).contains("<p>One more paragraph.</p>\n"))
    }

    @Test func aBuildWithACacheFolderWritesOnlyWhatChangedAndGivesACleanBuildsBytes() throws {
        let cache = sessionOutput.deletingLastPathComponent().appendingPathComponent("cache")
        func cachedBuild(besides others: Set<String> = []) throws -> BuildResult {
            let result = build(site, into: sessionOutput) { $0.cacheDirectory = cache }
            #expect(result.succeeded)
            try? FileManager.default.removeItem(at: cleanOutput)
            #expect(build(site, into: cleanOutput).succeeded)
            let differing = differences(tree(sessionOutput).filter { !others.contains($0.key) }, tree(cleanOutput))
            #expect(differing.isEmpty, "\(differing.prefix(5))")
            return result
        }
        let first = try cachedBuild()
        #expect(first.filesWritten == first.fileCount + 1)

        try edit("Content/about.md") { $0 + "\nA new closing paragraph.\n" }
        let edited = try cachedBuild()
        // The page and the manifest (the search index keeps a page's first 1,500 characters).
        #expect(edited.filesWritten == 2)

        // A file of the output changed by hand is put right; one added is not Placard's, and stays.
        try Data("tampered".utf8).write(to: sessionOutput.appendingPathComponent("robots.txt"))
        try Data("stray".utf8).write(to: sessionOutput.appendingPathComponent("stray.txt"))
        let repaired = try cachedBuild(besides: ["stray.txt"])
        #expect(repaired.filesWritten == 2)
        #expect(try Data(contentsOf: sessionOutput.appendingPathComponent("stray.txt")) == Data("stray".utf8))

        // A cache made for another output folder is not used.
        let elsewhere = sessionOutput.deletingLastPathComponent().appendingPathComponent("elsewhere")
        let other = build(site, into: elsewhere) { $0.cacheDirectory = cache }
        #expect(other.filesWritten == other.fileCount + 1)
    }
}
