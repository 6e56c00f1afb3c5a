import CCmark

// The only file that calls cmark. cmark pointers never leave it: the rest of
// the module sees `ScannedNode` values and refers to nodes by `handle`.

/// A node Placard looks at or changes, found by `CmarkDocument.scan()`.
struct ScannedNode {
    enum Kind {
        /// `text` is the heading's plain text (text and code spans, breaks as spaces).
        /// `isFirstBlock`: the heading is the document's first block.
        case heading(level: Int, text: String, isFirstBlock: Bool)
        /// The destination of a link, autolink or image (reference links included).
        case link(destination: String)
        /// A fenced code block; read its text with `CmarkDocument.literal(of:)`.
        case fencedCode(info: String)
        case codeSpan(literal: String)
    }

    var kind: Kind
    /// Position in the Markdown text (from 1), not yet shifted to a file line.
    /// `column` is cmark's byte column, or 0 when it is not trustworthy.
    var line: Int
    var column: Int
    /// Index (in the scan result) of the heading this node is inside, if any.
    var enclosingHeading: Int?
    /// Refers to the cmark node in the edit methods of `CmarkDocument`.
    var handle: Int
}

/// One parsed cmark tree: scan it once, make small edits, render it once.
final class CmarkDocument {
    private let root: OpaquePointer
    private let renderOptions: Int32
    /// The nodes handed out by `scan()`, indexed by `ScannedNode.handle`.
    private var nodes: [OpaquePointer] = []
    /// Nodes taken out of the tree. They are freed with the tree in `deinit`,
    /// so a handle never points at freed memory.
    private var detached: [OpaquePointer] = []

    /// Parses UTF-8 text (invalid sequences become U+FFFD).
    /// Smart punctuation only works at parse time; `unsafe` is kept for rendering.
    init(parsing text: UnsafeBufferPointer<UInt8>, smart: Bool, unsafe: Bool) {
        var options = CMARK_OPT_VALIDATE_UTF8
        if smart { options |= CMARK_OPT_SMART }
        if unsafe { options |= CMARK_OPT_UNSAFE }
        renderOptions = unsafe ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        root = text.withMemoryRebound(to: CChar.self) { chars in
            // An empty buffer may have no base address; cmark wants a pointer.
            guard let base = chars.baseAddress, chars.count > 0 else {
                return cmark_parse_document("", 0, options)
            }
            return cmark_parse_document(base, chars.count, options)
        }
    }

    deinit {
        cmark_node_free(root)
        for node in detached { cmark_node_free(node) }
    }

    // MARK: - Reading

    /// One pass over the tree: every heading, link, image, fenced code block and
    /// code span, in document order (a heading comes before the nodes inside it).
    ///
    /// Inline lines: cmark 0.30 miscounts them after a multi-line code span or
    /// raw HTML, for links that span lines (it gives the line of `]`) and after
    /// link reference definitions at the start of a paragraph. So lines are
    /// counted here from the breaks inside the enclosing paragraph or heading,
    /// anchored at its last line (paragraphs) or first line (headings, and
    /// paragraphs with code spans, whose newlines cmark turns into spaces).
    /// Still wrong: nodes after a code span that spans lines, and nodes in a
    /// paragraph that has code spans and starts with reference definitions.
    func scan() -> [ScannedNode] {
        var found: [ScannedNode] = []
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }

        // What we know of the inlines of the paragraph or heading being walked.
        var breaks = 0  // line breaks seen so far in it
        var hasCodeSpan = false
        var pending: [(index: Int, breaksBefore: Int)] = []
        var heading: (index: Int, text: String)?

        func add(_ kind: ScannedNode.Kind, _ node: OpaquePointer, line: Int, column: Int) -> Int {
            nodes.append(node)
            found.append(ScannedNode(
                kind: kind, line: line, column: column,
                enclosingHeading: heading?.index, handle: nodes.count - 1))
            return found.count - 1
        }

        // The block has ended: its last line is known, so its inlines get their lines.
        func finishBlock(_ node: OpaquePointer, isHeading: Bool) {
            let startLine = Int(cmark_node_get_start_line(node))
            let endLine = Int(cmark_node_get_end_line(node))
            for (index, breaksBefore) in pending {
                let line = isHeading || hasCodeSpan
                    ? startLine + breaksBefore
                    : endLine - (breaks - breaksBefore)
                // cmark's own column is only worth keeping when its line agrees.
                if line != found[index].line { found[index].column = 0 }
                found[index].line = line
            }
            breaks = 0
            hasCodeSpan = false
            pending.removeAll(keepingCapacity: true)
        }

        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)

            if event == CMARK_EVENT_EXIT {
                if type == CMARK_NODE_PARAGRAPH {
                    finishBlock(node, isHeading: false)
                } else if type == CMARK_NODE_HEADING, let current = heading {
                    if case .heading(let level, _, let isFirst) = found[current.index].kind {
                        let text = current.text.trimmingSpaces()
                        found[current.index].kind = .heading(level: level, text: text, isFirstBlock: isFirst)
                    }
                    heading = nil
                    finishBlock(node, isHeading: true)
                }
                continue
            }

            let line = Int(cmark_node_get_start_line(node))
            let column = Int(cmark_node_get_start_column(node))
            switch type {
            case CMARK_NODE_HEADING:
                let isFirst = cmark_node_parent(node) == root && cmark_node_previous(node) == nil
                let level = Int(cmark_node_get_heading_level(node))
                let index = add(.heading(level: level, text: "", isFirstBlock: isFirst), node, line: line, column: column)
                heading = (index, "")
            case CMARK_NODE_CODE_BLOCK:
                let info = string(cmark_node_get_fence_info(node))
                if !info.isEmpty {
                    _ = add(.fencedCode(info: info), node, line: line, column: column)
                }
            case CMARK_NODE_TEXT:
                heading?.text += string(cmark_node_get_literal(node))
            case CMARK_NODE_CODE:
                let literal = string(cmark_node_get_literal(node))
                heading?.text += literal
                hasCodeSpan = true
                let index = add(.codeSpan(literal: literal), node, line: line, column: column)
                pending.append((index, breaks))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                heading?.text += " "
                breaks += 1
            case CMARK_NODE_HTML_INLINE:
                breaks += newlines(cmark_node_get_literal(node))
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let index = add(.link(destination: string(cmark_node_get_url(node))), node, line: line, column: column)
                pending.append((index, breaks))
                breaks += newlines(cmark_node_get_title(node))  // a title may span lines
            default:
                break
            }
        }
        return found
    }

    /// The text of a code block.
    func literal(of handle: Int) -> String {
        string(cmark_node_get_literal(nodes[handle]))
    }

    // MARK: - Editing

    func setURL(_ handle: Int, _ url: String) {
        cmark_node_set_url(nodes[handle], url)
    }

    /// Puts `html` in place of a block. cmark's HTML renderer writes the
    /// on_enter text of a custom block verbatim, even without CMARK_OPT_UNSAFE.
    func replaceWithHTMLBlock(_ handle: Int, html: String) {
        let custom = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)
        cmark_node_set_on_enter(custom, html)
        cmark_node_set_on_exit(custom, "")
        replace(handle, with: custom)
    }

    /// Puts `html` in place of an inline node, written verbatim like a custom block.
    func replaceWithHTMLInline(_ handle: Int, html: String) {
        let custom = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)
        cmark_node_set_on_enter(custom, html)
        cmark_node_set_on_exit(custom, "")
        replace(handle, with: custom)
    }

    /// Renders a heading as `<hN id="...">…</hN>`: cmark cannot add attributes,
    /// so the heading becomes an empty custom block (which gives the same line
    /// breaks as a heading) holding a custom inline whose on_enter/on_exit are
    /// the tags, with the heading's inlines moved inside (still escaped by cmark).
    /// A custom block's own on_enter would be followed by a newline, hence the inline.
    func replaceHeading(_ handle: Int, level: Int, id: String) {
        let heading = nodes[handle]
        let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK)
        let tags = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)
        cmark_node_set_on_enter(block, "")
        cmark_node_set_on_exit(block, "")
        cmark_node_set_on_enter(tags, "<h\(level) id=\"\(escapeAttribute(id))\">")
        cmark_node_set_on_exit(tags, "</h\(level)>")
        cmark_node_append_child(block, tags)
        while let child = cmark_node_first_child(heading) {
            cmark_node_append_child(tags, child)
        }
        replace(handle, with: block)
    }

    /// Takes a node (and everything inside it) out of the tree.
    func remove(_ handle: Int) {
        cmark_node_unlink(nodes[handle])
        detached.append(nodes[handle])
    }

    private func replace(_ handle: Int, with new: OpaquePointer?) {
        guard let new else { return }
        cmark_node_replace(nodes[handle], new)
        detached.append(nodes[handle])
    }

    // MARK: - Rendering

    func renderHTML() -> String {
        guard let html = cmark_render_html(root, renderOptions) else { return "" }
        // Allocated by cmark's default allocator, so freed with it.
        defer { cmark_get_default_mem_allocator().pointee.free(html) }
        return String(cString: html)
    }

    // MARK: - Helpers

    private func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private func newlines(_ pointer: UnsafePointer<CChar>?) -> Int {
        guard var p = pointer else { return 0 }
        var count = 0
        while p.pointee != 0 {
            if p.pointee == 10 { count += 1 }
            p += 1
        }
        return count
    }

    private func escapeAttribute(_ value: String) -> String {
        // Slugs never need it; kept so that any id is safe.
        if !value.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }) {
            return value
        }
        var out = ""
        for ch in value {
            switch ch {
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(ch)
            }
        }
        return out
    }
}

extension String {
    /// Drops leading and trailing spaces (cmark's plain text has no other whitespace at the ends).
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }
}
