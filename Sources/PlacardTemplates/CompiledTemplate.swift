import Foundation
import Mustache
import Synchronization

/// A view model converted once for rendering: every value the templates can
/// meet, with no `Any` left to cast at each lookup.
///
/// A type a page shows thousands of (table cells) makes its own with
/// `TemplateValueConvertible`, skipping `Mirror` and dynamic casts.
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

/// Field names as numbers, given once per name for the whole program: a
/// template's names and a view model's keys are compared as integers.
enum TemplateNames {
    private static let numbers = Mutex<[String: Int32]>([:])

    static func number(_ name: String) -> Int32 {
        numbers.withLock { numbers in
            if let number = numbers[name] { return number }
            let number = Int32(numbers.count)
            numbers[name] = number
            return number
        }
    }

    /// The number of a name already given one; nil means no key has that name.
    static func existingNumber(_ name: String) -> Int32? {
        numbers.withLock { $0[name] }
    }
}

/// The field names of one kind of object, made once and shared by all its
/// objects: a page makes thousands of table rows, cells and links, and an
/// array of names each was an allocation each. Past 12 names, also their
/// positions by number.
///
/// Keys are kept for the life of the program (a type's are made once, in a
/// `static let`; a map's are reused for the same names), so objects refer to
/// them without counting references: two cores counting references to the
/// same keys made each wait for the other.
public final class TemplateKeys: Sendable {
    let names: [String]
    let numbers: [Int32]
    let positions: [Int32: Int]?
    static let searchedLimit = 12
    private static let kept = Mutex<[TemplateKeys]>([])
    private static let byNames = Mutex<[[String]: TemplateKeys]>([:])

    public convenience init(_ names: [String]) {
        self.init(unkept: names)
        Self.kept.withLock { $0.append(self) }
    }

    private init(unkept names: [String]) {
        self.names = names
        numbers = names.map(TemplateNames.number)
        positions = names.count > Self.searchedLimit
            ? Dictionary(zip(numbers, numbers.indices), uniquingKeysWith: { first, _ in first }) : nil
    }

    /// The kept keys for these names, made the first time they are asked for.
    static func reused(_ names: [String]) -> TemplateKeys {
        byNames.withLock { byNames in
            if let keys = byNames[names] { return keys }
            let keys = TemplateKeys(unkept: names)
            byNames[names] = keys
            return keys
        }
    }

    func position(of number: Int32) -> Int? {
        if let positions { return positions[number] }
        return numbers.firstIndex(of: number)
    }
}

/// A converted struct or map. A final class, so that lists of objects share them.
/// Its fields are values in the order of its keys, looked up by number.
public final class TemplateObject: Sendable {
    private unowned(unsafe) let keys: TemplateKeys
    private let values: [TemplateValue]

    /// A map's fields, in the order of their names, so the same names reuse the same keys.
    public convenience init(_ fields: [String: TemplateValue]) {
        let sorted = fields.sorted { $0.key < $1.key }
        self.init(TemplateKeys.reused(sorted.map(\.key)), sorted.map(\.value))
    }

    /// `TemplateObject(Self.keys, [.text(title), .bool(current)])`, the values in
    /// the order of the keys.
    public init(_ keys: TemplateKeys, _ values: [TemplateValue]) {
        precondition(keys.names.count == values.count, "a template object needs one value per key")
        self.keys = keys
        self.values = values
    }

    public subscript(name: String) -> TemplateValue? {
        TemplateNames.existingNumber(name).flatMap { self[number: $0] }
    }

    subscript(number number: Int32) -> TemplateValue? {
        keys.position(of: number).map { values[$0] }
    }

    /// Every field by name.
    public var fields: [String: TemplateValue] {
        Dictionary(zip(keys.names, values), uniquingKeysWith: { first, _ in first })
    }
}

/// A theme's templates compiled from swift-mustache's own parse of them, and
/// rendered without dynamic casts: swift-mustache decides what a template means
/// (its parser, its rules for standalone lines, partial indentation and
/// inheritance), and this replays that on `TemplateValue`s, several times faster.
///
/// Every template is one run of `steps` in a single list; a section's body is
/// the steps up to its end, a partial is named by its run, a name by its
/// number. Steps hold only numbers, so rendering reads them without counting
/// references to anything the two cores share.
///
/// swift-mustache keeps its tokens internal, so they are read with `Mirror`.
/// Anything this does not know (transforms on values, lambdas, dynamic partials,
/// pragmas, or a token layout from another swift-mustache version) makes the
/// theme fall back to swift-mustache's own renderer: see `TemplateSet`.
struct CompiledTheme: Sendable {
    enum Step: Sendable {
        case text(Span)
        case variable(Name, escaped: Bool)
        /// `{{#first()}}` and friends: a question about the current list item.
        case sequenceSection(SequenceQuestion, inverted: Bool, end: Int32)
        case section(Name, end: Int32)
        case invertedSection(Name, end: Int32)
        /// `template` is -1 for a partial the theme does not have; `overrides`
        /// is -1 without blocks passed in.
        case partial(template: Int32, indentation: Span?, overrides: Int32)
        /// Its default is the steps up to `end`.
        case block(name: Int32, end: Int32, indentation: Span?)
    }

    /// Bytes of `text`.
    struct Span: Sendable {
        var start: Int32
        var end: Int32
    }

    enum SequenceQuestion: String, Sendable {
        case first, last, even, odd
    }

    /// `a.b.c` as numbers; `.` alone is the current object.
    struct Name: Sendable {
        enum Scope: Sendable {
            case current
            /// `.a`: looked up in the current object only.
            case local
            case stack
        }
        var scope: Scope
        var first: Int32
        /// The other parts of a dotted name, in `rests`; -1 for none.
        var rest: Int32
    }

    let steps: [Step]
    let text: [UInt8]
    let rests: [[Int32]]
    /// Blocks a partial passes in: each block's number and steps, by the partial's `overrides`.
    let overrides: [[(name: Int32, body: Range<Int32>)]]
    /// Each template's steps, by the number partials name it by.
    private let runs: [Range<Int32>]
    private let numbers: [String: Int32]

    struct Unsupported: Error {}

    /// Compiles swift-mustache's tokens for every template; throws `Unsupported`
    /// for anything not replayed here.
    init(_ templates: [String: MustacheTemplate]) throws {
        let names = templates.keys.sorted()
        var compiler = Compiler(numbers: Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Int32($0)) }))
        var runs: [Range<Int32>] = []
        for name in names { runs.append(try compiler.run(templates[name]!)) }
        // Blocks passed to partials go after every template, out of the way.
        var passed = 0
        while passed < compiler.passed.count {
            var blocks: [(name: Int32, body: Range<Int32>)] = []
            for (block, body) in compiler.passed[passed].sorted(by: { $0.key < $1.key }) {
                blocks.append((TemplateNames.number(block), try compiler.run(body)))
            }
            compiler.overrides.append(blocks)
            passed += 1
        }
        steps = compiler.steps
        text = compiler.text
        rests = compiler.rests
        overrides = compiler.overrides
        numbers = compiler.numbers
        self.runs = runs
    }

    /// The steps of a template, by its name.
    func run(_ template: String) -> Range<Int32>? {
        numbers[template].map { runs[Int($0)] }
    }

    func run(number: Int32) -> Range<Int32> { runs[Int(number)] }
}

extension CompiledTheme {
    private struct Compiler {
        let numbers: [String: Int32]
        var steps: [Step] = []
        var text: [UInt8] = []
        var rests: [[Int32]] = []
        var overrides: [[(name: Int32, body: Range<Int32>)]] = []
        /// Blocks passed to partials, compiled last: a partial's `overrides` is its place here.
        var passed: [[String: MustacheTemplate]] = []

        init(numbers: [String: Int32]) {
            self.numbers = numbers
        }

        mutating func run(_ template: MustacheTemplate) throws -> Range<Int32> {
            let start = Int32(steps.count)
            try compile(template)
            return start..<Int32(steps.count)
        }

        private mutating func compile(_ template: MustacheTemplate) throws {
            guard let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value else {
                throw Unsupported()
            }
            for token in Mirror(reflecting: tokens).children { try compile(token: token.value) }
        }

        /// Compiles a body after its opening step, then points that step at the body's end.
        private mutating func compileBody(_ template: MustacheTemplate, opening: Step) throws {
            let index = steps.count
            steps.append(opening)
            try compile(template)
            let end = Int32(steps.count)
            switch opening {
            case .sequenceSection(let question, let inverted, _): steps[index] = .sequenceSection(question, inverted: inverted, end: end)
            case .section(let name, _): steps[index] = .section(name, end: end)
            case .invertedSection(let name, _): steps[index] = .invertedSection(name, end: end)
            case .block(let name, _, let indentation): steps[index] = .block(name: name, end: end, indentation: indentation)
            default: throw Unsupported()
            }
        }

        private mutating func span(_ string: String) -> Span {
            let start = Int32(text.count)
            text.append(contentsOf: string.utf8)
            return Span(start: start, end: Int32(text.count))
        }

        private mutating func name(_ raw: String) -> Name {
            let parts = raw.split(separator: ".").map(String.init)
            guard raw != ".", let first = parts.first else { return Name(scope: .current, first: -1, rest: -1) }
            var rest: Int32 = -1
            if parts.count > 1 {
                rest = Int32(rests.count)
                rests.append(parts.dropFirst().map(TemplateNames.number))
            }
            return Name(scope: raw.first == "." ? .local : .stack, first: TemplateNames.number(first), rest: rest)
        }

        private mutating func compile(token: Any) throws {
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
                guard let string = payload as? String else { throw Unsupported() }
                steps.append(.text(span(string)))
            case "variable", "unescapedVariable":
                guard try field(1, as: [String].self).isEmpty else { throw Unsupported() }
                steps.append(.variable(name(try field(0, as: String.self)), escaped: kind == "variable"))
            case "section", "invertedSection":
                let raw = try field(0, as: String.self)
                let transforms = try field(1, as: [String].self)
                let body = try field(2, as: MustacheTemplate.self)
                if transforms.isEmpty {
                    let name = name(raw)
                    try compileBody(body, opening: kind == "section" ? .section(name, end: 0) : .invertedSection(name, end: 0))
                    return
                }
                guard raw.isEmpty, transforms.count == 1, let question = SequenceQuestion(rawValue: transforms[0]) else {
                    throw Unsupported()
                }
                try compileBody(body, opening: .sequenceSection(question, inverted: kind == "invertedSection", end: 0))
            case "partial":
                let template = numbers[try field(0, as: String.self)] ?? -1
                let indentation = try optional(1, as: String.self).map { span($0) }
                var overrides: Int32 = -1
                if let blocks = try optional(2, as: [String: MustacheTemplate].self) {
                    overrides = Int32(passed.count)
                    passed.append(blocks)
                }
                steps.append(.partial(template: template, indentation: indentation, overrides: overrides))
            case "blockExpansion":
                let indentation = try optional(2, as: String.self).map { span($0) }
                let name = TemplateNames.number(try field(0, as: String.self))
                try compileBody(try field(1, as: MustacheTemplate.self), opening: .block(name: name, end: 0, indentation: indentation))
            default:
                throw Unsupported()
            }
        }
    }
}

/// Where a render is: what swift-mustache's `MustacheContext` holds, for the
/// features replayed here.
struct RenderContext {
    var sequence: (index: Int, isLast: Bool)?
    var indentation: [UInt8]?
    /// Blocks passed in, by number, to the steps that replace them.
    var inherited: [Int32: Range<Int32>]?
}

extension CompiledTheme {
    /// Renders a template on `value`, appending to `output`.
    func render(_ run: Range<Int32>, _ value: TemplateValue, into output: inout [UInt8]) {
        steps.withUnsafeBufferPointer { steps in
            text.withUnsafeBufferPointer { text in
                var renderer = Renderer(theme: self, steps: steps, text: text, output: output)
                output = []
                renderer.stack.reserveCapacity(16)
                renderer.stack.append(value)
                renderer.render(run, RenderContext())
                output = renderer.output
            }
        }
    }

    /// One render: the stack of values is pushed and popped, not copied per list item.
    private struct Renderer {
        let theme: CompiledTheme
        let steps: UnsafeBufferPointer<Step>
        let text: UnsafeBufferPointer<UInt8>
        var output: [UInt8]
        var stack: [TemplateValue] = []

        init(theme: CompiledTheme, steps: UnsafeBufferPointer<Step>, text: UnsafeBufferPointer<UInt8>, output: [UInt8]) {
            self.theme = theme
            self.steps = steps
            self.text = text
            self.output = output
        }

        /// Each call keeps swift-mustache's rule for partial indentation: before
        /// a step's non-empty output, when what this call has written so far ends a line.
        mutating func render(_ run: Range<Int32>, _ context: RenderContext) {
            let start = output.count
            var index = Int(run.lowerBound)
            let end = Int(run.upperBound)
            while index < end {
                let next = Self.next(after: steps[index], at: index)
                guard let indentation = context.indentation, !indentation.isEmpty,
                      Self.endsLine(output, from: start, to: output.count) else {
                    perform(index, context)
                    index = next
                    continue
                }
                // Indent first and take it back if the step wrote nothing.
                output.append(contentsOf: indentation)
                let before = output.count
                perform(index, context)
                if output.count == before { output.removeLast(indentation.count) }
                index = next
            }
        }

        /// The step after this one and its body, if it has one.
        private static func next(after step: Step, at index: Int) -> Int {
            switch step {
            case .sequenceSection(_, _, let end), .section(_, let end), .invertedSection(_, let end), .block(_, let end, _):
                return Int(end)
            case .text, .variable, .partial:
                return index + 1
            }
        }

        /// Whether `output[start..<end]` ends with a line break (Swift's `String.last == "\n"`:
        /// a CR LF pair is one character, and not "\n").
        private static func endsLine(_ output: [UInt8], from start: Int, to end: Int) -> Bool {
            guard end > start, output[end - 1] == UInt8(ascii: "\n") else { return false }
            return !(end - 1 > start && output[end - 2] == UInt8(ascii: "\r"))
        }

        private mutating func perform(_ index: Int, _ context: RenderContext) {
            let body = Int32(index + 1)
            switch steps[index] {
            case .text(let span):
                output.append(contentsOf: UnsafeBufferPointer(rebasing: text[Int(span.start)..<Int(span.end)]))
            case .variable(let name, let escaped):
                guard let value = lookup(name) else { return }
                switch value {
                case .text(let string): escaped ? appendEscaped(string, to: &output) : output.append(contentsOf: string.utf8)
                case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
                case .number(let number): output.append(contentsOf: String(number).utf8)
                case .list, .object, .null: break
                }
            case .section(let name, let end):
                switch lookup(name) {
                case .list(let items)?:
                    var inner = context
                    for (position, item) in items.enumerated() {
                        inner.sequence = (position, position == items.count - 1)
                        stack.append(item)
                        render(body..<end, inner)
                        stack.removeLast()
                    }
                case .bool(let flag)?:
                    if flag { render(body..<end, context) }
                case .null?, nil:
                    break
                case let value?:
                    var inner = context
                    inner.sequence = nil
                    stack.append(value)
                    render(body..<end, inner)
                    stack.removeLast()
                }
            case .invertedSection(let name, let end):
                switch lookup(name) {
                case .list(let items)? where items.isEmpty:
                    // swift-mustache renders an empty list's inverted section inside the list.
                    var inner = context
                    inner.sequence = nil
                    stack.append(.list(items))
                    render(body..<end, inner)
                    stack.removeLast()
                case .bool(false)?, .null?, nil:
                    render(body..<end, context)
                default:
                    break
                }
            case .sequenceSection(let question, let inverted, let end):
                guard let sequence = context.sequence else {
                    if inverted { render(body..<end, context) }
                    return
                }
                let answer: Bool
                switch question {
                case .first: answer = sequence.index == 0
                case .last: answer = sequence.isLast
                case .even: answer = sequence.index & 1 == 0
                case .odd: answer = sequence.index & 1 == 1
                }
                if answer != inverted { render(body..<end, context) }
            case .partial(let template, let indentation, let overrides):
                guard template >= 0 else { return }
                var inner = context
                inner.sequence = nil
                indent(&inner, by: indentation)
                if overrides >= 0 {
                    // The outer template's blocks win over the ones it passes in.
                    var inherited = context.inherited ?? [:]
                    for (name, steps) in theme.overrides[Int(overrides)] where inherited[name] == nil {
                        inherited[name] = steps
                    }
                    inner.inherited = inherited
                }
                render(theme.run(number: template), inner)
            case .block(let name, let end, let indentation):
                var inner = context
                indent(&inner, by: indentation)
                render(context.inherited?[name] ?? body..<end, inner)
            }
        }

        private func indent(_ context: inout RenderContext, by span: Span?) {
            guard let span, span.end > span.start else { return }
            context.indentation = (context.indentation ?? []) + text[Int(span.start)..<Int(span.end)]
        }

        /// swift-mustache's lookup: the first part of a name through the stack from
        /// the top, the rest inside what was found; a null ends it.
        private func lookup(_ name: Name) -> TemplateValue? {
            var found: TemplateValue?
            switch name.scope {
            case .current:
                return stack.last
            case .local:
                found = stack.last.flatMap { Self.child(name.first, of: $0) }
            case .stack:
                var frame = stack.count - 1
                while frame >= 0 {
                    if let value = Self.child(name.first, of: stack[frame]) {
                        found = value
                        break
                    }
                    frame -= 1
                }
            }
            if name.rest >= 0 {
                for part in theme.rests[Int(name.rest)] {
                    guard let value = found else { return nil }
                    found = Self.child(part, of: value)
                }
            }
            if case .null? = found { return nil }
            return found
        }

        private static func child(_ number: Int32, of value: TemplateValue) -> TemplateValue? {
            guard case .object(let object) = value else { return nil }
            return object[number: number]
        }
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
