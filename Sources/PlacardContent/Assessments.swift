import Foundation
import PlacardDiagnostics

/// One weighted assessment scheme, `assessments/<scheme>.yaml`, with its scores.
public struct Assessment: Sendable {
    public struct Component: Sendable, Hashable {
        /// How several scores of a unit for one component are combined.
        public enum Combine: String, Sendable, CaseIterable { case mean }
        public var id: String
        public var label: LocalizedText
        public var weight: Decimal
        /// nil: one score per unit.
        public var combine: Combine?
        public var location: SourceLocation
        public var weightLocation: SourceLocation
    }

    public struct Grade: Sendable, Hashable {
        public var min: Decimal
        public var label: LocalizedText
        public var location: SourceLocation
        public var minLocation: SourceLocation
    }

    public struct Score: DataRecord {
        public var org: String
        public var component: String
        /// For components scored several times (`Q1`).
        public var period: String?
        public var score: Decimal
        public var source: SourceNode
    }

    /// The scheme's name: the file name without extension.
    public var id: String
    public var title: LocalizedText
    public var year: Int?
    /// The level of the units assessed.
    public var level: String?
    /// The weights must add up to this.
    public var scale: Decimal
    public var components: [Component]
    /// Highest first.
    public var grades: [Grade]
    public var scores: [Score]
    public var location: SourceLocation
    public var fieldLocations: [String: SourceLocation]

    public func component(_ id: String) -> Component? { components.first { $0.id == id } }

    static let keys = ["title", "year", "level", "scale", "components", "grades", "scores"]

    /// `folder` and `folderFile` locate a `scores: file.csv` beside the scheme, read with `settings`.
    static func read(_ node: SourceNode, id: String, folder: URL, folderFile: String, privateFields: Set<String>,
                     settings: DataFileSettings? = nil, _ diagnostics: inout Diagnostics) -> Assessment? {
        guard let fields = RecordFields(node, what: "an assessment", diagnostics: &diagnostics) else { return nil }
        reportUnknownFields(fields, known: keys, in: "an assessment", &diagnostics)
        let title = fields.localized("title", required: true, &diagnostics)
        let year = fields.int("year", &diagnostics)
        let level = fields.string("level", &diagnostics)
        let scale = fields.decimal("scale", &diagnostics) ?? 100
        let components: [Component] = readList(fields, "components", what: "a component", &diagnostics) { item, diagnostics in
            reportUnknownFields(item, known: ["id", "label", "weight", "combine"], in: "a component", &diagnostics)
            let id = item.id("id", required: true, &diagnostics)
            let weight = item.decimal("weight", required: true, &diagnostics)
            let label = item.localized("label", &diagnostics)
            let combine = item.choice("combine", as: Component.Combine.self, &diagnostics)
            guard let id, let weight else { return nil }
            return Component(id: id, label: label ?? LocalizedText(id), weight: weight, combine: combine,
                             location: item.record.location, weightLocation: item.location("weight"))
        }
        if fields.value("components") == nil {
            diagnostics.error("missing required field 'components'", at: node.location)
        }
        checkUnique(components.map { ($0.id, $0.location) }, what: "component", &diagnostics)
        let grades: [Grade] = readList(fields, "grades", what: "a grade", &diagnostics) { item, diagnostics in
            reportUnknownFields(item, known: ["min", "label"], in: "a grade", &diagnostics)
            let min = item.decimal("min", required: true, &diagnostics)
            let label = item.localized("label", required: true, &diagnostics)
            guard let min, let label else { return nil }
            return Grade(min: min, label: label, location: item.record.location, minLocation: item.location("min"))
        }
        for grade in grades where grade.min < 0 || grade.min > scale {
            diagnostics.error("grade min \(grade.min) is outside 0 to \(scale), the scale of this assessment", at: grade.minLocation)
        }
        for (higher, lower) in zip(grades, grades.dropFirst()) where lower.min >= higher.min {
            diagnostics.error("grades must be listed highest first: min \(lower.min) follows min \(higher.min)", at: lower.location)
        }

        var scoreRecords: [SourceNode] = []
        if let scores = fields.value("scores") {
            switch scores.kind {
            case .list(let items):
                scoreRecords = items
            case .string(let name):
                scoreRecords = readScoreFile(name, at: scores.location, folder: folder, folderFile: folderFile, settings: settings, &diagnostics)
                    .map { $0.removingFields(named: privateFields) }
            default:
                diagnostics.error("field 'scores' must be a list of scores or the name of a file beside this one, found \(scores.kindDescription)",
                                  at: scores.location)
            }
        }
        let scores: [Score] = readRecords(scoreRecords, known: ["org", "component", "period", "score"], what: "a score", &diagnostics) { record, diagnostics in
            let org = record.string("org", required: true, &diagnostics)
            let component = record.string("component", required: true, &diagnostics)
            let period = record.string("period", &diagnostics)
            let score = record.decimal("score", required: true, &diagnostics)
            guard let org, let component, let score else { return nil }
            return Score(org: org, component: component, period: period, score: score,
                         source: record.record)
        }
        guard let title else { return nil }
        return Assessment(id: id, title: title, year: year, level: level, scale: scale, components: components, grades: grades,
                          scores: scores, location: SourceLocation(file: node.location.file), fieldLocations: fields.fieldLocations)
    }

    /// A score file must sit beside the scheme: a plain file name, nothing that climbs out of the folder.
    private static func readScoreFile(_ name: String, at location: SourceLocation, folder: URL, folderFile: String,
                                      settings: DataFileSettings?, _ diagnostics: inout Diagnostics) -> [SourceNode] {
        let name = name.trimmingSpaces()
        guard !name.isEmpty, !name.hasPrefix("."), !name.contains("/"), !name.contains("\\") else {
            diagnostics.error("field 'scores' must name a file beside this one, found '\(SourceNode.shortened(name))'", at: location)
            return []
        }
        let url = folder.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path), !isDirectory(url) else {
            diagnostics.error("score file '\(SourceNode.shortened(name))' not found beside this file", at: location)
            return []
        }
        return readDataset(at: url, file: folderFile + "/" + name, settings: settings, diagnostics: &diagnostics)
    }
}
