import Foundation
import Mustache
import PlacardDiagnostics

/// The templates of a theme, parsed and ready to render typed view models.
/// This is the only file that imports Mustache.
public struct TemplateSet: Sendable {
    private let library: MustacheLibrary
    /// The fast path: nil when a template needs swift-mustache's own renderer.
    private let compiled: CompiledTheme?
    /// Shared by every render of this build, so constants are converted once.
    private let context = TemplateContext()
    private let sources: [String: TemplateSource]
    /// Templates that did not parse: already reported, not checked again.
    private let unparsed: Set<String>

    /// Parses every `.mustache` file of the theme; a template that does not parse
    /// is reported at its file, line and column.
    public static func load(_ theme: Theme) -> (TemplateSet, [Diagnostic]) {
        var library = MustacheLibrary()
        var sources: [String: TemplateSource] = [:]
        var diagnostics: [Diagnostic] = []
        var unparsed: Set<String> = []
        for (path, file) in theme.files.sorted(by: { $0.key < $1.key }) where path.hasSuffix(".mustache") {
            let name = String(path.dropLast(".mustache".count))
            // A BOM dropped, CRLF and CR read as LF: a template saved on Windows renders the same pages.
            guard let text = UnicodeText.decode([UInt8](file.data)) else {
                diagnostics.append(.error("template is not valid UTF-8", at: SourceLocation(file: file.origin)))
                continue
            }
            do {
                library.register(try MustacheTemplate(string: text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                let place = SourceLocation(file: file.origin, line: error.context.lineNumber, column: error.context.columnNumber)
                diagnostics.append(.error(describe(error.error), at: place))
                unparsed.insert(name)
                continue
            } catch {
                diagnostics.append(.error("\(error)", at: SourceLocation(file: file.origin)))
                unparsed.insert(name)
                continue
            }
            switch TemplateTagScanner.scan(text, origin: file.origin) {
            case .success(let tags): sources[name] = TemplateSource(origin: file.origin, tags: tags)
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                unparsed.insert(name)
            }
        }
        let compiled = compile(library, names: sources.keys)
        return (TemplateSet(library: library, compiled: compiled, sources: sources, unparsed: unparsed), diagnostics)
    }

    public func contains(_ template: String) -> Bool {
        library.getTemplate(named: template) != nil
    }

    /// Every name the template (and the partials it includes) uses must exist in
    /// the view model, and every partial must exist.
    public func check<Model: Decodable>(_ template: String, renders model: Model.Type) -> [Diagnostic] {
        if unparsed.contains(template) { return [] }
        guard sources[template] != nil else {
            return [.error("the theme has no template '\(template).mustache'", at: SourceLocation(file: "Templates/\(template).mustache"))]
        }
        var checker = TemplateChecker(sources: sources)
        checker.check(template: template, model: TemplateSchema.of(model))
        return checker.diagnostics
    }

    /// Renders a view model; values are HTML-escaped unless the template uses `{{{ }}}`.
    public func render(_ template: String, _ model: Any) -> String {
        String(decoding: renderUTF8(template, model), as: UTF8.self)
    }

    /// The page as UTF-8 bytes, for writing to a file without making a String.
    public func renderUTF8(_ template: String, _ model: Any) -> [UInt8] {
        renderUTF8(template, converted: context.convert(model))
    }

    /// The same for a view model already converted (by `TemplateValueConvertible`).
    public func renderUTF8(_ template: String, converted value: TemplateValue) -> [UInt8] {
        guard let compiled else { return Array(renderWithSwiftMustache(template, value).utf8) }
        guard let run = compiled.run(template) else { return [] }
        var output: [UInt8] = []
        output.reserveCapacity(16_384)
        compiled.render(run, value, into: &output)
        return output
    }

    /// True when every template of the theme renders on the fast path.
    var isCompiled: Bool { compiled != nil }

    /// The reference renderer, kept for themes the fast path cannot render; tests
    /// compare the two.
    func renderWithSwiftMustache(_ template: String, _ value: TemplateValue) -> String {
        library.render(MustacheObject.value(value), withTemplate: template) ?? ""
    }

    func convert(_ model: Any) -> TemplateValue { context.convert(model) }

    /// Every template compiled, or nil when one uses what only swift-mustache renders.
    private static func compile(_ library: MustacheLibrary, names: some Sequence<String>) -> CompiledTheme? {
        var templates: [String: MustacheTemplate] = [:]
        for name in names {
            guard let template = library.getTemplate(named: name) else { return nil }
            templates[name] = template
        }
        return try? CompiledTheme(templates)
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "section closed with the wrong name"
        case .unfinishedName: return "unfinished tag name"
        case .expectedSectionEnd: return "a section is not closed"
        case .invalidSetDelimiter: return "invalid delimiter change"
        case .transformAppliedToInheritanceSection: return "a transform cannot apply to an inheritance section"
        case .illegalTokenInsideInheritSection: return "only blocks may stand inside a parent template's section"
        case .textInsideInheritSection: return "only blocks may stand inside a parent template's section"
        case .invalidConfigVariableSyntax: return "invalid pragma syntax"
        case .unrecognisedConfigVariable: return "unknown pragma"
        @unknown default: return "\(error)"
        }
    }
}

/// A site's own values (front matter keys Placard does not know) handed to
/// templates as they are: text, true/false, lists and maps. Any name may be
/// asked of it, so the template checker treats it as open.
public struct OpenValues: Decodable, @unchecked Sendable, Equatable, OpenTemplateValue {
    /// Strings, Bools, `[Any]` and `[String: Any]` only: all immutable values.
    public let values: [String: Any]

    public init(_ values: [String: Any]) {
        self.values = values
    }

    public init(from decoder: any Decoder) throws {
        self.values = [:]
    }

    public static func == (a: OpenValues, b: OpenValues) -> Bool {
        equal(a.values, b.values)
    }

    private static func equal(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case let (a as String, b as String): a == b
        case let (a as Bool, b as Bool): a == b
        case let (a as [Any], b as [Any]): a.count == b.count && zip(a, b).allSatisfy(equal)
        case let (a as [String: Any], b as [String: Any]):
            a.count == b.count && a.allSatisfy { key, value in b[key].map { equal(value, $0) } ?? false }
        default: String(describing: a) == String(describing: b)
        }
    }
}

extension OpenValues: TemplateValueConvertible {
    /// Text, true/false, lists and maps, as `TemplateContext` converts them.
    public var templateValue: TemplateValue { TemplateContext.openValues.convert(values) }
}

/// The fast way in: a type that converts itself, saving a `Mirror` walk per
/// value (a page may show thousands of table cells). Its keys must be its
/// stored properties' names: a test checks every conforming type.
public protocol TemplateValueConvertible {
    var templateValue: TemplateValue { get }
}

// Inlinable, so that they are specialised for each view-model type where they
// are called: across modules, a generic function otherwise looks up its types'
// metadata at run time on every call (a seventh of converting a page's views).
extension TemplateValue {
    /// `.text`, or `.null` for nil.
    @inlinable public static func optional(_ text: String?) -> TemplateValue { text.map(TemplateValue.text) ?? .null }
    /// A closure, not `\.templateValue`: in this generic function a key path was
    /// made at run time on every call, about a tenth of a data-heavy build.
    @inlinable public static func list(_ items: [some TemplateValueConvertible]) -> TemplateValue { .list(items.map { $0.templateValue }) }
    /// The value's own conversion, or `.null` for nil.
    @inlinable public static func optional(_ value: (some TemplateValueConvertible)?) -> TemplateValue { value?.templateValue ?? .null }
    @inlinable public static func texts(_ items: [String]) -> TemplateValue { .list(items.map(TemplateValue.text)) }
    /// Any view model converted as the template set would (through `Mirror`
    /// when it does not convert itself): for a value made once per build.
    public static func reflecting(_ value: Any) -> TemplateValue { TemplateContext().convert(value) }
}

/// A view-model value that is the same on every page of a build (the UI
/// words): converted for the renderer once, not once per page.
public protocol TemplateConstant {}

/// Turns a view model into `TemplateValue`s once, before rendering: a
/// struct's fields are read once (by `TemplateValueConvertible`, else through
/// `Mirror`), not at every lookup. A nil optional becomes `.null`.
final class TemplateContext: @unchecked Sendable {
    /// For a page's own values, which hold no `TemplateConstant`.
    static let openValues = TemplateContext()
    private let lock = NSLock()
    private var constants: [ObjectIdentifier: TemplateValue] = [:]

    func convert(_ value: Any) -> TemplateValue {
        switch value {
        case let text as String: return .text(text)
        case let flag as Bool: return .bool(flag)
        case let number as Int: return .number(number)
        case let value as TemplateValueConvertible: return value.templateValue
        case let open as OpenValues: return convert(open.values)
        case let array as [Any]: return .list(array.map(convert))
        case let map as [String: Any]: return .object(TemplateObject(map.mapValues(convert)))
        case is TemplateConstant:
            let key = ObjectIdentifier(type(of: value))
            if let cached = lock.withLock({ constants[key] }) { return cached }
            let converted = fields(of: value)
            lock.withLock { constants[key] = converted }
            return converted
        default: return fields(of: value)
        }
    }

    private func fields(of value: Any) -> TemplateValue {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct, .class:
            var fields: [String: TemplateValue] = [:]
            fields.reserveCapacity(mirror.children.count)
            for child in mirror.children {
                guard let label = child.label else { continue }
                if let optional = child.value as? AnyOptional {
                    fields[label] = optional.wrappedValue.map(convert) ?? .null
                } else {
                    fields[label] = convert(child.value)
                }
            }
            return .object(TemplateObject(fields))
        case .optional:
            return (value as? AnyOptional)?.wrappedValue.map(convert) ?? .null
        case .collection, .set:
            return .list(mirror.children.map { convert($0.value) })
        default:
            // Numbers other than Int, enums: as swift-mustache prints them.
            return .text(String(describing: value))
        }
    }
}

/// Lets `fields(of:)` see into an optional without a second Mirror.
private protocol AnyOptional {
    var wrappedValue: Any? { get }
}

extension Optional: AnyOptional {
    var wrappedValue: Any? { self.map { $0 as Any } }
}

/// A converted value as swift-mustache reads it, for themes it alone can render.
private final class MustacheObject: MustacheParent, @unchecked Sendable {
    let object: TemplateObject

    init(_ object: TemplateObject) {
        self.object = object
    }

    func child(named name: String) -> Any? { object[name].map(Self.value) }

    static func value(_ value: TemplateValue) -> Any {
        switch value {
        case .text(let text): text
        case .bool(let flag): flag
        case .number(let number): number
        case .list(let items): items.map(Self.value)
        case .object(let object): MustacheObject(object)
        case .null: NSNull()
        }
    }
}
