import Foundation
import PlacardDiagnostics

/// A value read from a data file, with the place it was read from.
/// YAML, JSON and CSV all become this one tree, so every later check can
/// point at `file:line:col` whatever format the publisher chose.
public struct SourceNode: Sendable {
    public enum Kind: Sendable {
        case null
        case bool(Bool)
        /// The literal text of the number, so figures stay exact decimals.
        case number(String)
        case string(String)
        case list([SourceNode])
        /// Fields in source order; duplicate keys are rejected by the readers.
        case map([SourceField])
    }

    /// A CSV record is kept as its row (see `CSVRecord`), a JSON dataset's
    /// object as its place in the file (`JSONRecord`): each becomes a map only
    /// when its fields are asked for.
    private enum Storage: Sendable {
        case node(Kind, SourceLocation)
        case row(CSVRecord)
        case json(JSONRecord)
    }

    private var storage: Storage

    public var kind: Kind {
        get {
            switch storage {
            case .node(let kind, _): return kind
            case .row(let row): return .map(row.cells.fields)
            case .json(let record): return record.node.kind
            }
        }
        set { storage = .node(newValue, location) }
    }

    public var location: SourceLocation {
        get {
            switch storage {
            case .node(_, let location): return location
            case .row(let row): return row.location
            case .json(let record): return record.location
            }
        }
        set { storage = .node(kind, newValue) }
    }

    public init(_ kind: Kind, at location: SourceLocation) {
        storage = .node(kind, location)
    }

    init(row: CSVRecord) {
        storage = .row(row)
    }

    init(json: JSONRecord) {
        storage = .json(json)
    }

    /// A record kept as its place in its file (a CSV row, a JSON object): always a map.
    var isKeptRecord: Bool {
        if case .node = storage { return false }
        return true
    }

    /// A JSON dataset's object not yet read again; nil for other nodes.
    var jsonRecord: JSONRecord? {
        if case .json(let record) = storage { return record }
        return nil
    }

    /// The row of a CSV record not yet turned into a map.
    var row: CSVRecord? {
        if case .row(let row) = storage { return row }
        return nil
    }

    /// A CSV record not yet made a map, read as a flat row; nil for other nodes.
    public var csvRowCells: CSVRowCells? { row?.cells }

    /// For a CSV record, what decides its keys and their order: the file it
    /// is from and which of its cells are empty. Records of one shape have the
    /// same keys, so a dataset's columns are found from one record of each shape.
    /// nil for other nodes and for rows of more than 64 columns.
    public var csvShape: CSVShape? {
        guard let row, row.file.paths.count <= 64 else { return nil }
        return CSVShape(columns: ObjectIdentifier(row.file), filled: row.filled)
    }
}

public struct CSVShape: Hashable, Sendable {
    let columns: ObjectIdentifier
    let filled: UInt64
}

/// One `key: value` pair of a map.
public struct SourceField: Sendable {
    public var key: String
    public var keyLocation: SourceLocation
    public var value: SourceNode

    public init(key: String, keyLocation: SourceLocation, value: SourceNode) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}

extension SourceNode {
    public var isNull: Bool {
        if !isKeptRecord, case .null = kind { return true }
        return false
    }

    /// The fields of a map, or nil for any other kind.
    public var fields: [SourceField]? {
        if case .map(let fields) = kind { return fields }
        return nil
    }

    /// The items of a list, or nil for any other kind.
    public var items: [SourceNode]? {
        if !isKeptRecord, case .list(let items) = kind { return items }
        return nil
    }

    /// The value of a map's field, or nil when absent or not a map.
    public subscript(key: String) -> SourceNode? {
        if let row { return row.cells.value(key) }
        return fields?.first { $0.key == key }?.value
    }

    /// A scalar as text: strings as they are, numbers as their literal, booleans as
    /// `true`/`false`; nil for null, lists and maps.
    public var scalarText: String? {
        if isKeptRecord { return nil }
        switch kind {
        case .string(let text), .number(let text): return text
        case .bool(let value): return value ? "true" : "false"
        case .null, .list, .map: return nil
        }
    }

    /// How a value is named in messages: "text 'abc'", "the number 12", "a list".
    public var kindDescription: String {
        if isKeptRecord { return "a map" }
        switch kind {
        case .null: return "nothing"
        case .bool(let value): return value ? "true" : "false"
        case .number(let text): return "the number \(text)"
        case .string(let text): return "text '\(Self.shortened(text))'"
        case .list: return "a list"
        case .map: return "a map"
        }
    }

    /// Long or multi-line values are cut in messages so that a line stays a line.
    static func shortened(_ text: String) -> String {
        let oneLine = text.replacingOccurrences(of: "\r\n", with: " ")
            .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
        return oneLine.count > 60 ? String(oneLine.prefix(57)) + "..." : oneLine
    }

    /// The value as plain Swift values for templates: `nil`, `Bool`, `String`
    /// (numbers as their literal text, so they show as typed), `[Any?]`, and
    /// `[(key: String, value: Any?)]` for maps, to keep their order.
    public var plainValue: Any? {
        switch kind {
        case .null: return nil
        case .bool(let value): return value
        case .number(let text), .string(let text): return text
        case .list(let items): return items.map(\.plainValue)
        case .map(let fields): return fields.map { (key: $0.key, value: $0.value.plainValue) }
        }
    }

    /// The same tree without the named fields, at every depth: private data
    /// never reaches anything downstream.
    /// A tree without any such field is returned as it is, sharing its storage:
    /// copying every record of a large dataset doubled its memory while loading.
    public func removingFields(named names: Set<String>) -> SourceNode {
        guard !names.isEmpty else { return self }
        return removing(names) ?? self
    }

    /// The tree without the fields, or nil when it has none of them (one pass, however deep).
    private func removing(_ names: Set<String>) -> SourceNode? {
        if let row, !row.file.mention(names) { return nil }
        if let jsonRecord, !jsonRecord.file.mention(names) { return nil }
        switch kind {
        case .map(let fields):
            var kept: [SourceField]?  // made on the first change
            for (index, field) in fields.enumerated() {
                let removed = names.contains(field.key)
                let changed = removed ? nil : field.value.removing(names)
                if kept == nil, removed || changed != nil { kept = Array(fields[..<index]) }
                if removed { continue }
                if let changed {
                    kept!.append(SourceField(key: field.key, keyLocation: field.keyLocation, value: changed))
                } else {
                    kept?.append(field)
                }
            }
            return kept.map { SourceNode(.map($0), at: location) }
        case .list(let items):
            var kept: [SourceNode]?
            for (index, item) in items.enumerated() {
                let changed = item.removing(names)
                if kept == nil, changed != nil { kept = Array(items[..<index]) }
                kept?.append(changed ?? item)
            }
            return kept.map { SourceNode(.list($0), at: location) }
        default:
            return nil
        }
    }
}
