import Foundation
import PlacardContent
import PlacardDiagnostics
import PlacardFigures
import PlacardTemplates

/// The ```` ```placard ```` blocks of narratives: a small YAML request for a
/// table of a dataset, a table written inline as CSV, or a chart, rendered with
/// the theme's own partials so it looks like every other table of the site.
///
///     table: commitments        # any table published under data/
///     org: zhanhua              # filters, each on the column of that name
///     year: 2009
///     status: fulfilled
///     columns: [id, text, fulfilled_on]
///     caption: 2009年已兌現的承諾
///
///     csv: |                     # a small table typed in place
///       項目,數量
///       村級道路（萬米）,6.9
///     caption: 主要成果
///
///     chart: survey             # survey | assessment | fulfilment | satisfaction
///     survey: tongren-2009
///     question: overall
struct PlacardBlocks: Sendable {
    let site: SiteContext
    let templates: TemplateSet
    let tables: [String: DataTable]
    let charts: ChartSource?
    /// Computed tables that blocks read, with their rows made once and kept:
    /// otherwise every block would make a table's rows anew.
    private let keptRows = KeptRows()

    static let filterKeys = ["org", "year", "status"]
    static let keys = ["table", "csv", "chart", "caption", "columns"] + filterKeys + ["survey", "question", "scheme"]

    func render(_ yaml: String, at location: SourceLocation, page: String) -> Result<String, Diagnostic> {
        var problems = Diagnostics()
        guard let node = YAMLReader.parse(yaml, file: location.file, firstLine: location.line, diagnostics: &problems),
            case .map(let fields) = node.kind
        else {
            return .failure(problems.all.first ?? .error("a placard block holds a YAML map such as 'table: commitments'", at: location))
        }
        var values: [String: SourceNode] = [:]
        for field in fields {
            guard Self.keys.contains(field.key) else {
                return .failure(.error("unknown key '\(field.key)' in a placard block (expected one of \(Self.keys.joined(separator: ", ")))", at: field.keyLocation))
            }
            values[field.key] = field.value
        }
        // Root cause first: a block over a dataset that could not be read whole is left
        // out, without a message; the dataset's own errors say why and stop the build.
        if !datasetsRead(values).isDisjoint(with: site.figures.incompleteDatasets) { return .success("") }
        let caption = values["caption"]?.scalarText
        if let name = values["table"] {
            return datasetTable(name, values: values, caption: caption, page: page).map { templates.render("partials/table", $0) }
        }
        if let csv = values["csv"] {
            return inlineTable(csv, caption: caption).map { templates.render("partials/table", $0) }
        }
        if let kind = values["chart"] {
            guard let charts else { return .failure(.error("charts need the site's data", at: kind.location)) }
            return charts.chart(kind, values: values, caption: caption, page: page).map { templates.render("partials/chart", $0) }
        }
        return .failure(.error("a placard block needs 'table', 'csv' or 'chart'", at: location))
    }

    /// The datasets a block shows (a computed table counts as the dataset it is computed from).
    private func datasetsRead(_ values: [String: SourceNode]) -> Set<String> {
        var read: Set<String> = values["org"] == nil ? [] : ["organisations"]
        let computedFrom = ["fulfilment": "commitments", "satisfaction": "evaluations", "funding-amounts": "funding"]
        if let table = values["table"]?.scalarText {
            let name = String(table.prefix { $0 != "/" })
            read.insert(computedFrom[name] ?? name)
        }
        let chartsRead: [String: Set<String>] = [
            "survey": ["surveys"], "assessment": ["assessments"],
            "satisfaction": ["evaluations", "organisations"], "fulfilment": ["commitments", "organisations"],
        ]
        if let chart = values["chart"]?.scalarText { read.formUnion(chartsRead[chart] ?? []) }
        return read
    }

    private func datasetTable(_ nameNode: SourceNode, values: [String: SourceNode], caption: String?, page: String) -> Result<TableView, Diagnostic> {
        guard let name = nameNode.scalarText, let table = tables[name].map(keptRows.kept) else {
            let known = tables.keys.sorted().joined(separator: ", ")
            return .failure(.error("unknown dataset '\(nameNode.scalarText ?? "")' (datasets: \(known))", at: nameNode.location))
        }
        var filters: [(column: Int, wanted: String)] = []
        for key in Self.filterKeys {
            guard let filter = values[key], let wanted = filter.scalarText else { continue }
            guard let column = table.columns.firstIndex(of: key) else {
                return .failure(.error("dataset '\(name)' has no column '\(key)' to filter by", at: filter.location))
            }
            if key == "org", !site.figures.organisations.contains(wanted) {
                return .failure(.error("unknown organisation '\(wanted)'" + didYouMean(wanted, among: site.figures.organisations.organisations.map(\.id)),
                                       at: filter.location))
            }
            filters.append((column, wanted))
        }
        // Only the rows asked for are kept: a dataset may have a million.
        var rows: [[DataTable.Value]] = []
        let tests = filters.map { filter in
            (column: filter.column, test: { (value: DataTable.Value) -> Bool in
                switch value {
                case .text(let text), .number(let text): return text == filter.wanted
                case .bool(let flag): return "\(flag)" == filter.wanted
                case .empty: return false
                }
            })
        }
        table.forEachRow(where: tests) { rows.append($0) }
        var columns = Array(table.columns.indices)
        if let list = values["columns"] {
            guard case .list(let items) = list.kind, !items.isEmpty else {
                return .failure(.error("'columns' is a list of column names, e.g. [id, text, status]", at: list.location))
            }
            columns = []
            for item in items {
                guard let wanted = item.scalarText, let column = table.columns.firstIndex(of: wanted) else {
                    return .failure(.error("unknown column '\(item.scalarText ?? "")' in dataset '\(name)' (columns: \(table.columns.joined(separator: ", ")))", at: item.location))
                }
                columns.append(column)
            }
        }
        let selected = DataTable(name: name, title: caption ?? name, columns: columns.map { table.columns[$0] }, rows: rows.map { row in columns.map { row[$0] } })
        var view = tableView(selected, caption: caption ?? name)
        view.csvURL = site.addresses.link(from: page, to: "data/\(name).csv")
        view.jsonURL = site.addresses.link(from: page, to: "data/\(name).json")
        return .success(view)
    }

    private func inlineTable(_ node: SourceNode, caption: String?) -> Result<TableView, Diagnostic> {
        guard case .string(let text) = node.kind else {
            return .failure(.error("'csv' holds the table's lines, e.g. csv: |", at: node.location))
        }
        var problems = Diagnostics()
        let records = CSVReader.records(text, file: node.location.file, diagnostics: &problems)
        if let problem = problems.errors.first {
            return .failure(.error("in the inline CSV: \(problem.message)", at: node.location))
        }
        let table = DataTable(name: "inline", title: caption ?? "", records: records)
        guard !table.columns.isEmpty else { return .failure(.error("the inline CSV has no rows", at: node.location)) }
        return .success(tableView(table, caption: caption ?? ""))
    }

    /// The first column heads each row; numbers are aligned right.
    func tableView(_ table: DataTable, caption: String) -> TableView {
        // CSV cells are text: a cell that is a plain number is shown as one.
        func normalised(_ value: DataTable.Value) -> DataTable.Value {
            if case .text(let text) = value, DecimalLiteral.isNumber(text) { return .number(text) }
            return value
        }
        func cell(_ value: DataTable.Value) -> CellView {
            switch normalised(value) {
            case .text(let text): return CellView(text: text)
            case .number(let literal):
                let number = Decimal(string: literal, locale: Locale(identifier: "en_US_POSIX"))
                return CellView(text: number.map { site.number($0, decimals: FigureFormat.decimalsNeeded($0, limit: 6)) } ?? literal, numeric: true)
            case .bool(let flag): return CellView(text: flag ? "✓" : "✗")
            case .empty: return CellView(text: "")
            }
        }
        let numeric = table.columns.indices.map { column in table.rows.contains { if case .number = normalised($0[column]) { return true } else { return false } } }
        return TableView(
            caption: caption,
            columns: table.columns.enumerated().map { ColumnView(label: $1, numeric: numeric[$0]) },
            rows: table.rows.map { row in RowView(header: cell(row.first ?? .empty), cells: row.dropFirst().map(cell)) })
    }
}

/// Computed tables with their rows made and kept, by name, for blocks on any thread.
private final class KeptRows: @unchecked Sendable {
    private let lock = NSLock()
    private var tables: [String: DataTable] = [:]

    /// A dataset as it is; a computed table with its rows made once.
    func kept(_ table: DataTable) -> DataTable {
        guard table.isComputed else { return table }
        return lock.withLock {
            if let kept = tables[table.name] { return kept }
            let kept = DataTable(name: table.name, title: table.title, columns: table.columns, rows: table.rows)
            tables[table.name] = kept
            return kept
        }
    }
}

