import Foundation
import PlacardContent

/// A table published under data/ as CSV and JSON: a dataset as read, or a
/// computed table (rates, totals, ranks, grades, triggered rules).
struct DataTable: Sendable {
    enum Value: Sendable, Hashable {
        case text(String)
        /// Kept as its literal text, so no figure changes on the way out.
        case number(String)
        case bool(Bool)
        case empty
    }

    /// Path under data/ without extension: `commitments`, `assessments/township-2009`.
    var name: String
    var title: String
    var columns: [String]
    /// A dataset keeps its records and flattens each when its rows are read,
    /// so that no table is held twice; a computed table keeps its rows.
    private let records: RecordList
    private let computedRows: ComputedRows
    /// Columns computed for each record and put after its own (a commitment's
    /// `overdue`); a record's field of the same name is left out.
    private let appended: AppendedColumns?
    /// How many columns come from the records themselves.
    private var recordColumnCount: Int { columns.count - (appended?.names.count ?? 0) }

    struct AppendedColumns: Sendable {
        var names: [String]
        /// The values of the record at a position of the dataset.
        var values: @Sendable (Int) -> [Value]
    }

    /// Flattens records: nested maps become dotted columns (`facts.residents`),
    /// lists become one cell with items separated by `; `.
    init(name: String, title: String, records: [SourceNode]) {
        self.init(name: name, title: title, records: RecordList(records))
    }

    init(name: String, title: String, records: RecordList, appending appended: AppendedColumns? = nil) {
        self.name = name
        self.title = title
        var columns: [String] = []
        var seen = Set<String>()
        var shapes = Set<CSVShape>()
        for record in records {
            // A CSV record of a shape already seen has no key not yet seen.
            if let shape = record.csvShape, !shapes.insert(shape).inserted { continue }
            for key in Self.orderedKeys(record, prefix: "") where seen.insert(key).inserted { columns.append(key) }
        }
        let appendedNames = appended?.names ?? []
        self.columns = columns.filter { !appendedNames.contains($0) } + appendedNames
        self.records = records
        self.appended = appended
        computedRows = ComputedRows([])
    }

    init(name: String, title: String, columns: [String], rows: [[Value]]) {
        self.init(name: name, title: title, columns: columns, rows: ComputedRows(rows))
    }

    init(name: String, title: String, columns: [String], rows: ComputedRows) {
        self.name = name
        self.title = title
        self.columns = columns
        records = RecordList([SourceNode]())
        computedRows = rows
        appended = nil
    }

    var rowCount: Int { records.isEmpty ? computedRows.count : records.count }

    /// Made from the figures, not read from a dataset.
    var isComputed: Bool { records.isEmpty }

    /// Each row in order, its values in column order.
    func forEachRow(_ body: ([Value]) -> Void) {
        forEachRow(where: [], body)
    }

    /// Reads records as rows in column order. A CSV record's cells are read by
    /// position, the positions found once per file: flattening each record into
    /// a dictionary was most of writing a million-row download.
    private struct RowReader {
        let columns: [String]
        var header: ObjectIdentifier?
        var cellOfColumn: [Int?] = []

        init(columns: [String]) { self.columns = columns }

        /// Replaces `values` with the record's: one array for every row of a table.
        mutating func read(_ record: SourceNode, into values: inout [Value]) {
            values.removeAll(keepingCapacity: true)
            guard let row = record.csvRowCells else {
                var flat: [String: Value] = [:]
                DataTable.flatten(record, prefix: "", into: &flat)
                values += columns.lazy.map { flat[$0] ?? .empty }
                return
            }
            if row.header != header {
                var position: [String: Int] = [:]
                for (index, key) in row.keys.enumerated() { if let key, position[key] == nil { position[key] = index } }
                header = row.header
                cellOfColumn = columns.map { position[$0] }
            }
            for cell in cellOfColumn { values.append(cell.flatMap(row.text(at:)).map(Value.text) ?? .empty) }
        }
    }

    /// The rows whose value in each of `filters`' columns passes its test, as
    /// `forEachRow`; a dataset's record is flattened only when it passes (a
    /// top-level field is read from the record as it is).
    func forEachRow(where filters: [(column: Int, test: (Value) -> Bool)], _ body: ([Value]) -> Void) {
        guard !records.isEmpty else {
            computedRows.produce { row in
                if filters.allSatisfy({ $0.test(row[$0.column]) }) { body(row) }
            }
            return
        }
        let ownColumns = recordColumnCount
        var reader = RowReader(columns: Array(columns.prefix(ownColumns)))
        var row: [Value] = []
        for (position, record) in records.enumerated() {
            let passes = filters.allSatisfy { filter in
                guard filter.column < ownColumns else { return true }  // a computed column: tested below
                let key = columns[filter.column]
                return key.contains(".") || filter.test(Self.topLevelValue(record, key))
            }
            guard passes else { continue }
            reader.read(record, into: &row)
            if let appended { row += appended.values(position) }
            if filters.allSatisfy({ $0.test(row[$0.column]) }) { body(row) }
        }
    }

    /// What `flatten` makes of a record's field `key`, without flattening the rest.
    private static func topLevelValue(_ record: SourceNode, _ key: String) -> Value {
        guard let node = record[key] else { return .empty }
        switch node.kind {
        case .map: return .empty  // its fields are columns of their own
        case .list(let items): return .text(items.compactMap(\.scalarText).joined(separator: "; "))
        case .string(let text): return .text(text)
        case .number(let literal): return .number(literal)
        case .bool(let flag): return .bool(flag)
        case .null: return .empty
        }
    }

    /// Every row at once: for small tables.
    var rows: [[Value]] {
        var rows: [[Value]] = []
        rows.reserveCapacity(rowCount)
        forEachRow { rows.append($0) }
        return rows
    }

    fileprivate static func flatten(_ node: SourceNode, prefix: String, into row: inout [String: Value]) {
        switch node.kind {
        case .map(let fields):
            for field in fields { flatten(field.value, prefix: prefix.isEmpty ? field.key : "\(prefix).\(field.key)", into: &row) }
        case .list(let items): row[prefix] = .text(items.compactMap(\.scalarText).joined(separator: "; "))
        case .string(let text): row[prefix] = .text(text)
        case .number(let literal): row[prefix] = .number(literal)
        case .bool(let flag): row[prefix] = .bool(flag)
        case .null: row[prefix] = .empty
        }
    }

    private static func orderedKeys(_ node: SourceNode, prefix: String) -> [String] {
        guard case .map(let fields) = node.kind else { return prefix.isEmpty ? [] : [prefix] }
        return fields.flatMap { orderedKeys($0.value, prefix: prefix.isEmpty ? $0.key : "\(prefix).\($0.key)") }
    }

    /// RFC 4180, with CRLF line ends as spreadsheets expect. Made in parts of
    /// about `chunk` bytes, each handed to `body` in order, so that a table of a
    /// million rows is never held whole as text. Written as UTF-8 bytes: a
    /// million-row download is too many cells to escape a Character at a time.
    /// Returns the columns' types, found from the same rows (`fieldTypes`
    /// without reading every record again).
    @discardableResult
    func csv(chunk: Int = 1 << 20, _ body: (inout [UInt8]) -> Void) -> [String] {
        var types = FieldTypes(columns: columns.count)
        var bytes: [UInt8] = []
        for (index, column) in columns.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            Self.appendCSVField(column, to: &bytes)
        }
        bytes += [0x0D, 0x0A]
        forEachRow { row in
            types.add(row)
            for (index, value) in row.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                switch value {
                case .text(let string): Self.appendCSVField(string, to: &bytes)
                case .number(let literal): bytes += literal.utf8
                case .bool(let flag): bytes += (flag ? "true" : "false").utf8
                case .empty: break
                }
            }
            bytes += [0x0D, 0x0A]
            if bytes.count >= chunk {
                body(&bytes)
                bytes.removeAll(keepingCapacity: true)
            }
        }
        body(&bytes)
        return types.names
    }

    /// The whole CSV: for small tables and tests.
    var csv: String {
        var whole: [UInt8] = []
        csv { whole += $0 }
        return String(decoding: whole, as: UTF8.self)
    }

    /// A text field, quoted when it holds a comma, a quote or a line break (byte
    /// by byte, so a CRLF or a comma with a combining mark is quoted too).
    /// A text that a spreadsheet would run as a formula (OWASP's rule: it starts
    /// with `=`, `+`, `-`, `@`, tab or carriage return) gets a leading `'`, unless
    /// the whole text is a number such as `-3.5`: a spreadsheet reads that as
    /// the number, and a CSV dataset's numbers are text when read.
    private static func appendCSVField(_ text: String, to bytes: inout [UInt8]) {
        let special: (UInt8) -> Bool = { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        let neutralised = startsAsFormula(text)
        guard neutralised || text.utf8.contains(where: special) else {
            bytes += text.utf8
            return
        }
        bytes.append(UInt8(ascii: "\""))
        if neutralised { bytes.append(UInt8(ascii: "'")) }
        for byte in text.utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// True for a text a spreadsheet would take for a formula (see `appendCSVField`).
    static func startsAsFormula(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "@"), 0x09, 0x0D: return true
        case UInt8(ascii: "+"), UInt8(ascii: "-"): return !isPlainNumber(text.utf8)
        default: return false
        }
    }

    /// `-3.5`, `+12`, `-.5`, `1e-3`: an optional sign, digits with at most one
    /// point, an optional exponent. Nothing else, so no formula passes as a number.
    static func isPlainNumber(_ text: String.UTF8View) -> Bool {
        var bytes = text[...]
        if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let isDigit: (UInt8) -> Bool = { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        let whole = bytes.prefix(while: isDigit)
        bytes = bytes.dropFirst(whole.count)
        var fraction = bytes.prefix(0)
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            fraction = bytes.prefix(while: isDigit)
            bytes = bytes.dropFirst(fraction.count)
        }
        guard !whole.isEmpty || !fraction.isEmpty else { return false }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            let exponent = bytes.prefix(while: isDigit)
            guard !exponent.isEmpty else { return false }
            bytes = bytes.dropFirst(exponent.count)
        }
        return bytes.isEmpty
    }

    /// A list of objects, keys in column order, numbers as numbers; in parts,
    /// as `csv(chunk:_:)`.
    func json(chunk: Int = 1 << 20, _ body: (inout [UInt8]) -> Void) {
        var bytes = Array("[\n".utf8)
        let keys = columns.map { Array((Self.jsonString($0) + ": ").utf8) }
        let count = rowCount
        var index = 0
        forEachRow { row in
            bytes += "  {".utf8
            for (column, value) in row.enumerated() {
                if column > 0 { bytes += ", ".utf8 }
                bytes += keys[column]
                switch value {
                case .text(let string): Escaping.appendJSONString(string, to: &bytes)
                case .number(let literal): bytes += Self.jsonNumber(literal).utf8
                case .bool(let flag): bytes += (flag ? "true" : "false").utf8
                case .empty: bytes += "null".utf8
                }
            }
            index += 1
            bytes += (index < count ? "},\n" : "}\n").utf8
            if bytes.count >= chunk {
                body(&bytes)
                bytes.removeAll(keepingCapacity: true)
            }
        }
        bytes += "]\n".utf8
        body(&bytes)
    }

    /// The whole JSON: for small tables and tests.
    var json: String {
        var whole: [UInt8] = []
        json { whole += $0 }
        return String(decoding: whole, as: UTF8.self)
    }

    /// A YAML number literal as JSON accepts it (`+5` and `.5` are not JSON).
    static func jsonNumber(_ literal: String) -> String {
        // A whole number without a sign or leading zeros is already JSON, as
        // `Decimal` would print it: most numbers of a large dataset.
        let digits = literal.utf8
        if digits.count < 19, let first = digits.first, first != UInt8(ascii: "0") || digits.count == 1,
            digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        {
            return literal
        }
        guard let value = Decimal(string: literal, locale: Locale(identifier: "en_US_POSIX")) else { return jsonString(literal) }
        return "\(value)"
    }

    static func jsonString(_ text: String) -> String {
        var bytes: [UInt8] = []
        Escaping.appendJSONString(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Frictionless Table Schema types, from the values.
    var fieldTypes: [String] {
        var types = FieldTypes(columns: columns.count)
        forEachRow { types.add($0) }
        return types.names
    }
}

/// Frictionless Table Schema types of a table's columns, found row by row:
/// a column is a number or a boolean when every value in it is.
struct FieldTypes {
    // Per column: any value yet, all numbers so far, all booleans so far.
    private var any: [Bool]
    private var numbers: [Bool]
    private var booleans: [Bool]

    init(columns: Int) {
        any = Array(repeating: false, count: columns)
        numbers = Array(repeating: true, count: columns)
        booleans = Array(repeating: true, count: columns)
    }

    mutating func add(_ row: [DataTable.Value]) {
        for (column, value) in row.enumerated() {
            switch value {
            case .empty: continue
            case .number: booleans[column] = false
            case .bool: numbers[column] = false
            case .text: numbers[column] = false; booleans[column] = false
            }
            any[column] = true
        }
    }

    var names: [String] {
        any.indices.map { column in
            if any[column], numbers[column] { return "number" }
            if any[column], booleans[column] { return "boolean" }
            return "string"
        }
    }
}

extension DataTable {
    /// Every dataset as read (private fields are already gone), for data/.
    static func datasets(of site: SiteContext) -> [DataTable] {
        let data = site.data
        var tables: [DataTable] = []
        func add(_ name: String, _ records: RecordList) {
            if !records.isEmpty { tables.append(DataTable(name: name, title: name, records: records)) }
        }
        add("organisations", RecordList(data.organisations))
        add("people", RecordList(data.people))
        if !data.commitments.isEmpty {
            // Overdue is computed, on the commitments' as-of date: a column after the record's own.
            let commitments = data.commitments, figures = site.figures.commitments
            tables.append(DataTable(
                name: "commitments", title: "commitments", records: RecordList(commitments),
                appending: AppendedColumns(names: ["overdue"]) { [.bool(figures.isOverdue(commitments[$0]))] }))
        }
        add("commitment-updates", RecordList(data.commitmentUpdates))
        add("evaluations", RecordList(data.evaluations))
        add("funding", RecordList(data.funding))
        add("indicators", RecordList(data.indicators))
        for (name, dataset) in data.generic.sorted(by: { $0.key < $1.key }) { add(name, RecordList(dataset.records)) }
        return tables
    }
}

/// A computed table's rows, made again from the figures each time they are
/// read (for its CSV, its JSON, its pages): held, the tables of 100,000 units
/// took about 100 MB.
struct ComputedRows: Sendable {
    let count: Int
    /// Hands every row, in order, to the function it is given.
    let produce: @Sendable (_ row: ([DataTable.Value]) -> Void) -> Void

    init(count: Int, produce: @escaping @Sendable (_ row: ([DataTable.Value]) -> Void) -> Void) {
        self.count = count
        self.produce = produce
    }

    init(_ rows: [[DataTable.Value]]) {
        self.init(count: rows.count) { row in rows.forEach(row) }
    }
}

/// A dataset's records as read, seen through the typed records that keep
/// them: a table of a million commitments held a copy of every record (80 MB
/// at 100,000 units) when it was an array of its own.
struct RecordList: RandomAccessCollection, Sendable {
    private let record: @Sendable (Int) -> SourceNode
    let endIndex: Int
    var startIndex: Int { 0 }

    init<Record: DataRecord>(_ records: [Record]) {
        record = { records[$0].source }
        endIndex = records.count
    }

    init(_ records: [SourceNode]) {
        record = { records[$0] }
        endIndex = records.count
    }

    subscript(position: Int) -> SourceNode { record(position) }
}

extension SitePlan {
    /// `data/`: the list of downloads, and datapackage.json describing each table.
    mutating func planDataPage(tables: [DataTable]) {
        guard !tables.isEmpty else { return }
        var content = generatedContent(title: site.strings.downloads, address: "data/")
        dated(&content, asOf: latest(datasetDates()))
        let rows = tables.map { table in
            RowView(header: CellView(text: table.title), cells: [
                CellView(text: "\(table.name).csv", url: site.addresses.link(from: "data/", to: "data/\(table.name).csv")),
                CellView(text: "\(table.name).json", url: site.addresses.link(from: "data/", to: "data/\(table.name).json")),
                CellView(text: "\(table.rowCount)", numeric: true),
            ])
        }
        content.blocks = [ContentBlock(
            title: site.strings.downloads, id: "downloads",
            table: TableView(caption: site.strings.downloads, columns: [
                ColumnView(label: site.strings.name, numeric: false), ColumnView(label: "CSV", numeric: false),
                ColumnView(label: "JSON", numeric: false), ColumnView(label: site.strings.total, numeric: true),
            ], rows: rows))]
        var dictionary = ContentBlock(title: "datapackage.json", id: "dictionary")
        dictionary.links = [PageItem(title: "datapackage.json", url: site.addresses.link(from: "data/", to: "data/datapackage.json"))]
        content.blocks.append(dictionary)
        pages.append(PlannedPage(address: "data/", template: "data", content: content))
    }

    /// A Frictionless Data Package: every table with its fields and types
    /// (`fieldTypes`, by table name, as found while writing its CSV).
    func dataPackage(_ tables: [DataTable], fieldTypes: [String: [String]] = [:]) -> String {
        let resources = tables.map { table in
            let fields = zip(table.columns, fieldTypes[table.name] ?? table.fieldTypes).map { "{\"name\": \(DataTable.jsonString($0)), \"type\": \"\($1)\"}" }
            return """
                    {"name": \(DataTable.jsonString(table.name.replacingOccurrences(of: "/", with: "-"))), "title": \(DataTable.jsonString(table.title)), "path": \(DataTable.jsonString(table.name + ".csv")), "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                     "schema": {"fields": [\(fields.joined(separator: ", "))]}}
                """
        }
        return """
            {
              "profile": "tabular-data-package",
              "name": \(DataTable.jsonString(Self.packageName(site.text(site.config.title)))),
              "title": \(DataTable.jsonString(site.text(site.config.title))),
              "resources": [
            \(resources.joined(separator: ",\n"))
              ]
            }

            """
    }

    /// Data Package names are lowercase ASCII: a title in Chinese becomes `site-data`.
    static func packageName(_ title: String) -> String {
        let slug = title.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? String($0) : "-" }.joined()
            .split(separator: "-").joined(separator: "-")
        return slug.isEmpty ? "site-data" : slug
    }
}
