import Foundation
import PlacardDiagnostics

/// The settings of one dataset, from site.yaml's `datasets:` map, keyed by
/// the dataset's name. A small struct so that further settings can join it.
public struct DatasetSettings: Sendable, Hashable {
    /// The date the dataset's figures describe (its last day for a month or a year).
    public var asOf: ISODate?
    /// Where the dataset's name is written, for "unknown dataset" errors.
    public var location: SourceLocation
    /// For a workbook (.xlsx): the sheet that is the dataset; the first sheet when nil.
    public var sheet: SheetChoice?

    static let knownKeys = ["as_of", "sheet"]

    public init(asOf: ISODate? = nil, sheet: SheetChoice? = nil, location: SourceLocation) {
        self.asOf = asOf
        self.sheet = sheet
        self.location = location
    }
}

extension SiteConfig {
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

    /// `datasets: {commitments: {as_of: 2010-12-31}, …}`: each dataset's settings.
    /// An unknown key is an error (a misspelt setting would silently change nothing).
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
            settings[entry.key] = DatasetSettings(asOf: readAsOf(item, &diagnostics), sheet: sheet, location: entry.keyLocation)
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
