import Foundation
import Mustache
import PlacardDiagnostics

/// The templates of a theme, parsed and ready to render typed view models.
/// This is the only file that imports Mustache.
public struct TemplateSet: Sendable {
    private let library: MustacheLibrary
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
            guard let text = String(data: file.data, encoding: .utf8) else {
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
        return (TemplateSet(library: library, sources: sources, unparsed: unparsed), diagnostics)
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
        library.render(context.convert(model), withTemplate: template) ?? ""
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
public struct OpenValues: Decodable, @unchecked Sendable, OpenTemplateValue, MustacheCustomRepresentation {
    /// Strings, Bools, `[Any]` and `[String: Any]` only: all immutable values.
    public let values: [String: Any]

    public init(_ values: [String: Any]) {
        self.values = values
    }

    public init(from decoder: any Decoder) throws {
        self.values = [:]
    }

    public var representation: Any? { values }
}

/// A small view-model type that hands over its fields itself, saving a
/// `Mirror` walk per value (a page may show hundreds of links). The keys must
/// be the stored properties' names: a test checks every conforming type.
public protocol TemplateFields {
    var templateFields: [String: Any?] { get }
}

/// A view-model value that is the same on every page of a build (the UI
/// words): converted for the renderer once, not once per page.
public protocol TemplateConstant {}

/// Turns a view model into dictionaries and arrays once, before rendering.
/// swift-mustache reads a struct through `Mirror` on every lookup (a full walk
/// of its fields each time); a dictionary lookup is a hash. A nil optional
/// becomes NSNull, which renders as nothing and, unlike a missing key, stops the
/// lookup at the object that has the field: names resolve where the template
/// checker resolves them, and a miss does not walk every outer frame.
final class TemplateContext: @unchecked Sendable {
    private let lock = NSLock()
    private var constants: [ObjectIdentifier: Any] = [:]

    func convert(_ value: Any) -> Any {
        switch value {
        case is String, is Bool, is Int, is OpenValues: return value
        case let array as [Any]: return array.map(convert)
        case let value as TemplateFields:
            var fields: [String: Any] = [:]
            for (key, field) in value.templateFields {
                fields[key] = field.map(convert) ?? NSNull()
            }
            return TemplateObject(fields)
        case is TemplateConstant:
            let key = ObjectIdentifier(type(of: value))
            if let cached = lock.withLock({ constants[key] }) { return cached }
            let converted = fields(of: value)
            lock.withLock { constants[key] = converted }
            return converted
        default: return fields(of: value)
        }
    }

    private func fields(of value: Any) -> Any {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct, .class:
            var fields: [String: Any] = [:]
            fields.reserveCapacity(mirror.children.count)
            for child in mirror.children {
                guard let label = child.label else { continue }
                if let optional = child.value as? AnyOptional {
                    fields[label] = optional.wrappedValue.map(convert) ?? NSNull()
                } else {
                    fields[label] = convert(child.value)
                }
            }
            return TemplateObject(fields)
        case .optional:
            return (value as? AnyOptional)?.wrappedValue.map(convert) ?? value
        case .collection:
            return mirror.children.map { convert($0.value) }
        default:
            return value
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

/// A converted view-model value. A final class: the renderer asks every value
/// "are you a MustacheParent?" at each lookup, and a plain class conformance
/// answers that much faster than Dictionary's conditional one.
final class TemplateObject: MustacheParent, @unchecked Sendable {
    let fields: [String: Any]

    init(_ fields: [String: Any]) {
        self.fields = fields
    }

    func child(named name: String) -> Any? { fields[name] }
}
