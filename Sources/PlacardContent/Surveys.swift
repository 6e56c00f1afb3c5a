import Foundation
import PlacardDiagnostics

/// One questionnaire, `surveys/<survey>.yaml`: questions, options and counts.
/// Percentages are never typed: they are computed from the counts.
public struct Survey: Sendable {
    public struct Option: Sendable {
        public var label: LocalizedText
        public var count: Int
        /// A figure typed by hand, kept only to be checked against the computed share.
        public var reportedPercent: Decimal?
        /// As typed, for its number of decimals.
        public var reportedPercentText: String?
        public var location: SourceLocation
        public var countLocation: SourceLocation
        public var reportedPercentLocation: SourceLocation?
    }

    public struct Question: Sendable {
        public var id: String
        public var text: LocalizedText
        /// Several answers per respondent: counts may add up past the respondents.
        public var multiple: Bool
        public var options: [Option]
        public var location: SourceLocation
    }

    /// The survey's name: the file name without extension.
    public var id: String
    public var title: LocalizedText
    public var date: ISODate?
    public var respondents: Int
    public var questions: [Question]
    public var location: SourceLocation
    public var fieldLocations: [String: SourceLocation]

    static let keys = ["title", "date", "respondents", "questions"]

    static func read(_ node: SourceNode, id: String, _ diagnostics: inout Diagnostics) -> Survey? {
        guard let fields = RecordFields(node, what: "a survey", diagnostics: &diagnostics) else { return nil }
        reportUnknownFields(fields, known: keys, in: "a survey", &diagnostics)
        let title = fields.localized("title", required: true, &diagnostics)
        let date = fields.date("date", &diagnostics)
        let respondents = fields.count("respondents", required: true, &diagnostics)
        if respondents == 0 {
            diagnostics.error("field 'respondents' must be more than 0", at: fields.location("respondents"))
        }
        let questions: [Question] = readList(fields, "questions", what: "a question", &diagnostics) { item, diagnostics in
            reportUnknownFields(item, known: ["id", "text", "multiple", "options"], in: "a question", &diagnostics)
            let id = item.id("id", required: true, &diagnostics)
            let text = item.localized("text", required: true, &diagnostics)
            let multiple = item.bool("multiple", &diagnostics) ?? false
            let options: [Option] = readList(item, "options", what: "an option", &diagnostics) { option, diagnostics in
                reportUnknownFields(option, known: ["label", "count", "reported_percent"], in: "an option", &diagnostics)
                let label = option.localized("label", required: true, &diagnostics)
                let count = option.count("count", required: true, &diagnostics)
                let reported = option.decimal("reported_percent", &diagnostics)
                guard let label, let count else { return nil }
                return Option(label: label, count: count, reportedPercent: reported,
                              reportedPercentText: reported == nil ? nil : option.numberText("reported_percent"),
                              location: option.record.location, countLocation: option.location("count"),
                              reportedPercentLocation: reported == nil ? nil : option.location("reported_percent"))
            }
            if item.value("options") == nil {
                diagnostics.error("missing required field 'options'", at: item.record.location)
            }
            guard let id, let text else { return nil }
            return Question(id: id, text: text, multiple: multiple, options: options, location: item.record.location)
        }
        checkUnique(questions.map { ($0.id, $0.location) }, what: "question", &diagnostics)
        guard let title, let respondents, respondents > 0 else { return nil }
        return Survey(id: id, title: title, date: date, respondents: respondents, questions: questions,
                      location: SourceLocation(file: node.location.file), fieldLocations: fields.fieldLocations)
    }
}
