import Foundation
import PlacardDiagnostics
import Synchronization

public struct BuildOptions: Sendable {
    /// The folder holding Content/ (and optionally Templates/).
    public var siteDirectory: URL
    /// Where the site is written; `Output/` in the site folder by default.
    public var outputDirectory: URL
    public var includeDrafts = false
    /// The build date: notices are open or closed against it, and pages without
    /// a date of their own show it. Passed in so a build is reproducible.
    public var now: Date
    /// Overrides site.yaml's `file_urls` when set.
    public var fileURLs: Bool?
    /// False for `placard check`: every validation, nothing written.
    public var writeOutput = true
    /// `--strict`: every warning is an error (as `strict: true` in site.yaml).
    public var strict = false
    /// `placard build --cache DIR`: update the output in place, writing only
    /// the files that changed since the build that filled the cache.
    public var cacheDirectory: URL?
    /// Filled with the CPU time of each part of making pages when set (`placard-bench --phases`).
    public var pagePartTimes: PagePartTimes?

    public init(siteDirectory: URL, outputDirectory: URL? = nil, now: Date) {
        self.siteDirectory = siteDirectory
        self.outputDirectory = outputDirectory ?? siteDirectory.appendingPathComponent("Output")
        self.now = now
    }
}

/// The CPU time of each part of making pages, summed over every thread: which
/// part to work on, read within one run (so a shared machine's speed that day
/// cancels out of the comparison).
public final class PagePartTimes: Sendable {
    public enum Part: Int, CaseIterable, Sendable {
        /// The page's view model: tables, figures, links.
        case content
        /// The page and site views made and converted into template values.
        case views
        case render
        /// Written and hashed.
        case files
        case searchDocuments
    }

    private let nanoseconds = Mutex([UInt64](repeating: 0, count: Part.allCases.count))

    public init() {}

    public func seconds(_ part: Part) -> Double {
        nanoseconds.withLock { Double($0[part.rawValue]) / 1_000_000_000 }
    }

    fileprivate func add(_ laps: [UInt64]) {
        nanoseconds.withLock { totals in
            for (index, lap) in laps.enumerated() { totals[index] += lap }
        }
    }
}

/// One page's laps of its thread's CPU clock, added to `PagePartTimes` when
/// the page is done; nothing at all without them.
struct PartClock {
    private let times: PagePartTimes?
    private var laps: [UInt64] = []
    private var last: UInt64 = 0

    init(_ times: PagePartTimes?) {
        self.times = times
        guard times != nil else { return }
        laps = [UInt64](repeating: 0, count: PagePartTimes.Part.allCases.count)
        last = Self.now()
    }

    mutating func lap(_ part: PagePartTimes.Part) {
        guard times != nil else { return }
        let now = Self.now()
        laps[part.rawValue] += now - last
        last = now
    }

    func finish() { times?.add(laps) }

    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}

/// Told what the build is doing; the CLI prints it on a terminal.
public protocol BuildProgress: Sendable {
    func started(step: String)
    func pagesWritten(_ done: Int, of total: Int)
}

public struct SilentProgress: BuildProgress {
    public init() {}
    public func started(step: String) {}
    public func pagesWritten(_ done: Int, of total: Int) {}
}

public struct BuildResult: Sendable {
    /// Every problem found, sorted by file, line and column.
    public var diagnostics: [Diagnostic]
    public var pageCount = 0
    public var fileCount = 0
    /// Pages put through their template: all of them, except in a session's rebuild.
    public var pagesRendered = 0
    /// Files whose bytes were written: all of them, except in a session's rebuild.
    public var filesWritten = 0
    public var succeeded: Bool { !diagnostics.contains { $0.severity == .error } }
}
