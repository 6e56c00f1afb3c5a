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
    var rows: [[Value]]

    /// Flattens records: nested maps become dotted columns (`facts.residents`),
    /// lists become one cell with items separated by `; `.
    init(name: String, title: String, records: [SourceNode]) {
        self.name = name
        self.title = title
        var columns: [String] = []
        var seen = Set<String>()
        var flatRows: [[String: Value]] = []
        for record in records {
            var row: [String: Value] = [:]
            Self.flatten(record, prefix: "", into: &row)
            for key in Self.orderedKeys(record, prefix: "") where seen.insert(key).inserted { columns.append(key) }
            flatRows.append(row)
        }
        self.columns = columns
        rows = flatRows.map { row in columns.map { row[$0] ?? .empty } }
    }

    init(name: String, title: String, columns: [String], rows: [[Value]]) {
        self.name = name
        self.title = title
        self.columns = columns
        self.rows = rows
    }

    private static func flatten(_ node: SourceNode, prefix: String, into row: inout [String: Value]) {
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

    /// RFC 4180, with CRLF line ends as spreadsheets expect.
    var csv: String {
        var text = columns.map(Self.csvField).joined(separator: ",") + "\r\n"
        for row in rows {
            text += row.map { value -> String in
                switch value {
                case .text(let string): return Self.csvField(string)
                case .number(let literal): return literal
                case .bool(let flag): return flag ? "true" : "false"
                case .empty: return ""
                }
            }.joined(separator: ",") + "\r\n"
        }
        return text
    }

    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A list of objects, keys in column order, numbers as numbers.
    var json: String {
        var text = "[\n"
        for (index, row) in rows.enumerated() {
            let fields = zip(columns, row).compactMap { column, value -> String? in
                switch value {
                case .text(let string): return "\(Self.jsonString(column)): \(Self.jsonString(string))"
                case .number(let literal): return "\(Self.jsonString(column)): \(Self.jsonNumber(literal))"
                case .bool(let flag): return "\(Self.jsonString(column)): \(flag)"
                case .empty: return "\(Self.jsonString(column)): null"
                }
            }
            text += "  {" + fields.joined(separator: ", ") + "}" + (index + 1 < rows.count ? ",\n" : "\n")
        }
        return text + "]\n"
    }

    /// A YAML number literal as JSON accepts it (`+5` and `.5` are not JSON).
    private static func jsonNumber(_ literal: String) -> String {
        guard let value = Decimal(string: literal, locale: Locale(identifier: "en_US_POSIX")) else { return jsonString(literal) }
        return "\(value)"
    }

    static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "<": result += "\\u003c"  // safe to inline in HTML too
            default:
                if scalar.value < 0x20 { result += String(format: "\\u%04x", scalar.value) } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result + "\""
    }

    /// Frictionless Table Schema types, from the values.
    var fieldTypes: [String] {
        columns.indices.map { column in
            let values = rows.map { $0[column] }.filter { $0 != .empty }
            if !values.isEmpty, values.allSatisfy({ if case .number = $0 { return true } else { return false } }) { return "number" }
            if !values.isEmpty, values.allSatisfy({ if case .bool = $0 { return true } else { return false } }) { return "boolean" }
            return "string"
        }
    }
}

extension DataTable {
    /// Every dataset as read (private fields are already gone), for data/.
    static func datasets(of site: SiteContext) -> [DataTable] {
        let data = site.data
        var tables: [DataTable] = []
        func add(_ name: String, _ records: [SourceNode]) {
            if !records.isEmpty { tables.append(DataTable(name: name, title: name, records: records)) }
        }
        add("organisations", data.organisations.map(\.source))
        add("people", data.people.map(\.source))
        add("commitments", data.commitments.map(\.source))
        add("commitment-updates", data.commitmentUpdates.map(\.source))
        add("evaluations", data.evaluations.map(\.source))
        add("funding", data.funding.map(\.source))
        add("indicators", data.indicators.map(\.source))
        for (name, dataset) in data.generic.sorted(by: { $0.key < $1.key }) { add(name, dataset.records) }
        return tables
    }
}

extension SitePlan {
    /// `data/`: the list of downloads, and datapackage.json describing each table.
    mutating func planDataPage(tables: [DataTable]) {
        guard !tables.isEmpty else { return }
        var content = generatedContent(title: site.strings.downloads, address: "data/")
        let rows = tables.map { table in
            RowView(header: CellView(text: table.title), cells: [
                CellView(text: "\(table.name).csv", url: site.addresses.link(from: "data/", to: "data/\(table.name).csv")),
                CellView(text: "\(table.name).json", url: site.addresses.link(from: "data/", to: "data/\(table.name).json")),
                CellView(text: "\(table.rows.count)", numeric: true),
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

    /// A Frictionless Data Package: every table with its fields and types.
    func dataPackage(_ tables: [DataTable]) -> String {
        let resources = tables.map { table in
            let fields = zip(table.columns, table.fieldTypes).map { "{\"name\": \(DataTable.jsonString($0)), \"type\": \"\($1)\"}" }
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
