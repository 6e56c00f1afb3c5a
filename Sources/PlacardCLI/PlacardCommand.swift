import ArgumentParser
import Foundation
import PlacardDiagnostics
import PlacardMarkdown
import PlacardSite

/// `placard`: the whole command line, as a library so tests can call it.
public struct PlacardCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "placard",
        abstract: "Build static report sites of an organisation's accountability data.",
        subcommands: [Build.self, Check.self, Serve.self, Init.self, Verify.self, MarkdownCommand.self],
        defaultSubcommand: Build.self)

    public init() {}

    /// The executable's entry point. Top-level code calling `main()` would get
    /// ParsableCommand's synchronous one, which cannot run `placard serve`.
    public static func start() async {
        await main()
    }
}

/// Options shared by build, check and serve.
struct SiteOptions: ParsableArguments {
    @Argument(help: "The site folder: it holds Content/ and, optionally, Templates/.", completion: .directory)
    var directory: String = "."

    @Flag(name: .long, help: "Publish pages whose front matter says draft: true.")
    var drafts = false

    @Option(name: .long, help: ArgumentHelp(
        "The build date (YYYY-MM-DD or an ISO 8601 time). Default: SOURCE_DATE_EPOCH if set, else now.",
        discussion: "Notices are open or closed against it; pages without a date of their own show it."))
    var now: String?

    @Flag(name: .long, help: ArgumentHelp(
        "Treat every warning as an error (for CI); site.yaml's strict: true does the same.",
        discussion: "Warnings are then printed as errors and the command exits with status 1."))
    var strict = false

    func buildOptions(output: String?) throws -> BuildOptions {
        let site = URL(fileURLWithPath: directory)
        let outputURL = output.map { URL(fileURLWithPath: $0) }
        var options = BuildOptions(siteDirectory: site, outputDirectory: outputURL, now: try buildDate())
        options.includeDrafts = drafts
        options.strict = strict
        return options
    }

    /// True when the date comes from the clock, so a long-running serve takes it anew.
    var followsClock: Bool {
        now == nil && (ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] ?? "").isEmpty
    }

    func buildDate() throws -> Date {
        if let now {
            guard let date = BuildDate.parse(now) else {
                throw ValidationError("--now '\(now)' is not a date: use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ")
            }
            return date
        }
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], !epoch.isEmpty {
            guard let seconds = Int(epoch) else {
                throw ValidationError("SOURCE_DATE_EPOCH '\(epoch)' is not a whole number of seconds")
            }
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        return Date()
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site into Output/ (or --output).",
        discussion: """
            The site is written to a temporary folder beside the output and swapped in only when \
            the build succeeded: a failed build leaves the previous output untouched. Every problem \
            is printed as FILE:LINE:COLUMN: error|warning: message; any error exits with status 1.
            """)

    @OptionGroup var site: SiteOptions

    @Option(name: .shortAndLong, help: "Where to write the site. Default: Output/ in the site folder.", completion: .directory)
    var output: String?

    @Flag(name: .customLong("file-urls"), help: "Make every internal link name its index.html, so the site works opened from disk (overrides site.yaml's file_urls).")
    var fileURLs = false

    @Option(name: .long, help: ArgumentHelp(
        "A folder where the build remembers what it wrote (e.g. .placard-cache): the next build updates the output in place and writes only the files that changed.",
        discussion: "Without it, every build writes a whole new output folder and swaps it in."), completion: .directory)
    var cache: String?

    func run() throws {
        var options = try site.buildOptions(output: output)
        if fileURLs { options.fileURLs = true }
        options.cacheDirectory = cache.map { URL(fileURLWithPath: $0) }
        let console = Console()
        let started = Date()
        let result = SiteBuilder.build(options, progress: console.progress)
        console.report(result.diagnostics)
        guard result.succeeded else { throw ExitCode(1) }
        let written = options.cacheDirectory == nil ? "" : ", \(result.filesWritten) written"
        console.done("built \(result.pageCount) pages (\(result.fileCount) files\(written)) into \(options.outputDirectory.path) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run every validation of a build and write nothing.")

    @OptionGroup var site: SiteOptions

    func run() throws {
        var options = try site.buildOptions(output: nil)
        options.writeOutput = false
        let console = Console()
        let result = SiteBuilder.build(options, progress: console.progress)
        console.report(result.diagnostics)
        guard result.succeeded else { throw ExitCode(1) }
        console.done("no errors: \(result.pageCount) pages would be built")
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make a new site that builds at once.",
        discussion: "Writes DIR/Content/ with a site.yaml, a home page, a notice and a small organisation dataset. Refuses to touch an existing Content/.")

    @Argument(help: "The folder for the new site (made if missing).", completion: .directory)
    var directory: String

    @Option(name: .long, help: "The site's language: en, zh-Hans or zh-Hant.")
    var language: String = "en"

    @Flag(name: .long, help: "Write the data as Excel workbooks (.xlsx), to keep in Excel, instead of YAML.")
    var workbooks = false

    func run() throws {
        let root = URL(fileURLWithPath: directory)
        do {
            try NewSite.write(to: root, language: language, workbooks: workbooks)
        } catch let error as NewSite.Problem {
            FileHandle.standardError.write(Data("placard: error: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
        print("made a new site in \(root.path): run `placard build \(directory)`")
    }
}

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a copy of a site against a manifest: its own manifest.sha256, or one kept elsewhere (--manifest).",
        discussion: """
            Names every file added, missing or changed, every entry that is not a regular file \
            (symbolic link, fifo, socket, device) and every manifest path that would lead out of the \
            folder, one per line; exits with status 1 when there is any, 2 when the manifest cannot be read. \
            A manifest inside the copy proves only that the copy is what that manifest lists: keep the \
            build's manifest.sha256 elsewhere and pass it with --manifest.
            """)

    @Argument(help: "The copy of the site to check (a build's output folder).", completion: .directory)
    var directory: String = "Output"

    @Option(name: .long, help: ArgumentHelp(
        "A manifest kept apart from the copy (the build's manifest.sha256, saved elsewhere).",
        discussion: "The copy's own manifest.sha256 must then be byte for byte this file."), completion: .file())
    var manifest: String?

    func run() throws {
        let folder = URL(fileURLWithPath: directory)
        let check: ManifestCheck
        do {
            check = try Manifest.verify(folder, manifest: manifest.map { URL(fileURLWithPath: $0) })
        } catch {
            FileHandle.standardError.write(Data("placard: error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        for line in check.problems { print(line) }
        if check.usedShippedManifest {
            FileHandle.standardError.write(Data(Self.shippedManifestNote.utf8))
        }
        guard check.problems.isEmpty else { throw ExitCode(1) }
        let against = check.usedShippedManifest ? "its own \(Manifest.fileName)" : manifest!
        FileHandle.standardError.write(Data("placard: \(directory) matches \(against)\n".utf8))
    }

    static let shippedManifestNote = """
        placard: note: checked against the manifest inside the copy, which proves only that the copy \
        is what that manifest lists, not that it is what you built: whoever can change the files can \
        change the manifest. Keep the build's manifest.sha256 elsewhere and pass it with --manifest FILE.

        """
}

struct MarkdownCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "markdown",
        abstract: "Render Markdown from standard input to the HTML fragment a page body gets.",
        discussion: "Headings get id attributes. Without --unsafe, raw HTML is omitted and unsafe link schemes are removed, as on a site without unsafe_html.")

    @Flag(name: .long, help: "Keep raw HTML and every link scheme (site.yaml: unsafe_html: true).")
    var unsafe = false

    @Flag(name: .long, help: "Smart punctuation: curly quotes, dashes, ellipses (on for sites unless smart_punctuation: false).")
    var smart = false

    func run() throws {
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let text = String(decoding: input, as: UTF8.self)
        let options = MarkdownOptions(unsafeHTML: unsafe, smartPunctuation: smart, demoteHeadings: false)
        let result = Markdown.render(text, file: "<stdin>", firstLine: 1, options: options, hooks: MarkdownHooks(), takeLeadingTitle: false)
        FileHandle.standardOutput.write(Data(result.html.utf8))
    }
}

enum BuildDate {
    /// `2010-02-01` (midnight UTC) or a full ISO 8601 time.
    static func parse(_ text: String) -> Date? {
        let day = DateFormatter()
        day.locale = Locale(identifier: "en_US_POSIX")
        day.timeZone = TimeZone(identifier: "UTC")
        day.dateFormat = "yyyy-MM-dd"
        if text.count == 10, let date = day.date(from: text) { return date }
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text)
    }
}
