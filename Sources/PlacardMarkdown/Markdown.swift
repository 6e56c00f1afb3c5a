import PlacardDiagnostics

/// How a narrative's Markdown is rendered.
public struct MarkdownOptions: Sendable, Hashable {
    /// Keep raw HTML and links with unsafe schemes (`javascript:` …). When false,
    /// cmark writes `<!-- raw HTML omitted -->` and empties unsafe destinations.
    public var unsafeHTML: Bool
    /// Curly quotes, dashes and ellipses (cmark's CMARK_OPT_SMART).
    public var smartPunctuation: Bool
    /// When a leading title is taken (`takeLeadingTitle`), render the other
    /// level-1 headings as level 2, so that a page has a single `<h1>`.
    public var demoteHeadings: Bool

    public init(unsafeHTML: Bool = false, smartPunctuation: Bool = false, demoteHeadings: Bool = true) {
        self.unsafeHTML = unsafeHTML
        self.smartPunctuation = smartPunctuation
        self.demoteHeadings = demoteHeadings
    }
}

/// A heading of the rendered body (the taken title is not one), in document order.
public struct MarkdownHeading: Sendable, Hashable {
    /// The level it is rendered at, after demotion.
    public var level: Int
    /// Plain text: the heading's text and code spans, without markup (a figure
    /// span counts as its written `=…` text, not its rendered value).
    public var text: String
    /// The `id` attribute of its `<hN>` tag, unique within the document.
    public var id: String
    public var location: SourceLocation

    public init(level: Int, text: String, id: String, location: SourceLocation) {
        self.level = level
        self.text = text
        self.id = id
        self.location = location
    }
}

/// What to do with a link or image destination.
public enum LinkResolution: Sendable, Hashable {
    /// Leave the destination as written.
    case keep
    /// Use this destination instead (e.g. `other.md` -> `../other/`).
    case replace(String)
    /// Report this message as an error at the link; the destination is kept.
    case error(String)
}

/// Callbacks made while one document is rendered, in document order. All are
/// optional: when one is nil, the nodes it would handle are left as they are.
///
/// Not `Sendable`: hooks are called only during `Markdown.render`, on the
/// caller's thread, so they may capture the caller's local state.
public struct MarkdownHooks {
    /// Called for every link, autolink and image destination (reference-style
    /// links included), with the location of the link.
    public var resolveLink: ((_ destination: String, _ location: SourceLocation) -> LinkResolution)?

    /// Called for a fenced code block whose info string's first word is
    /// `placard`, with the block's text and the location of its first line
    /// (the line after the opening fence; column = the fence's column), so a
    /// line `n` (from 1) of `yaml` is file line `location.line + n - 1`; an
    /// empty block, which has no first line, gets the fence's line.
    /// `.success(html)`: the HTML written in place of the block, verbatim.
    /// `.failure`: the diagnostic is collected and the block is left as code.
    public var renderPlacardBlock: ((_ yaml: String, _ location: SourceLocation) -> Result<String, Diagnostic>)?

    /// Called for an inline code span whose text starts with `=`, with the text
    /// after the `=` (spaces trimmed) and the span's location (its column is
    /// that of the `=`, just inside the backticks, as cmark reports it).
    /// `.success(html)`: written in place of the code span, verbatim, so it must
    /// be escaped already. `.failure`: collected; the code span is left as is.
    public var renderFigure: ((_ expression: String, _ location: SourceLocation) -> Result<String, Diagnostic>)?

    public init(
        resolveLink: ((_ destination: String, _ location: SourceLocation) -> LinkResolution)? = nil,
        renderPlacardBlock: ((_ yaml: String, _ location: SourceLocation) -> Result<String, Diagnostic>)? = nil,
        renderFigure: ((_ expression: String, _ location: SourceLocation) -> Result<String, Diagnostic>)? = nil
    ) {
        self.resolveLink = resolveLink
        self.renderPlacardBlock = renderPlacardBlock
        self.renderFigure = renderFigure
    }
}

/// The result of rendering one document.
public struct RenderedMarkdown: Sendable, Hashable {
    /// The body as HTML (cmark's output, with ids on headings and the hooks' changes).
    public var html: String
    /// The body's headings, at their final levels.
    public var headings: [MarkdownHeading]
    /// The plain text of the leading level-1 heading taken out of the body, if any.
    public var title: String?
    /// Errors reported by the hooks, in document order.
    public var diagnostics: [Diagnostic]

    public init(html: String, headings: [MarkdownHeading], title: String?, diagnostics: [Diagnostic]) {
        self.html = html
        self.headings = headings
        self.title = title
        self.diagnostics = diagnostics
    }
}

/// Renders CommonMark with cmark 0.30: one parse, one pass over the tree, one render.
public enum Markdown {
    /// Renders one document.
    ///
    /// - Parameters:
    ///   - file: the path used in diagnostics and locations.
    ///   - firstLine: the file line the Markdown text starts at (front matter
    ///     comes before it), so every reported line is a line of the file.
    ///   - takeLeadingTitle: when the document's first block is a level-1
    ///     heading, take it out of the body and return its plain text as
    ///     `title`; with `options.demoteHeadings`, other level-1 headings
    ///     become level 2. Nodes inside a taken title are not passed to hooks.
    ///
    /// Every heading gets an `id` (`slug` of its text, made unique with `-1`,
    /// `-2`, …). Reported lines are exact except after a code span that spans
    /// lines in the same paragraph (see `CmarkDocument.scan`); columns are
    /// cmark's byte columns, or 0 when unsure (continuation lines inside block
    /// quotes and list items may be off).
    public static func render(
        _ text: String, file: String, firstLine: Int = 1,
        options: MarkdownOptions = MarkdownOptions(), hooks: MarkdownHooks = MarkdownHooks(),
        takeLeadingTitle: Bool = false
    ) -> RenderedMarkdown {
        var text = text
        return text.withUTF8 { bytes in
            render(bytes, file: file, firstLine: firstLine, options: options, hooks: hooks, takeLeadingTitle: takeLeadingTitle)
        }
    }

    /// Renders one document given as bytes; invalid UTF-8 becomes U+FFFD.
    public static func render(
        utf8 bytes: [UInt8], file: String, firstLine: Int = 1,
        options: MarkdownOptions = MarkdownOptions(), hooks: MarkdownHooks = MarkdownHooks(),
        takeLeadingTitle: Bool = false
    ) -> RenderedMarkdown {
        bytes.withUnsafeBufferPointer { bytes in
            render(bytes, file: file, firstLine: firstLine, options: options, hooks: hooks, takeLeadingTitle: takeLeadingTitle)
        }
    }

    private static func render(
        _ bytes: UnsafeBufferPointer<UInt8>, file: String, firstLine: Int,
        options: MarkdownOptions, hooks: MarkdownHooks, takeLeadingTitle: Bool
    ) -> RenderedMarkdown {
        let document = CmarkDocument(parsing: bytes, smart: options.smartPunctuation, unsafe: options.unsafeHTML)
        let nodes = document.scan()

        func location(_ line: Int, _ column: Int) -> SourceLocation {
            line > 0 ? SourceLocation(file: file, line: line + firstLine - 1, column: column) : SourceLocation(file: file)
        }

        var titleIndex: Int?
        if takeLeadingTitle, let first = nodes.firstIndex(where: \.isHeading),
           case .heading(1, _, isFirstBlock: true) = nodes[first].kind {
            titleIndex = first
        }

        // Links, placard blocks and figures first: editing them never frees a
        // node, and headings only move their children.
        var diagnostics: [Diagnostic] = []
        for node in nodes where titleIndex == nil || node.enclosingHeading != titleIndex {
            switch node.kind {
            case .heading:
                break
            case .link(let destination):
                guard let resolve = hooks.resolveLink else { break }
                switch resolve(destination, location(node.line, node.column)) {
                case .keep: break
                case .replace(let url): document.setURL(node.handle, url)
                case .error(let message): diagnostics.append(.error(message, at: location(node.line, node.column)))
                }
            case .fencedCode(let info):
                guard let renderBlock = hooks.renderPlacardBlock, firstWord(info) == "placard" else { break }
                let yaml = document.literal(of: node.handle)
                // An empty block has no first line: the last line of a file may be its fence.
                switch renderBlock(yaml, location(yaml.isEmpty ? node.line : node.line + 1, node.column)) {
                case .success(let html): document.replaceWithHTMLBlock(node.handle, html: html)
                case .failure(let diagnostic): diagnostics.append(diagnostic)
                }
            case .codeSpan(let literal):
                guard let renderFigure = hooks.renderFigure, literal.first == "=" else { break }
                let expression = String(literal.dropFirst()).trimmingSpaces()
                switch renderFigure(expression, location(node.line, node.column)) {
                case .success(let html): document.replaceWithHTMLInline(node.handle, html: html)
                case .failure(let diagnostic): diagnostics.append(diagnostic)
                }
            }
        }

        var title: String?
        var headings: [MarkdownHeading] = []
        var ids = HeadingIDs()
        for (index, node) in nodes.enumerated() {
            guard case .heading(var level, let text, _) = node.kind else { continue }
            if index == titleIndex {
                title = text
                document.remove(node.handle)
                continue
            }
            if takeLeadingTitle && options.demoteHeadings && level == 1 { level = 2 }
            let id = ids.claim(slug(text))
            document.replaceHeading(node.handle, level: level, id: id)
            headings.append(MarkdownHeading(level: level, text: text, id: id, location: location(node.line, node.column)))
        }

        return RenderedMarkdown(html: document.renderHTML(), headings: headings, title: title, diagnostics: diagnostics)
    }

    private static func firstWord(_ info: String) -> Substring {
        info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? ""
    }
}

extension ScannedNode {
    var isHeading: Bool {
        if case .heading = kind { return true }
        return false
    }
}
