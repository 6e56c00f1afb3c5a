import Foundation
import PlacardContent

/// A questionnaire's percentages, always computed from the counts.
public struct SurveyResult: Sendable {
    public struct Option: Sendable, Hashable {
        public var label: LocalizedText
        public var count: Int
        /// A share of the respondents, two decimals.
        public var percent: Decimal
        /// The figure typed by hand, if any, and whether it matches the
        /// computed share rounded to the typed figure's own decimals (9.4 for 9.40).
        public var reportedPercent: Decimal?
        public var reportedMatches: Bool?
    }

    public struct Question: Sendable, Hashable {
        public var id: String
        public var text: LocalizedText
        public var multiple: Bool
        /// The sum of the counts.
        public var answers: Int
        /// Single answer and the counts add up to the respondents: the
        /// percentages are rounded by largest remainder and add up to exactly
        /// 100.00. Otherwise each is rounded on its own (half up).
        public var addsUp: Bool
        public var options: [Option]

        /// The option whose label (in any language) is `label`.
        public func option(_ label: String) -> Option? {
            options.first { option in option.label.entries.contains { $0.text == label } }
        }
    }

    public var id: String
    public var title: LocalizedText
    public var date: ISODate?
    public var respondents: Int
    public var questions: [Question]

    public func question(_ id: String) -> Question? { questions.first { $0.id == id } }

    public init(_ survey: Survey) {
        id = survey.id
        title = survey.title
        date = survey.date
        respondents = survey.respondents
        questions = survey.questions.map { question in
            let counts = question.options.map(\.count)
            let answers = Percentages.sum(counts)
            let addsUp = !question.multiple && answers == survey.respondents
            // Percentages.shares uses largest remainder exactly when the counts add up.
            let shares = question.multiple
                ? counts.map { Percentages.share($0, of: survey.respondents) }
                : Percentages.shares(of: counts, total: survey.respondents)
            let options = zip(question.options, shares).enumerated().map { index, pair in
                let (option, share) = pair
                var matches: Bool?
                if let reported = option.reportedPercent {
                    let decimals = DecimalLiteral.fractionDigits(option.reportedPercentText ?? "\(reported)")
                    matches = Percentages.isCorrectRounding(reported, decimals: decimals, option: index, counts: counts, total: survey.respondents)
                }
                return Option(label: option.label, count: option.count, percent: share,
                              reportedPercent: option.reportedPercent, reportedMatches: matches)
            }
            return Question(id: question.id, text: question.text, multiple: question.multiple, answers: answers ?? Int.max,
                            addsUp: addsUp, options: options)
        }
    }
}
