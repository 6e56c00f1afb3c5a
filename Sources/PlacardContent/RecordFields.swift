import Foundation
import PlacardDiagnostics

/// Reads the typed fields of one record (a map) and reports every problem
/// with a message that names the field and what was found instead.
/// Absent fields and fields whose value is null or an empty string count as missing.
public struct RecordFields {
    public let record: SourceNode
    /// A CSV record's cells, read once: each field looked up in the record
    /// itself would read its row again.
    private let cells: CSVRowCells?
    /// The record to look fields up in: a JSON record read again once, for the same reason.
    private let lookup: SourceNode

    /// nil, with an error, when `node` is not a map.
    public init?(_ node: SourceNode, what: String = "a record", diagnostics: inout Diagnostics) {
        // A CSV record is a map; its map is built only when asked for (a million-row
        // dataset built and dropped a map per record just to be read here).
        guard node.isKeptRecord || node.fields != nil else {
            diagnostics.error("\(what) must be a map of fields, found \(node.kindDescription)", at: node.location)
            return nil
        }
        self.record = node
        cells = node.csvRowCells
        lookup = node.jsonRecord?.node ?? node
    }

    /// Every field, in order.
    public var fields: [SourceField] { cells?.fields ?? lookup.fields ?? [] }

    private func field(_ key: String) -> SourceNode? {
        cells.map { $0.value(key) } ?? lookup[key]
    }

    /// The value of `key`, or nil when absent, null or empty text.
    public func value(_ key: String) -> SourceNode? {
        guard let node = field(key) else { return nil }
        switch node.kind {
        case .null: return nil
        case .string(let text) where text.isBlank: return nil
        default: return node
        }
    }

    /// Where `key`'s value is, or the record itself when the field is absent.
    public func location(_ key: String) -> SourceLocation {
        field(key)?.location ?? record.location
    }

    /// Locations of every field's value, for checks made after reading.
    public var fieldLocations: [String: SourceLocation] {
        Dictionary(fields.map { ($0.key, $0.value.location) }, uniquingKeysWith: { first, _ in first })
    }

    private func missing(_ key: String, _ required: Bool, _ diagnostics: inout Diagnostics) {
        if required { diagnostics.error("missing required field '\(key)'", at: record.location) }
    }

    /// Text; a number counts as its literal text (`year: 2009` read as a name).
    public func string(_ key: String, required: Bool = false, _ diagnostics: inout Diagnostics) -> String? {
        guard let node = value(key) else { missing(key, required, &diagnostics); return nil }
        switch node.kind {
        case .string(let text): return text.trimmingSpacesAndNewlines()
        case .number(let text): return text
        default:
            diagnostics.error("field '\(key)' must be text, found \(node.kindDescription)", at: node.location)
            return nil
        }
    }

    /// A string or a map from language tag to string.
    public func localized(_ key: String, required: Bool = false, _ diagnostics: inout Diagnostics) -> LocalizedText? {
        guard let node = value(key) else { missing(key, required, &diagnostics); return nil }
        return Self.localized(node, field: key, &diagnostics)
    }

    static func localized(_ node: SourceNode, field key: String, _ diagnostics: inout Diagnostics) -> LocalizedText? {
        switch node.kind {
        case .string(let text): return LocalizedText(text.trimmingSpacesAndNewlines())
        case .number(let text): return LocalizedText(text)
        case .map(let fields) where !fields.isEmpty:
            var entries: [LocalizedText.Entry] = []
            for field in fields {
                guard let text = field.value.scalarText, !field.value.isBool else {
                    diagnostics.error("field '\(key)' language '\(field.key)' must be text, found \(field.value.kindDescription)", at: field.value.location)
                    continue
                }
                entries.append(.init(language: field.key, text: text))
            }
            return entries.isEmpty ? nil : LocalizedText(entries: entries)
        default:
            diagnostics.error("field '\(key)' must be text or a map from language to text, found \(node.kindDescription)", at: node.location)
            return nil
        }
    }

    /// An exact decimal. Text that is a number literal is accepted, since CSV cells are text.
    public func decimal(_ key: String, required: Bool = false, _ diagnostics: inout Diagnostics) -> Decimal? {
        guard let node = value(key) else { missing(key, required, &diagnostics); return nil }
        return Self.decimal(node, field: key, &diagnostics)
    }

    static func decimal(_ node: SourceNode, field key: String, _ diagnostics: inout Diagnostics) -> Decimal? {
        switch node.kind {
        case .number(let text), .string(let text):
            if let value = DecimalLiteral.decimal(text) { return value }
            if DecimalLiteral.isNumber(text.trimmingSpaces()) {
                diagnostics.error("field '\(key)' is out of range: \(text)", at: node.location)
                return nil
            }
        default: break
        }
        diagnostics.error("field '\(key)' must be a number, found \(node.kindDescription)", at: node.location)
        return nil
    }

    /// The literal text of a number field, to know how many decimals were typed.
    public func numberText(_ key: String) -> String? {
        value(key)?.scalarText?.trimmingSpaces()
    }

    /// A whole number.
    public func int(_ key: String, required: Bool = false, _ diagnostics: inout Diagnostics) -> Int? {
        guard let node = value(key) else { missing(key, required, &diagnostics); return nil }
        // Plain digits (a year, a count) are read directly, without the Decimal parse and rounding below.
        // At most 12 digits: below 10^12, as required below.
        if let text = node.scalarText, !node.isBool, let value = DecimalLiteral.plainInteger(text, digits: 12) { return value }
        guard let value = Self.decimal(node, field: key, &diagnostics) else { return nil }
        guard value.isWhole, value.magnitude < 1_000_000_000_000 else {
            diagnostics.error("field '\(key)' must be a whole number, found \(node.scalarText ?? "\(value)")", at: node.location)
            return nil
        }
        return NSDecimalNumber(decimal: value).intValue
    }

    /// A whole number that cannot be negative (counts).
    public func count(_ key: String, required: Bool = false, _ diagnostics: inout Diagnostics) -> Int? {
        guard let value = int(key, required: required, &diagnostics) else { return nil }
        guard value >= 0 else {
            diagnostics.error("field '\(key)' must not be negative, found \(value)", at: location(key))
            return nil
        }
        return value
    }

    /// `true` or `false` (also as text, for CSV).
    public func bool(_ key: String, _ diagnostics: inout Diagnostics) -> Bool? {
        guard let node = value(key) else { return nil }
        switch node.kind {
        case .bool(let value): return value
        case .string(let text):
            switch text.trimmingSpaces().lowercased() {
            case "true": return true
            case "false": return false
            default: break
            }
        default: break
        }
        diagnostics.error("field '\(key)' must be true or false, found \(node.kindDescription)", at: node.location)
        return nil
    }

    /// An ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD, optionally with a time.
    public func date(_ key: String, required: Bool = false, _ diagnostics: inout Diagnostics) -> ISODate? {
        guard let node = value(key) else { missing(key, required, &diagnostics); return nil }
        switch node.kind {
        case .string(let text), .number(let text):
            if let date = ISODate(text) { return date }
            diagnostics.error("field '\(key)' must be a date (YYYY, YYYY-MM or YYYY-MM-DD), found '\(SourceNode.shortened(text))'", at: node.location)
        default:
            diagnostics.error("field '\(key)' must be a date (YYYY, YYYY-MM or YYYY-MM-DD), found \(node.kindDescription)", at: node.location)
        }
        return nil
    }

    /// An identifier: lowercase letters, digits and `-`.
    public func id(_ key: String, required: Bool = false, _ diagnostics: inout Diagnostics) -> String? {
        guard let text = string(key, required: required, &diagnostics) else { return nil }
        guard Identifier.isValid(text) else {
            diagnostics.error("invalid id '\(SourceNode.shortened(text))' in field '\(key)' (use lowercase letters, digits and '-')", at: location(key))
            return nil
        }
        return text
    }

    /// One of a fixed set of words, with the accepted ones listed on error.
    public func choice<Choice: RawRepresentable & CaseIterable>(
        _ key: String, as type: Choice.Type, what: String? = nil, required: Bool = false, _ diagnostics: inout Diagnostics
    ) -> Choice? where Choice.RawValue == String {
        guard let text = string(key, required: required, &diagnostics) else { return nil }
        if let value = Choice(rawValue: text) { return value }
        diagnostics.error("unknown \(what ?? key) '\(SourceNode.shortened(text))' (expected \(Self.alternatives(Choice.allCases.map(\.rawValue))))", at: location(key))
        return nil
    }

    /// "a, b or c".
    static func alternatives(_ words: [String]) -> String {
        guard words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " or " + words.last!
    }
}

extension SourceNode {
    var isBool: Bool {
        if case .bool = kind { return true }
        return false
    }
}

/// Identifiers appear in addresses (`orgs/<id>/`), so they are kept plain.
public enum Identifier {
    public static func isValid(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" }
    }
}
