import Foundation
import PlacardDiagnostics

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
    /// `placard build --cache DIR`: update the output in place, writing only
    /// the files that changed since the build that filled the cache.
    public var cacheDirectory: URL?

    public init(siteDirectory: URL, outputDirectory: URL? = nil, now: Date) {
        self.siteDirectory = siteDirectory
        self.outputDirectory = outputDirectory ?? siteDirectory.appendingPathComponent("Output")
        self.now = now
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
