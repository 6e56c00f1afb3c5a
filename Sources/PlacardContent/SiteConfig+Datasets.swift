import Foundation
import PlacardDiagnostics

/// The settings of one dataset, from site.yaml's `datasets:` map, keyed by
/// the dataset's name. A small struct so that further settings can join it.
public struct DatasetSettings: Sendable, Hashable {
    /// The date the dataset's figures describe (its last day for a month or a year).
    public var asOf: ISODate?
    /// The encoding its files are saved in (`encoding: gb18030`); nil: the site's, else UTF-8.
    public var encoding: TextEncoding?
    /// What separates the cells of its CSV files (`delimiter: ";"`); nil: the site's, else `,`.
    public var delimiter: CSVDelimiter?
    /// Where the dataset's name is written, for "unknown dataset" errors.
    public var location: SourceLocation
    /// For a workbook (.xlsx): the sheet that is the dataset; the first sheet when nil.
    public var sheet: SheetChoice?

    static let knownKeys = ["as_of", "encoding", "delimiter", "sheet"]

    public init(asOf: ISODate? = nil, encoding: TextEncoding? = nil, delimiter: CSVDelimiter? = nil, sheet: SheetChoice? = nil,
                location: SourceLocation) {
        self.asOf = asOf
        self.encoding = encoding
        self.delimiter = delimiter
        self.sheet = sheet
        self.location = location
    }
}

/// What separates the cells of a CSV file: Excel's "CSV" uses `;` where the
/// decimal separator is a comma, its "Unicode text" a tab.
public enum CSVDelimiter: String, Sendable, CaseIterable {
    case comma = ",", semicolon = ";", tab = "\t"

    /// `,` `;` or a tab (`"\t"` in YAML), or their names.
    init?(setting: String) {
        switch setting.lowercased() {
        case "comma": self = .comma
        case "semicolon": self = .semicolon
        case "tab": self = .tab
        default: self.init(rawValue: setting)
        }
    }

    var byte: UInt8 { rawValue.utf8.first! }
}

/// How the files of one dataset are read as text.
public struct DataFileSettings: Sendable {
    public var dataset: String
    public var encoding: TextEncoding?
    public var delimiter: CSVDelimiter = .comma
    /// For workbooks: the sheet that is the dataset (the first one shown when nil).
    public var sheet: SheetChoice?

    /// Said when a file of this dataset is not UTF-8 and no encoding is declared.
    var undeclaredHint: String {
        "if it was saved by Excel as GB18030/GBK or Big5, declare it in site.yaml: datasets: {\(dataset): {encoding: gb18030}}"
    }
}

extension SiteConfig {
    /// A dataset's own setting, else the site's, else UTF-8 and `,`.
    public func dataFileSettings(forDataset name: String) -> DataFileSettings {
        let own = datasets[name]
        return DataFileSettings(dataset: name, encoding: own?.encoding ?? encoding, delimiter: own?.delimiter ?? csvDelimiter ?? .comma,
                                sheet: own?.sheet)
    }

    /// `encoding:` of the site or of a dataset: a name Placard can read, never guessed.
    static func readEncoding(_ fields: RecordFields, _ key: String, _ diagnostics: inout Diagnostics) -> TextEncoding? {
        guard let name = fields.string(key, &diagnostics) else { return nil }
        guard let encoding = TextEncoding(name: name) else {
            let names = TextEncoding.allCases.map(\.rawValue).joined(separator: ", ")
            diagnostics.error("unknown encoding '\(SourceNode.shortened(name))' (expected one of \(names))", at: fields.location(key))
            return nil
        }
        return encoding
    }

    /// `csv_delimiter:` of the site or `delimiter:` of a dataset.
    static func readDelimiter(_ fields: RecordFields, _ key: String, _ diagnostics: inout Diagnostics) -> CSVDelimiter? {
        // Read as written: a tab is the value, not blank space around it.
        guard let node = fields.record[key] else { return nil }
        if case .null = node.kind { return nil }
        guard case .string(let text) = node.kind else {
            _ = fields.string(key, &diagnostics)  // says what it must be
            return nil
        }
        guard let delimiter = CSVDelimiter(setting: text) else {
            diagnostics.error("field '\(key)' must be \",\", \";\" or \"\\t\" (a tab), found '\(SourceNode.shortened(text))'",
                              at: fields.location(key))
            return nil
        }
        return delimiter
    }

    /// The datasets the format gives a meaning to: always known to `datasets:`,
    /// present or not. Any other name must be a dataset of `Content/data/`.
    public static let formatDatasets = [
        "organisations", "people", "commitments", "commitment-updates", "evaluations", "funding", "indicators",
        "assessments", "surveys",
    ]

    /// An as-of date: a day, a month or a year (no time of day).
    static func readAsOf(_ fields: RecordFields, _ diagnostics: inout Diagnostics) -> ISODate? {
        guard let date = fields.date("as_of", &diagnostics) else { return nil }
        guard date.time == nil else {
            diagnostics.error("field 'as_of' must be a day, a month or a year (YYYY-MM-DD, YYYY-MM or YYYY), found '\(date.text)'",
                              at: fields.location("as_of"))
            return nil
        }
        return date
    }

    /// `datasets: {commitments: {as_of: 2010-12-31}, people: {encoding: gb18030, delimiter: ";"}, …}`:
    /// each dataset's settings. An unknown key is an error (a misspelt setting would silently change nothing).
    static func readDatasetSettings(_ fields: RecordFields, _ diagnostics: inout Diagnostics) -> [String: DatasetSettings] {
        guard let node = fields.value("datasets") else { return [:] }
        guard let entries = node.fields else {
            diagnostics.error("field 'datasets' must be a map from dataset name to its settings, found \(node.kindDescription)", at: node.location)
            return [:]
        }
        var settings: [String: DatasetSettings] = [:]
        for entry in entries {
            guard let item = RecordFields(entry.value, what: "the settings of dataset '\(SourceNode.shortened(entry.key))'", diagnostics: &diagnostics) else { continue }
            for field in item.fields where !DatasetSettings.knownKeys.contains(field.key) {
                var message = "unknown dataset setting '\(SourceNode.shortened(field.key))'"
                if let suggestion = closestKey(to: field.key, among: DatasetSettings.knownKeys) { message += " (did you mean '\(suggestion)'?)" }
                diagnostics.error(message, at: field.keyLocation)
            }
            let sheet = item.string("sheet", &diagnostics).map { SheetChoice(name: $0, location: item.location("sheet")) }
            settings[entry.key] = DatasetSettings(
                asOf: readAsOf(item, &diagnostics), encoding: readEncoding(item, "encoding", &diagnostics),
                delimiter: readDelimiter(item, "delimiter", &diagnostics), sheet: sheet, location: entry.keyLocation)
        }
        return settings
    }

    /// Reports each name of `datasets:` that is neither a dataset of the
    /// format nor one of `present` (the datasets of `Content/data/`).
    public func checkDatasetNames(present: [String], _ diagnostics: inout Diagnostics) {
        let known = Self.formatDatasets + present.filter { !Self.formatDatasets.contains($0) }.sorted()
        for (name, settings) in datasets.sorted(by: { $0.key < $1.key }) where !known.contains(name) {
            var message = "unknown dataset '\(SourceNode.shortened(name))' in 'datasets'"
            if let suggestion = closestKey(to: name, among: known) {
                message += " (did you mean '\(suggestion)'?)"
            } else {
                message += " (datasets: \(known.joined(separator: ", ")))"
            }
            diagnostics.error(message, at: settings.location)
        }
    }
}
