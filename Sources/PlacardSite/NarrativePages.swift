import Foundation
import PlacardContent
import PlacardDiagnostics
import PlacardMarkdown

/// A narrative after cmark: its title, body HTML and headings.
/// A class: plans group, filter and look up thousands of them, and copying
/// the struct retained every field of its front matter each time.
final class RenderedNarrative: Sendable {
    let narrative: Narrative
    let title: String
    let html: String
    let headings: [MarkdownHeading]

    init(narrative: Narrative, title: String, html: String, headings: [MarkdownHeading]) {
        self.narrative = narrative
        self.title = title
        self.html = html
        self.headings = headings
    }
}

/// Values each taken once, by position, from any thread: whoever takes one holds
/// the only reference to it.
private final class TakenOnce<Value>: @unchecked Sendable {
    private var values: [Value?]
    private let lock = NSLock()

    init(_ values: [Value]) { self.values = values }

    func take(_ index: Int) -> Value {
        lock.withLock {
            defer { values[index] = nil }
            return values[index]!
        }
    }
}

/// A link whose target is only known to exist once every page is planned:
/// a page address (and `#fragment`) inside the site.
struct PendingLink: Sendable {
    var location: SourceLocation
    var address: String
    var fragment: String?
}

/// Renders every narrative through cmark, rewriting links between Markdown
/// files to the pages they become.
struct NarrativePages {
    let site: SiteContext
    let staticFiles: Set<String>
    /// Each narrative's address, by its path under Content/, for links between them.
    private let addressByPath: [String: String]
    /// Until they are rendered: their Markdown is not held through the writing of the pages.
    private var narratives: [Narrative]
    private(set) var rendered: [RenderedNarrative] = []
    private(set) var pendingLinks: [PendingLink] = []
    private(set) var diagnostics: [Diagnostic] = []

    let blocks: PlacardBlocks

    init(site: SiteContext, narratives: [Narrative], staticFiles: [String], blocks: PlacardBlocks) {
        self.site = site
        self.blocks = blocks
        self.narratives = narratives
        self.staticFiles = Set(staticFiles)
        addressByPath = Dictionary(narratives.map { ($0.contentPath, $0.address) }, uniquingKeysWith: { first, _ in first })
    }

    /// Renders on every core: each narrative is independent until links are checked.
    /// With a cache, a narrative whose text did not change is not rendered again.
    /// Each narrative's Markdown is let go as soon as it is rendered: held until
    /// every one was, the Markdown and the HTML of every page were in memory together.
    mutating func renderAll(cache: MarkdownCache? = nil) {
        let options = markdownOptions
        let bodies = TakenOnce(narratives.map(\.body))
        for index in narratives.indices { narratives[index].body = "" }
        let pages = self
        let results = concurrentMap(Array(narratives.indices)) { index in
            var narrative = pages.narratives[index]
            narrative.body = bodies.take(index)
            let key = MarkdownKey(file: narrative.file, address: narrative.address, body: narrative.body, bodyFirstLine: narrative.bodyFirstLine)
            let result = cache?.result(for: key) { pages.markdown(narrative, options: options) } ?? pages.markdown(narrative, options: options)
            let title = narrative.frontMatter.title ?? result.markdownTitle ?? Self.fallbackTitle(narrative.contentPath)
            narrative.body = ""
            return (RenderedNarrative(narrative: narrative, title: title, html: result.html, headings: result.headings), result.links, result.diagnostics)
        }
        narratives = []
        rendered.reserveCapacity(results.count)
        for (page, links, problems) in results {
            rendered.append(page)
            pendingLinks.append(contentsOf: links)
            diagnostics.append(contentsOf: problems)
        }
    }

    var markdownOptions: MarkdownOptions {
        MarkdownOptions(unsafeHTML: site.config.unsafeHTML, smartPunctuation: site.config.smartPunctuation, demoteHeadings: true)
    }

    func markdown(_ narrative: Narrative, options: MarkdownOptions) -> MarkdownResult {
        let links = LinkLog()
        var hooks = MarkdownHooks()
        hooks.resolveLink = { destination, location in
            resolve(destination, in: narrative, at: location, log: links)
        }
        hooks.renderPlacardBlock = { yaml, location in
            blocks.render(yaml, at: location, page: narrative.address)
        }
        hooks.renderFigure = { expression, location in
            switch site.figures.inline(expression) {
            case .success(let text): return .success("<span class=\"figure\">\(escapeXML(text))</span>")
            // Nothing said when the figure reads a dataset that failed to load: its own errors say why.
            case .failure(let problem) where problem.followsFromIncompleteData: return .success("")
            case .failure(let problem): return .failure(.error(problem.message, at: location))
            }
        }
        let result = Markdown.render(
            narrative.body, file: narrative.file, firstLine: narrative.bodyFirstLine,
            options: options, hooks: hooks, takeLeadingTitle: true)
        return MarkdownResult(markdownTitle: result.title, html: result.html, headings: result.headings, links: links.pending, diagnostics: result.diagnostics)
    }

    /// A page with no title of its own is named after its file.
    static func fallbackTitle(_ contentPath: String) -> String {
        var name = (contentPath as NSString).lastPathComponent
        name = String(name.dropLast(3))
        if name == "index" {
            let folder = ((contentPath as NSString).deletingLastPathComponent as NSString).lastPathComponent
            return folder.isEmpty ? "index" : folder
        }
        return name
    }

    /// What a link in a narrative points at, as a link from the page it is published on.
    private func resolve(_ destination: String, in narrative: Narrative, at location: SourceLocation, log: LinkLog) -> LinkResolution {
        if destination.isEmpty || Self.hasScheme(destination) || destination.hasPrefix("//") { return .keep }
        var pathPart = destination
        var fragment: String?
        // `#` and `?` found as bytes, as URLs are read (every link of every page comes here).
        let bytes = destination.utf8
        if let hash = bytes.firstIndex(of: UInt8(ascii: "#")) {
            fragment = String(decoding: bytes[bytes.index(after: hash)...], as: UTF8.self)
            pathPart = String(decoding: bytes[..<hash], as: UTF8.self)
        }
        if let query = pathPart.utf8.firstIndex(of: UInt8(ascii: "?")) {
            pathPart = String(decoding: pathPart.utf8[..<query], as: UTF8.self)
        }
        let decodedFragment = fragment.map(Self.percentDecoded)
        if pathPart.isEmpty {
            // `#heading` on the same page.
            if let decodedFragment, !decodedFragment.isEmpty, decodedFragment != "top" {
                log.pending.append(PendingLink(location: location, address: narrative.address, fragment: decodedFragment))
            }
            return .keep
        }
        let decoded = Self.percentDecoded(pathPart)
        let base = decoded.hasPrefix("/") ? "" : Addresses.folder(of: narrative.contentPath)
        guard let target = Self.normalise(decoded, relativeTo: base) else {
            return .error("link '\(destination)' leads out of the site")
        }
        let page = narrative.address
        if target.hasSuffix(".md") {
            guard let otherAddress = addressByPath[target] else {
                return .error("link to a missing page '\(destination)': there is no Content/\(target)")
            }
            if let decodedFragment, !decodedFragment.isEmpty {
                log.pending.append(PendingLink(location: location, address: otherAddress, fragment: decodedFragment))
            }
            return .replace(site.addresses.link(from: page, to: otherAddress, fragment: decodedFragment))
        }
        if staticFiles.contains(target) {
            return .replace(site.addresses.link(from: page, to: target, fragment: decodedFragment))
        }
        // A page address such as `../orgs/fuyuan/` or `/notices/`: checked once every page is planned.
        let address = target.isEmpty || decoded.hasSuffix("/") ? (target.isEmpty ? "" : target + "/") : target
        log.pending.append(PendingLink(location: location, address: address, fragment: decodedFragment))
        return .replace(site.addresses.link(from: page, to: address, fragment: decodedFragment))
    }

    /// `%XX` decoded; the text as written when it has none or they do not decode.
    private static func percentDecoded(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }  // most links: no Foundation call
        return text.removingPercentEncoding ?? text
    }

    /// Resolves `.` and `..` against a folder of Content/; nil when it climbs out.
    static func normalise(_ path: String, relativeTo base: String) -> String? {
        var parts = base.split(separator: "/")
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    /// `scheme:` as RFC 3986 has it: an ASCII letter, then letters, digits, `+`, `-`, `.`.
    /// Read as bytes: every link of every page is asked.
    static func hasScheme(_ url: String) -> Bool {
        var bytes = url.utf8.makeIterator()
        guard let first = bytes.next(), isASCIILetter(first) else { return false }
        while let byte = bytes.next() {
            if byte == UInt8(ascii: ":") { return true }
            guard isASCIILetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") else { return false }
        }
        return false
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }
}

/// Collects one document's pending links while cmark renders it.
private final class LinkLog {
    var pending: [PendingLink] = []
}
