import Foundation
import PlacardDiagnostics

/// Finds what swift-mustache would silently render as nothing: a field that the
/// view model does not have, a partial or parent template that does not exist.
///
/// It reads the tags of a template that swift-mustache has already parsed
/// (so the structure is known to be sound) and resolves every name the way the
/// renderer does: the first part of a name is looked up through the context
/// stack from the top, the rest inside what was found.
struct TemplateChecker {
    let sources: [String: TemplateSource]
    private(set) var diagnostics: [Diagnostic] = []
    /// Partials already checked against a given stack, so recursive partials end.
    private var visited: Set<String> = []
    /// Partials being walked, each with the value it was entered on: entering one
    /// again on the same value means it includes itself without going deeper
    /// into the data, and rendering would never end.
    private var active: Set<String> = []
    /// A tag inside a recursive partial is checked at every depth: report it once.
    private var reported: Set<SourceLocation> = []

    init(sources: [String: TemplateSource]) {
        self.sources = sources
    }

    mutating func check(template name: String, model: TemplateSchema) {
        guard let source = sources[name] else { return }
        walk(source.tags, in: source, stack: [model], partialDepth: 0)
    }

    private mutating func walk(_ tags: [TemplateTag], in source: TemplateSource, stack: [TemplateSchema], partialDepth: Int) {
        for tag in tags {
            switch tag.kind {
            case .variable, .inverted:
                _ = resolve(tag, in: source, stack: stack)
                walk(tag.children, in: source, stack: stack, partialDepth: partialDepth)
            case .section:
                guard let found = resolve(tag, in: source, stack: stack) else { continue }
                var inner = stack
                switch found.kind {
                case .list: if let element = found.element { inner.append(element) }
                case .bool: break
                default: if tag.transforms.isEmpty || ["reversed", "sorted", "first", "last"].contains(tag.transforms[0]) { inner.append(found) }
                }
                walk(tag.children, in: source, stack: inner, partialDepth: partialDepth)
            case .block:
                walk(tag.children, in: source, stack: stack, partialDepth: partialDepth)
            case .partial, .parent:
                walk(tag.children, in: source, stack: stack, partialDepth: partialDepth)
                guard let partial = sources[tag.name] else {
                    let what = tag.kind == .parent ? "parent template" : "partial"
                    report("no \(what) named '\(tag.name)' (looked for \(tag.name).mustache in the theme)", at: tag, in: source)
                    continue
                }
                let here = "\(tag.name)#\(ObjectIdentifier(stack.last!).hashValue)"
                // Past the depth where a recursive type's schema was cut off, names fall
                // through to outer frames as they would not with real data: no verdict there.
                if active.contains(here), !stack.contains(where: { $0.kind == .unknown }) {
                    report("'\(tag.name)' includes itself without going deeper into a list of the data, so it would never end", at: tag, in: source)
                    continue
                }
                // Each (partial, stack depth) pair once: enough to see every name it uses.
                let key = "\(tag.name)#\(stack.count)#\(ObjectIdentifier(stack.last!).hashValue)"
                guard partialDepth < 16, visited.insert(key).inserted else { continue }
                active.insert(here)
                walk(partial.tags, in: partial, stack: stack, partialDepth: partialDepth + 1)
                active.remove(here)
            }
        }
    }

    private mutating func resolve(_ tag: TemplateTag, in source: TemplateSource, stack: [TemplateSchema]) -> TemplateSchema? {
        let name = tag.name
        if name == "." { return stack.last }
        // `{{#first()}}` and friends ask the renderer about the current sequence.
        if name.isEmpty { return TemplateSchema() }
        let parts = name.split(separator: ".", omittingEmptySubsequences: true).map(String.init)
        guard let first = parts.first else { return stack.last }
        let frames = name.hasPrefix(".") ? [stack.last!] : stack.reversed()
        var found: TemplateSchema?
        for frame in frames {
            if frame.isOpen { return TemplateSchema() }
            if let child = frame.fields[first] { found = child; break }
        }
        guard var node = found else {
            // Past the depth where the schema of a recursive type was cut off, nothing is known.
            if stack.contains(where: { $0.kind == .unknown }) { return TemplateSchema() }
            let known = stack.last!.fieldNames
            let hint = known.isEmpty ? "" : " (fields here: \(known.prefix(15).joined(separator: ", "))\(known.count > 15 ? ", …" : ""))"
            report("unknown field '\(first)'\(hint)", at: tag, in: source)
            return nil
        }
        for part in parts.dropFirst() {
            if node.isOpen { return TemplateSchema() }
            guard let child = node.fields[part] else {
                report("unknown field '\(part)' in '\(name)'", at: tag, in: source)
                return nil
            }
            node = child
        }
        return node
    }

    private func location(of tag: TemplateTag, in source: TemplateSource) -> SourceLocation {
        SourceLocation(file: source.origin, line: tag.line, column: tag.column)
    }

    private mutating func report(_ message: String, at tag: TemplateTag, in source: TemplateSource) {
        let place = location(of: tag, in: source)
        if reported.insert(place).inserted { diagnostics.append(.error(message, at: place)) }
    }
}

/// A template's tags as a tree, with the line and column of each.
struct TemplateSource: Sendable {
    var origin: String
    var tags: [TemplateTag]
}

struct TemplateTag: Sendable {
    enum Kind: Sendable { case variable, section, inverted, block, partial, parent }
    var kind: Kind
    /// The name with any transforms taken off: `uppercased(title)` -> `title`.
    var name: String
    var transforms: [String]
    var line: Int
    var column: Int
    var children: [TemplateTag] = []
}

enum TemplateTagScanner {
    /// Reads the tags of a template with the standard `{{ }}` delimiters.
    /// Delimiter changes are refused: the checker could not follow them.
    static func scan(_ text: String, origin: String) -> Result<[TemplateTag], Diagnostic> {
        var root: [TemplateTag] = []
        var open: [TemplateTag] = []
        let bytes = Array(text.utf8)
        var index = 0
        var line = 1
        var lineStart = 0

        func append(_ tag: TemplateTag) {
            if open.isEmpty { root.append(tag) } else { open[open.count - 1].children.append(tag) }
        }

        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "{"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{") else {
                index += 1
                continue
            }
            let column = String(decoding: bytes[lineStart..<index], as: UTF8.self).count + 1
            let triple = index + 2 < bytes.count && bytes[index + 2] == UInt8(ascii: "{")
            let contentStart = index + (triple ? 3 : 2)
            let closing: [UInt8] = triple ? Array("}}}".utf8) : Array("}}".utf8)
            guard let end = find(closing, in: bytes, from: contentStart) else {
                return .failure(.error("unclosed tag", at: SourceLocation(file: origin, line: line, column: column)))
            }
            let inside = String(decoding: bytes[contentStart..<end], as: UTF8.self)
            // Keep the line count right across tags that span lines (comments).
            for offset in index..<end where bytes[offset] == UInt8(ascii: "\n") {
                line += 1
                lineStart = offset + 1
            }
            index = end + closing.count
            if triple {
                append(tag(.variable, inside, line: line, column: column))
                continue
            }
            let trimmed = inside.trimmingCharacters(in: .whitespaces)
            guard let sigil = trimmed.first else { continue }
            let rest = String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces)
            switch sigil {
            case "!", "%": continue
            case "=":
                return .failure(.error("changing delimiters is not supported in Placard templates", at: SourceLocation(file: origin, line: line, column: column)))
            case "#": open.append(tag(.section, rest, line: line, column: column))
            case "^": open.append(tag(.inverted, rest, line: line, column: column))
            case "$": open.append(tag(.block, rest, line: line, column: column))
            case "<": open.append(tag(.parent, rest, line: line, column: column))
            case ">":
                // `{{>*name}}` picks the partial by a field's value: check the field.
                if rest.hasPrefix("*") {
                    append(tag(.variable, String(rest.dropFirst()), line: line, column: column))
                } else {
                    append(tag(.partial, rest, line: line, column: column))
                }
            case "/":
                guard let last = open.popLast() else { continue }
                append(last)
            case "&": append(tag(.variable, rest, line: line, column: column))
            default: append(tag(.variable, trimmed, line: line, column: column))
            }
        }
        // swift-mustache has already refused unbalanced sections; close any left.
        while let last = open.popLast() { append(last) }
        return .success(root)
    }

    private static func tag(_ kind: TemplateTag.Kind, _ raw: String, line: Int, column: Int) -> TemplateTag {
        var name = raw.trimmingCharacters(in: .whitespaces)
        var transforms: [String] = []
        // `a(b(c))`: transforms a and b applied to c.
        if kind != .partial, kind != .parent, kind != .block {
            while let open = name.firstIndex(of: "("), name.hasSuffix(")") {
                transforms.append(String(name[..<open]))
                name = String(name[name.index(after: open)..<name.index(before: name.endIndex)]).trimmingCharacters(in: .whitespaces)
            }
        }
        return TemplateTag(kind: kind, name: name, transforms: transforms, line: line, column: column)
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], Array(bytes[index..<index + needle.count]) == needle { return index }
            index += 1
        }
        return nil
    }
}
