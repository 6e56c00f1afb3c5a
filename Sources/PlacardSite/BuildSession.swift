import Crypto
import Foundation
import PlacardContent
import PlacardDiagnostics
import PlacardMarkdown
import PlacardTemplates

/// What one build keeps for the next, so that a rebuild redoes only what a
/// change touched: `placard serve` holds one across its rebuilds.
///
/// - A narrative's Markdown is rendered again only when its text changed, or
///   when anything else it may read did (settings, data, the theme, the set of
///   files its links can name, the build options).
/// - A page is rendered and written only when what its template is given differs
///   from last time, or the theme changed.
/// - Every other file is made again and written only when its bytes changed,
///   into the output in place. Nothing is written before every check has passed.
///
/// The result is byte for byte what a clean build writes (tests check that
/// across a sequence of edits). A build that fails keeps the state of the last
/// good one; a write that fails forgets it, so the next build is a clean one.
public final class BuildSession: @unchecked Sendable {
    private let lock = NSLock()
    private var inputsKey: String?
    private var themeKey: String?
    private var markdown: [MarkdownKey: MarkdownResult] = [:]
    private var views: [String: PageMemo] = [:]
    private var digests: [String: String]?
    private var terms: [SearchIndex.Document: SearchTerms] = [:]
    private var searchIndex: SearchIndex.Built?
    private var files = FileMemo()
    /// The last good build itself, for `updatePages(for:)`.
    private var last: LastBuild?
    /// A build failed since: other files may be broken, so no page is updated alone.
    private var lastFailed = false

    struct LastBuild {
        var options: BuildOptions
        var narratives: NarrativePages
        var plan: SitePlan
        var templates: TemplateSet
        var staticFiles: Set<String>
    }

    public init() {}

    /// The fast path of an edit: when every changed file is a narrative of the
    /// last good build whose front matter, headings and title are unchanged and
    /// whose new text has no problem, renders those pages again and writes them
    /// into the output at once (not after a failed build: another file may be broken). Returns their addresses, or nil when the change
    /// needs `build` (which must follow anyway: the search index, the feed and
    /// the manifest are brought up to date only by it).
    public func updatePages(for changedFiles: [URL]) -> [String]? {
        guard let last = lock.withLock({ lastFailed ? nil : self.last }) else { return nil }
        let content = last.options.siteDirectory.appendingPathComponent("Content").standardizedFileURL.path + "/"
        var updated: [(address: String, file: String, view: PageView, template: String)] = []
        for url in Set(changedFiles.map { $0.standardizedFileURL.path }).sorted() {
            guard url.hasPrefix(content), url.hasSuffix(".md") else { return nil }
            let contentPath = String(url.dropFirst(content.count))
            let address = Narrative.address(forContentPath: contentPath)
            guard let old = last.plan.narrativeByAddress[address], old.narrative.contentPath == contentPath,
                let index = last.plan.pages.firstIndex(where: { $0.address == address && $0.template == "page" }),
                let data = FileManager.default.contents(atPath: url)
            else { return nil }
            var problems = Diagnostics()
            // Read as the full build reads it (line endings, BOM), or its front matter would look changed.
            guard let text = TextFile.decode(data, file: old.narrative.file, diagnostics: &problems) else { return nil }
            let narrative = Narrative.read(text: text, file: old.narrative.file, contentPath: contentPath, diagnostics: &problems)
            guard problems.all.isEmpty, narrative.frontMatterText == old.narrative.frontMatterText,
                narrative.bodyFirstLine == old.narrative.bodyFirstLine
            else { return nil }
            let result = last.narratives.markdown(narrative, options: last.narratives.markdownOptions)
            let title = narrative.frontMatter.title ?? result.markdownTitle ?? NarrativePages.fallbackTitle(contentPath)
            guard result.diagnostics.isEmpty, result.headings == old.headings, title == old.title,
                last.plan.problems(of: result.links, staticFiles: last.staticFiles).isEmpty
            else { return nil }
            var page = last.plan.pages[index]
            page.content.bodyHTML = result.html
            updated.append((address, Addresses.file(for: address), PageView(site: last.plan.siteView(for: address), page: page.content), page.template))
        }
        guard !updated.isEmpty else { return nil }
        for page in updated {
            let target = last.options.outputDirectory.appendingPathComponent(page.file)
            do {
                try Data(last.templates.render(page.template, page.view).utf8).write(to: target, options: .atomic)
            } catch {
                forget()
                return nil
            }
        }
        return updated.map(\.address)
    }

    /// Builds with what the last build of this session kept.
    public func build(_ options: BuildOptions, progress: any BuildProgress = SilentProgress()) -> BuildResult {
        let result = SiteBuilder.build(options, progress: progress, session: self)
        lock.withLock { lastFailed = !result.succeeded }
        return result
    }

    /// Narratives as read by the last build, by their bytes: a file whose bytes
    /// did not change is not decoded and parsed again. Kept across failed builds.
    var narrativeFiles: FileMemo { lock.withLock { files } }

    // MARK: Keys

    /// Everything but the narratives' own text that a narrative's HTML may depend on.
    static func inputsKey(options: BuildOptions, content: ContentFiles, themeKey: String) -> String {
        var hasher = SHA256()
        func add(_ text: String) { hasher.update(data: Data(text.utf8)); hasher.update(data: Data([0])) }
        // Pages see only the build's UTC day: serve takes the clock on every rebuild,
        // and a new second must not make every narrative stale.
        let day = Int((options.now.timeIntervalSince1970 / 86_400).rounded(.down))
        add("\(day) \(options.includeDrafts) \(String(describing: options.fileURLs))")
        add(themeKey)
        let folder = options.siteDirectory.appendingPathComponent("Content")
        add(fileDigest(folder.appendingPathComponent("site.yaml")))
        for path in files(under: folder.appendingPathComponent("data")) {
            add(path)
            add(fileDigest(folder.appendingPathComponent("data").appendingPathComponent(path)))
        }
        content.narratives.forEach { add($0.contentPath) }
        content.staticFiles.forEach { add($0) }
        return Manifest.digest(Data(hasher.finalize()))
    }

    static func themeKey(_ theme: Theme) -> String {
        var hasher = SHA256()
        for (path, file) in theme.files.sorted(by: { $0.key < $1.key }) {
            hasher.update(data: Data(path.utf8))
            hasher.update(data: Data([0]))
            hasher.update(data: file.data)
            hasher.update(data: Data([0]))
        }
        return Manifest.digest(Data(hasher.finalize()))
    }

    private static func fileDigest(_ url: URL) -> String {
        (try? Manifest.hash(url)) ?? "missing"
    }

    private static func files(under folder: URL) -> [String] {
        FileTree.regularFiles(under: folder.path, hidden: true).sorted()
    }

    // MARK: What the build asks

    /// Starts a build: drops what the new inputs make stale. The pages' views
    /// are handed over, not kept beside the new ones: each is let go once
    /// compared (a unit page's view is tens of KB; a site of 100,000 units held
    /// two sets, 10 GB). A build that fails before it finishes leaves none, and
    /// the next one renders every page, unless it stopped before writing (`giveBack`).
    func begin(inputsKey: String, themeKey: String) -> Caches {
        lock.withLock {
            if inputsKey != self.inputsKey { markdown = [:] }
            let previousViews = themeKey == self.themeKey ? views : [:]
            views = [:]
            return Caches(
                markdown: MarkdownCache(entries: markdown),
                pages: PageCache(previous: previousViews),
                searchTerms: SearchTermsCache(previous: terms),
                searchIndex: SearchIndexMemo(previous: digests == nil ? nil : searchIndex),
                previousFiles: digests)
        }
    }

    struct Caches {
        var markdown: MarkdownCache
        var pages: PageCache
        var searchTerms: SearchTermsCache
        var searchIndex: SearchIndexMemo
        /// What the last good build wrote (path -> SHA-256), when it is still on disk.
        var previousFiles: [String: String]?
    }

    /// A build stopped before writing any page (an error in the content): the
    /// views it was handed are all still there, for the next build.
    func giveBack(_ caches: Caches) {
        let views = caches.pages.uncompared
        lock.withLock { self.views = views }
    }

    /// A build succeeded: keep what it made.
    func finish(inputsKey: String, themeKey: String, caches: Caches, files: [String: String], last: LastBuild) {
        lock.withLock {
            self.last = last
            self.inputsKey = inputsKey
            self.themeKey = themeKey
            markdown = caches.markdown.current
            views = caches.pages.current
            terms = caches.searchTerms.current
            searchIndex = caches.searchIndex.current
            digests = files
        }
    }

    /// Writing failed half way: the output is not what the session thinks.
    func forget() {
        lock.withLock {
            inputsKey = nil
            themeKey = nil
            markdown = [:]
            views = [:]
            digests = nil
            terms = [:]
            searchIndex = nil
            last = nil
        }
    }
}

/// The narratives of one build by path, with the bytes they were read from.
final class FileMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var previous: [String: (Data, Narrative, Diagnostics)] = [:]
    private var current: [String: (Data, Narrative, Diagnostics)] = [:]

    /// Starts a new build: what the last one read is offered, what this one reads is kept.
    func next() {
        lock.withLock {
            previous = current.isEmpty ? previous : current
            current = [:]
        }
    }

    func reuse(_ path: String, _ bytes: Data) -> (Narrative, Diagnostics)? {
        guard let (known, narrative, problems) = lock.withLock({ previous[path] }), known == bytes else { return nil }
        remember(path, bytes, (narrative, problems))
        return (narrative, problems)
    }

    func remember(_ path: String, _ bytes: Data, _ result: (Narrative, Diagnostics)) {
        lock.withLock { current[path] = (bytes, result.0, result.1) }
    }
}

/// What a narrative's HTML depends on, besides the session's inputs key.
struct MarkdownKey: Hashable, Sendable {
    var file: String
    var address: String
    var body: String
    var bodyFirstLine: Int

    // By bytes: the bodies of every narrative are looked up at each rebuild.
    static func == (a: MarkdownKey, b: MarkdownKey) -> Bool {
        a.bodyFirstLine == b.bodyFirstLine && a.file.hasSameBytes(as: b.file)
            && a.address.hasSameBytes(as: b.address) && a.body.hasSameBytes(as: b.body)
    }

    func hash(into hasher: inout Hasher) {
        file.hashBytes(into: &hasher)
        address.hashBytes(into: &hasher)
        body.hashBytes(into: &hasher)
        hasher.combine(bodyFirstLine)
    }
}

/// cmark's work on one narrative: all of it but the title front matter may set.
struct MarkdownResult: Sendable {
    var markdownTitle: String?
    var html: String
    var headings: [MarkdownHeading]
    var links: [PendingLink]
    var diagnostics: [Diagnostic]
}

/// The Markdown results of the last build, and those of this one (which become the next "last").
final class MarkdownCache: @unchecked Sendable {
    private let lock = NSLock()
    private let previous: [MarkdownKey: MarkdownResult]
    private(set) var current: [MarkdownKey: MarkdownResult] = [:]

    init(entries: [MarkdownKey: MarkdownResult]) {
        previous = entries
    }

    func result(for key: MarkdownKey, make: () -> MarkdownResult) -> MarkdownResult {
        let result = previous[key] ?? make()
        lock.withLock { current[key] = result }
        return result
    }
}

struct PageMemo: Equatable, Sendable {
    var template: String
    var view: PageView
}

/// Which pages are given exactly what they were given last time.
final class PageCache: @unchecked Sendable {
    private let lock = NSLock()
    /// Each let go of once compared, so that the last build's views and this one's are not all held at once.
    private var previous: [String: PageMemo]
    private(set) var current: [String: PageMemo] = [:]

    init(previous: [String: PageMemo]) {
        self.previous = previous
    }

    /// The last build's views not compared yet.
    var uncompared: [String: PageMemo] { lock.withLock { previous } }

    func unchanged(_ address: String, template: String, view: PageView) -> Bool {
        let memo = PageMemo(template: template, view: view)
        let old = lock.withLock {
            current[address] = memo
            return previous.removeValue(forKey: address)
        }
        return old == memo
    }
}
