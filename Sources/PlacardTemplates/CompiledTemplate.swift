import Foundation
import Mustache

/// A view model converted once for rendering: every value the templates can
/// meet, with no `Any` left to cast at each lookup.
///
/// A type a page shows thousands of (table cells) can make its own with
/// `TemplateValueConvertible`, skipping the casts of `TemplateFields`.
public enum TemplateValue: Sendable {
    case text(String)
    case bool(Bool)
    case number(Int)
    case list([TemplateValue])
    case object(TemplateObject)
    /// A field that is there but empty (a nil optional): it renders as nothing
    /// and, unlike a missing key, stops the lookup at the object that has it.
    case null
}

/// The field names of one kind of object, made once and shared by all its
/// objects: a page makes thousands of table rows, cells and links, and an
/// array of names each was an allocation each. Past 12 names, also their
/// positions by name.
public final class TemplateKeys: Sendable {
    let names: [String]
    let positions: [String: Int]?
    static let searchedLimit = 12

    public init(_ names: [String]) {
        self.names = names
        positions = names.count > Self.searchedLimit
            ? Dictionary(zip(names, names.indices), uniquingKeysWith: { first, _ in first }) : nil
    }

    func position(of name: String) -> Int? {
        if let positions { return positions[name] }
        return names.firstIndex(of: name)
    }
}

/// A converted struct or map. A final class, so that lists of objects share them.
/// Its fields are values in the order of its keys, looked up by name.
public final class TemplateObject: Sendable {
    private let keys: TemplateKeys
    private let values: [TemplateValue]

    public convenience init(_ fields: [String: TemplateValue]) {
        self.init(TemplateKeys(Array(fields.keys)), Array(fields.values))
    }

    /// `TemplateObject(Self.keys, [.text(title), .bool(current)])`, the values in
    /// the order of the keys.
    public init(_ keys: TemplateKeys, _ values: [TemplateValue]) {
        precondition(keys.names.count == values.count, "a template object needs one value per key")
        self.keys = keys
        self.values = values
    }

    public subscript(name: String) -> TemplateValue? {
        keys.position(of: name).map { values[$0] }
    }

    /// Every field by name.
    public var fields: [String: TemplateValue] {
        Dictionary(zip(keys.names, values), uniquingKeysWith: { first, _ in first })
    }
}

/// A template compiled from swift-mustache's own parse of it, rendered without
/// dynamic casts: swift-mustache decides what the template means (its parser,
/// its rules for standalone lines, partial indentation and inheritance), and
/// this replays that on `TemplateValue`s, several times faster.
///
/// swift-mustache keeps its tokens internal, so they are read with `Mirror`.
/// Anything this does not know (transforms on values, lambdas, dynamic partials,
/// pragmas, or a token layout from another swift-mustache version) makes the
/// theme fall back to swift-mustache's own renderer: see `TemplateSet`.
struct CompiledTemplate: Sendable {
    indirect enum Token: Sendable {
        case text([UInt8])
        case variable(Name, escaped: Bool)
        /// `{{#first()}}` and friends: a question about the current list item.
        case sequenceSection(SequenceQuestion, inverted: Bool, body: CompiledTemplate)
        case section(Name, body: CompiledTemplate)
        case invertedSection(Name, body: CompiledTemplate)
        case partial(String, indentation: [UInt8]?, overrides: [String: CompiledTemplate]?)
        case block(String, default: CompiledTemplate, indentation: [UInt8]?)
    }

    enum SequenceQuestion: String, Sendable {
        case first, last, even, odd
    }

    /// `a.b.c` split once; `.` alone is the current object.
    struct Name: Sendable {
        let parts: [String]
        let isCurrent: Bool
        /// `.a`: looked up in the current object only.
        let isLocal: Bool

        init(_ raw: String) {
            isCurrent = raw == "."
            isLocal = raw.first == "." && raw != "."
            parts = raw.split(separator: ".").map(String.init)
        }
    }

    let tokens: [Token]

    struct Unsupported: Error {}

    /// Compiles swift-mustache's tokens; throws `Unsupported` for anything not replayed here.
    init(_ template: MustacheTemplate) throws {
        guard let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value else {
            throw Unsupported()
        }
        self.tokens = try Mirror(reflecting: tokens).children.map { try Self.compile($0.value) }
    }

    private static func compile(_ token: Any) throws -> Token {
        guard let (kind, payload) = Mirror(reflecting: token).children.first.map({ ($0.label, $0.value) }), let kind else {
            throw Unsupported()
        }
        let fields = Mirror(reflecting: payload).children.map(\.value)
        func field<T>(_ index: Int, as type: T.Type) throws -> T {
            guard index < fields.count, let value = fields[index] as? T else { throw Unsupported() }
            return value
        }
        func optional<T>(_ index: Int, as type: T.Type) throws -> T? {
            guard index < fields.count else { throw Unsupported() }
            return fields[index] as? T
        }
        switch kind {
        case "text":
            guard let text = payload as? String else { throw Unsupported() }
            return .text(Array(text.utf8))
        case "variable", "unescapedVariable":
            guard try field(1, as: [String].self).isEmpty else { throw Unsupported() }
            return .variable(Name(try field(0, as: String.self)), escaped: kind == "variable")
        case "section", "invertedSection":
            let name = try field(0, as: String.self)
            let transforms = try field(1, as: [String].self)
            let body = try CompiledTemplate(try field(2, as: MustacheTemplate.self))
            if transforms.isEmpty {
                return kind == "section" ? .section(Name(name), body: body) : .invertedSection(Name(name), body: body)
            }
            guard name.isEmpty, transforms.count == 1, let question = SequenceQuestion(rawValue: transforms[0]) else {
                throw Unsupported()
            }
            return .sequenceSection(question, inverted: kind == "invertedSection", body: body)
        case "partial":
            let overrides = try optional(2, as: [String: MustacheTemplate].self)?.mapValues(CompiledTemplate.init)
            return .partial(try field(0, as: String.self), indentation: try optional(1, as: String.self).map { Array($0.utf8) }, overrides: overrides)
        case "blockExpansion":
            return .block(
                try field(0, as: String.self), default: try CompiledTemplate(try field(1, as: MustacheTemplate.self)),
                indentation: try optional(2, as: String.self).map { Array($0.utf8) })
        default:
            throw Unsupported()
        }
    }
}

/// Where a render is: what swift-mustache's `MustacheContext` holds, for the
/// features replayed here. The stack of values is passed apart, `inout`, and
/// pushed and popped: copying it for every list item made an array per item.
struct RenderContext {
    var sequence: (index: Int, isLast: Bool)?
    var indentation: [UInt8]?
    var inherited: [String: CompiledTemplate]?
}

extension CompiledTemplate {
    /// Appends the rendering to `output`. Each call keeps swift-mustache's rule
    /// for partial indentation: before a token's non-empty output, when what this
    /// call has written so far ends a line.
    func render(_ context: RenderContext, _ stack: inout [TemplateValue], partials: [String: CompiledTemplate], into output: inout [UInt8]) {
        let start = output.count
        for token in tokens {
            guard let indentation = context.indentation, !indentation.isEmpty else {
                render(token, context, &stack, partials: partials, into: &output)
                continue
            }
            // Indent first and take it back if the token wrote nothing.
            guard Self.endsLine(output, from: start, to: output.count) else {
                render(token, context, &stack, partials: partials, into: &output)
                continue
            }
            output.append(contentsOf: indentation)
            let before = output.count
            render(token, context, &stack, partials: partials, into: &output)
            if output.count == before { output.removeLast(indentation.count) }
        }
    }

    /// Whether `output[start..<end]` ends with a line break (Swift's `String.last == "\n"`:
    /// a CR LF pair is one character, and not "\n").
    private static func endsLine(_ output: [UInt8], from start: Int, to end: Int) -> Bool {
        guard end > start, output[end - 1] == UInt8(ascii: "\n") else { return false }
        return !(end - 1 > start && output[end - 2] == UInt8(ascii: "\r"))
    }

    private func render(_ token: Token, _ context: RenderContext, _ stack: inout [TemplateValue], partials: [String: CompiledTemplate], into output: inout [UInt8]) {
        switch token {
        case .text(let bytes):
            output.append(contentsOf: bytes)
        case .variable(let name, let escaped):
            guard let value = Self.lookup(name, in: stack) else { return }
            switch value {
            case .text(let text): escaped ? Self.appendEscaped(text, to: &output) : output.append(contentsOf: text.utf8)
            case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
            case .number(let number): output.append(contentsOf: String(number).utf8)
            case .list, .object, .null: break
            }
        case .section(let name, let body):
            switch Self.lookup(name, in: stack) {
            case .list(let items)?:
                var inner = context
                for (index, item) in items.enumerated() {
                    inner.sequence = (index, index == items.count - 1)
                    stack.append(item)
                    body.render(inner, &stack, partials: partials, into: &output)
                    stack.removeLast()
                }
            case .bool(let flag)?:
                if flag { body.render(context, &stack, partials: partials, into: &output) }
            case .null?, nil:
                break
            case let value?:
                var inner = context
                inner.sequence = nil
                stack.append(value)
                body.render(inner, &stack, partials: partials, into: &output)
                stack.removeLast()
            }
        case .invertedSection(let name, let body):
            switch Self.lookup(name, in: stack) {
            case .list(let items)? where items.isEmpty:
                // swift-mustache renders an empty list's inverted section inside the list.
                var inner = context
                inner.sequence = nil
                stack.append(.list(items))
                body.render(inner, &stack, partials: partials, into: &output)
                stack.removeLast()
            case .bool(false)?, .null?, nil:
                body.render(context, &stack, partials: partials, into: &output)
            default:
                break
            }
        case .sequenceSection(let question, let inverted, let body):
            guard let sequence = context.sequence else {
                if inverted { body.render(context, &stack, partials: partials, into: &output) }
                return
            }
            let answer: Bool
            switch question {
            case .first: answer = sequence.index == 0
            case .last: answer = sequence.isLast
            case .even: answer = sequence.index & 1 == 0
            case .odd: answer = sequence.index & 1 == 1
            }
            if answer != inverted { body.render(context, &stack, partials: partials, into: &output) }
        case .partial(let name, let indentation, let overrides):
            guard let partial = partials[name] else { return }
            var inner = context
            inner.sequence = nil
            if let indentation { inner.indentation = (context.indentation ?? []) + indentation }
            if let overrides {
                // The outer template's blocks win over the ones it passes in.
                inner.inherited = (context.inherited ?? [:]).merging(overrides) { outer, _ in outer }
            }
            partial.render(inner, &stack, partials: partials, into: &output)
        case .block(let name, let fallback, let indentation):
            var inner = context
            if let indentation { inner.indentation = (context.indentation ?? []) + indentation }
            (context.inherited?[name] ?? fallback).render(inner, &stack, partials: partials, into: &output)
        }
    }

    /// swift-mustache's lookup: the first part of a name through the stack from
    /// the top, the rest inside what was found; a null ends it.
    static func lookup(_ name: Name, in stack: [TemplateValue]) -> TemplateValue? {
        if name.isCurrent { return stack.last }
        guard let first = name.parts.first else { return stack.last }
        var found: TemplateValue?
        if name.isLocal {
            found = stack.last.flatMap { child(first, of: $0) }
        } else {
            for frame in stack.reversed() {
                if let value = child(first, of: frame) {
                    found = value
                    break
                }
            }
        }
        for part in name.parts.dropFirst() {
            guard let value = found else { return nil }
            found = child(part, of: value)
        }
        if case .null? = found { return nil }
        return found
    }

    private static func child(_ name: String, of value: TemplateValue) -> TemplateValue? {
        guard case .object(let object) = value else { return nil }
        return object[name]
    }

    /// The five characters swift-mustache escapes, escaped byte by byte (so a
    /// combining mark after a quote cannot hide the quote).
    static func appendEscaped(_ text: String, to output: inout [UInt8]) {
        // Runs without any of the five are copied whole: most text has none.
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() where needsEscape(byte) {
                output.append(contentsOf: bytes[start..<index])
                appendEscaped(byte: byte, to: &output)
                start = index + 1
            }
            output.append(contentsOf: bytes[start...])
        }
        if copied == nil {
            for byte in text.utf8 { appendEscaped(byte: byte, to: &output) }
        }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
        default: false
        }
    }

    private static func appendEscaped(byte: UInt8, to output: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "<"): output.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
        case UInt8(ascii: ">"): output.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
        case UInt8(ascii: "&"): output.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
        case UInt8(ascii: "\""): output.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
        case UInt8(ascii: "'"): output.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])  // &#39;
        default: output.append(byte)
        }
    }
}
