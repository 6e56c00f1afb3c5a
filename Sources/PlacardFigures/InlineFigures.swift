import Foundation
import PlacardContent

/// Why an inline figure could not be computed; `message` names what is unknown or missing.
public struct FigureError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// The figure reads a dataset that could not be read whole: its own errors
    /// are the ones to report (root cause first), not this one.
    public var followsFromIncompleteData = false
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Inline figures for narratives: `` `=commitments.fulfilled org=zhanhua year=2009` ``.
///
/// Syntax: a figure name, then `name=value` parameters separated by spaces,
/// in any order; a leading `=` is ignored; a value with spaces is written in
/// double quotes (`option="very good"`). Every figure also takes
/// `decimals=N` (0 to 6) where its result has decimals. Figures are
/// formatted for the site's language by `FigureFormat` (1,560; 66.67%; +1.25).
///
/// | figure | parameters | result |
/// | --- | --- | --- |
/// | `commitments.made`, `.fulfilled`, `.dropped`, `.pending`, `.in_progress` | `org`, `year`, `scope` (all optional) | a count |
/// | `commitments.overdue` | `org`, `year`, `scope` (all optional) | a count of commitments overdue on the commitments' as-of date |
/// | `commitments.rate` | `org`, `year`, `scope` (optional) | fulfilled / made, `66.67%` |
/// | `commitments.change` | `year`; `org`, `scope` optional | change of the rate from the year before, `+1.25` (points) |
/// | `satisfaction.rate` | `org`, `year` | `90.00%` |
/// | `satisfaction.satisfied`, `satisfaction.total` | `org`, `year` | counts, summed over the groups |
/// | `satisfaction.change` | `org`, `year` | change of the rate from the year before, `−0.50` (points) |
/// | `assessment.total` | `scheme`, `org` | weighted total, `90.20` (2 decimals, more at a threshold's edge) |
/// | `assessment.rank` | `scheme`, `org` | competition rank, `2` |
/// | `assessment.grade` | `scheme`, `org` | the grade's label in the site's language |
/// | `assessment.score` | `scheme`, `org`, `component` | the component's score (mean of its entries), 2 decimals |
/// | `assessment.units` | `scheme` | how many units are ranked |
/// | `survey.percent` | `survey`, `question`, `option` (label in any language) | `41.88%` |
/// | `survey.count` | `survey`, `question`, `option` | a count |
/// | `survey.respondents` | `survey` | a count |
/// | `funding.total` | `year`, `org`, `source`, `currency` (all optional) | a sum of amounts in one currency, `1,720,000.50 CNY` |
/// | `funding.change` | `year`; `org`, `source`, `currency` optional | change of the total from the year before, `+20,000.00 CNY` |
/// | `indicator.value` | `indicator`, `org`, `year` | the value, given or rolled up (decimals as needed) |
/// | `indicator.of` | `indicator`, `org`, `year` | the denominator |
/// | `indicator.share` | `indicator`, `org`, `year` | value / of, `58.33%` |
/// | `indicator.change` | `indicator`, `org`, `year` | change of the value from the year before |
/// | `organisations.count` | `level` (optional) | number of units |
/// | `rules.count` | `year`; `rule`, `org` optional | number of rules triggered |
///
/// `scope` is `subtree` (default: the unit and every unit below it) or `own`
/// (the unit alone); without `org`, commitments are those of the whole site.
/// Without `year`, commitments and funding are those of every year.
extension Figures {
    /// Every inline figure name, for documentation and suggestions.
    public static let inlineFigureNames: [String] = inlineFigures.map(\.name)

    /// The formatted text of an inline figure, or an error naming what is unknown or missing.
    public func inline(_ expression: String) -> Result<String, FigureError> {
        do {
            let request = try FigureRequest(expression)
            guard let spec = Self.inlineFigures.first(where: { $0.name == request.name }) else {
                throw FigureError("unknown figure '\(request.name)'" + suggestion(for: request.name))
            }
            for key in request.parameters.keys.sorted() where !spec.parameters.contains(key) && key != "decimals" {
                throw FigureError("figure '\(spec.name)' takes no parameter '\(key)' (it takes: \((spec.parameters + ["decimals"]).joined(separator: ", ")))")
            }
            do {
                return .success(try spec.evaluate(self, request))
            } catch {
                var error = error
                let family = String(spec.name.prefix { $0 != "." })
                error.followsFromIncompleteData = !incompleteDatasets.isDisjoint(with: Self.datasetsRead[family] ?? [])
                throw error
            }
        } catch let error as FigureError {
            return .failure(error)
        } catch {
            return .failure(FigureError("\(error)"))
        }
    }

    /// The datasets each family of figures reads.
    static let datasetsRead: [String: Set<String>] = [
        "commitments": ["commitments", "organisations"], "satisfaction": ["evaluations", "organisations"],
        "assessment": ["assessments", "organisations"], "survey": ["surveys"], "funding": ["funding", "organisations"],
        "indicator": ["indicators", "organisations"], "organisations": ["organisations"],
        "rules": ["evaluations", "assessments", "organisations"],
    ]

    private func suggestion(for name: String) -> String {
        let family = name.split(separator: ".").first.map(String.init) ?? name
        let related = Self.inlineFigureNames.filter { $0.hasPrefix(family + ".") }
        return related.isEmpty
            ? " (figures start with commitments., satisfaction., assessment., survey., funding., indicator., organisations. or rules.)"
            : " (known: \(related.joined(separator: ", ")))"
    }
}

/// A parsed expression: a name and its parameters.
struct FigureRequest {
    var name: String
    var parameters: [String: String] = [:]

    init(_ expression: String) throws(FigureError) {
        var text = expression.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("=") { text.removeFirst() }
        var tokens: [String] = []
        var current = ""
        var quoted = false
        for character in text {
            if character == "\"" { quoted.toggle(); continue }
            if character.isWhitespace && !quoted {
                if !current.isEmpty { tokens.append(current); current = "" }
            } else {
                current.append(character)
            }
        }
        if quoted { throw FigureError("unclosed quote in '\(expression)'") }
        if !current.isEmpty { tokens.append(current) }
        guard let first = tokens.first else { throw FigureError("empty figure: write a name such as commitments.fulfilled") }
        name = first
        for token in tokens.dropFirst() {
            guard let equals = token.firstIndex(of: "="), equals != token.startIndex else {
                throw FigureError("malformed parameter '\(token)': write name=value")
            }
            let key = String(token[..<equals])
            guard parameters[key] == nil else { throw FigureError("parameter '\(key)' is given twice") }
            parameters[key] = String(token[token.index(after: equals)...])
        }
    }

    func optional(_ key: String) -> String? { parameters[key] }

    func required(_ key: String) throws(FigureError) -> String {
        guard let value = parameters[key], !value.isEmpty else { throw FigureError("figure '\(name)' needs '\(key)'") }
        return value
    }

    func year(required: Bool) throws(FigureError) -> Int? {
        guard let text = required ? try self.required("year") : parameters["year"] else { return nil }
        guard text.count == 4, let year = Int(text) else { throw FigureError("'year' must be a year such as 2009, found '\(text)'") }
        return year
    }

    func decimals(default value: Int) throws(FigureError) -> Int {
        guard let text = parameters["decimals"] else { return value }
        guard let decimals = Int(text), (0...6).contains(decimals) else {
            throw FigureError("'decimals' must be 0 to 6, found '\(text)'")
        }
        return decimals
    }
}

/// One inline figure: its name, the parameters it takes, and how it is computed.
struct InlineFigure: Sendable {
    var name: String
    var parameters: [String]
    var evaluate: @Sendable (Figures, FigureRequest) throws(FigureError) -> String
}

extension Figures {
    static let inlineFigures: [InlineFigure] = commitmentFigures + satisfactionFigures + assessmentFigures
        + surveyFigures + fundingFigures + indicatorFigures + otherFigures

    // MARK: Helpers shared by the figures

    func org(_ request: FigureRequest, required: Bool = true) throws(FigureError) -> String? {
        guard let id = required ? try request.required("org") : request.optional("org") else { return nil }
        guard organisations.contains(id) else {
            throw FigureError("unknown organisation '\(id)'" + didYouMean(id, among: organisations.organisations.map(\.id)))
        }
        return id
    }

    func count(_ value: Int) -> String { FigureFormat.number(value, language: language) }

    func percent(_ value: Decimal, _ request: FigureRequest) throws(FigureError) -> String {
        FigureFormat.percent(value, decimals: try request.decimals(default: Percent.decimals), language: language)
    }

    func change(_ change: Change?, _ request: FigureRequest, missing: String) throws(FigureError) -> String {
        guard let change else { throw FigureError(missing) }
        return FigureFormat.change(change.difference, decimals: try request.decimals(default: Percent.decimals), language: language)
    }

    func number(_ value: Decimal, _ request: FigureRequest, decimals: Int? = nil) throws(FigureError) -> String {
        let decimals = try request.decimals(default: decimals ?? FigureFormat.decimalsNeeded(value))
        return FigureFormat.number(value, decimals: decimals, language: language)
    }

    // MARK: Commitments

    static let commitmentFigures: [InlineFigure] = {
        // nil: every commitment made.
        let counts: [(String, CommitmentStatus?)] = [
            ("made", nil), ("fulfilled", .fulfilled), ("dropped", .dropped), ("pending", .pending), ("in_progress", .in_progress),
        ]
        let parameters = ["org", "year", "scope"]
        return counts.map { suffix, status in
            InlineFigure(name: "commitments." + suffix, parameters: parameters) { figures, request throws(FigureError) in
                let tally = try figures.commitmentTally(request)
                return figures.count(status.map(tally.count) ?? tally.made)
            }
        } + [
            // Not a status: counted beside it, on the commitments' as-of date.
            InlineFigure(name: "commitments.overdue", parameters: parameters) { figures, request throws(FigureError) in
                figures.count(try figures.commitmentTally(request).overdue)
            },
            InlineFigure(name: "commitments.rate", parameters: parameters) { figures, request throws(FigureError) in
                let tally = try figures.commitmentTally(request)
                guard let rate = tally.rate else { throw FigureError(try figures.noCommitments(request)) }
                return try figures.percent(rate, request)
            },
            InlineFigure(name: "commitments.change", parameters: parameters) { figures, request throws(FigureError) in
                let record = try figures.commitmentRecord(request)
                let year = try request.year(required: true)!
                return try figures.change(record.rateChange(year: year), request,
                                          missing: "no fulfilment rate\(try figures.commitmentOwner(request)) in both \(year - 1) and \(year)")
            },
        ]
    }()

    private func commitmentRecord(_ request: FigureRequest) throws(FigureError) -> CommitmentRecord {
        let scope = request.optional("scope") ?? "subtree"
        guard scope == "subtree" || scope == "own" else { throw FigureError("'scope' must be own or subtree, found '\(scope)'") }
        guard let org = try org(request, required: false) else { return commitments.site }
        return scope == "own" ? commitments.own(org) : commitments.subtree(org)
    }

    private func commitmentTally(_ request: FigureRequest) throws(FigureError) -> CommitmentTally {
        let record = try commitmentRecord(request)
        guard let year = try request.year(required: false) else { return record.allYears }
        guard commitments.site.byYear[year] != nil else { throw FigureError("no commitments in \(year)") }
        return record.tally(year: year)
    }

    private func commitmentOwner(_ request: FigureRequest) throws(FigureError) -> String {
        request.optional("org").map { " of '\($0)'" } ?? ""
    }

    private func noCommitments(_ request: FigureRequest) throws(FigureError) -> String {
        "no commitments\(try commitmentOwner(request))" + ((try request.year(required: false)).map { " in \($0)" } ?? "")
    }

    // MARK: Satisfaction

    static let satisfactionFigures: [InlineFigure] = [
        InlineFigure(name: "satisfaction.rate", parameters: ["org", "year"]) { figures, request throws(FigureError) in
            // A rate a rule looks at keeps the decimals that tell it from the rule's threshold, even with decimals=N.
            let rate = try figures.satisfactionRate(request)
            let shown = rate.exactRate.shown(atLeast: try request.decimals(default: Percent.decimals), toTell: rate.thresholds)
            return FigureFormat.percent(shown.value, decimals: shown.decimals, language: figures.language)
        },
        InlineFigure(name: "satisfaction.satisfied", parameters: ["org", "year"]) { figures, request throws(FigureError) in
            figures.count(try figures.satisfactionRate(request).satisfied)
        },
        InlineFigure(name: "satisfaction.total", parameters: ["org", "year"]) { figures, request throws(FigureError) in
            figures.count(try figures.satisfactionRate(request).total)
        },
        InlineFigure(name: "satisfaction.change", parameters: ["org", "year"]) { figures, request throws(FigureError) in
            let rate = try figures.satisfactionRate(request)
            return try figures.change(rate.change, request,
                                      missing: "no satisfaction rating of '\(rate.org)' in \(rate.year - 1) to compare \(rate.year) with")
        },
    ]

    private func satisfactionRate(_ request: FigureRequest) throws(FigureError) -> SatisfactionRate {
        let org = try org(request)!
        let year = try request.year(required: true)!
        guard let rate = satisfaction.rate(org: org, year: year) else {
            throw FigureError("no satisfaction rating of '\(org)' in \(year)")
        }
        return rate
    }

    // MARK: Assessments

    static let assessmentFigures: [InlineFigure] = [
        InlineFigure(name: "assessment.total", parameters: ["scheme", "org"]) { figures, request throws(FigureError) in
            // As a rate: the decimals that tell the total from a grade's or a rule's threshold.
            let unit = try figures.assessmentUnit(request)
            let shown = unit.exactTotal.shown(atLeast: try request.decimals(default: 2), toTell: unit.thresholds)
            return FigureFormat.number(shown.value, decimals: shown.decimals, language: figures.language)
        },
        InlineFigure(name: "assessment.rank", parameters: ["scheme", "org"]) { figures, request throws(FigureError) in
            figures.count(try figures.assessmentUnit(request).rank)
        },
        InlineFigure(name: "assessment.grade", parameters: ["scheme", "org"]) { figures, request throws(FigureError) in
            let unit = try figures.assessmentUnit(request)
            guard let grade = unit.grade else {
                throw FigureError("organisation '\(unit.org)' reaches no grade in assessment '\(try request.required("scheme"))'")
            }
            return grade.label.resolved(for: figures.language)
        },
        InlineFigure(name: "assessment.score", parameters: ["scheme", "org", "component"]) { figures, request throws(FigureError) in
            let unit = try figures.assessmentUnit(request)
            let id = try request.required("component")
            guard let component = unit.components.first(where: { $0.id == id }) else {
                throw FigureError("unknown component '\(id)' in assessment '\(try request.required("scheme"))'"
                                  + didYouMean(id, among: unit.components.map(\.id)))
            }
            guard let score = component.score else {
                throw FigureError("organisation '\(unit.org)' has no score for component '\(id)'")
            }
            return try figures.number(score, request, decimals: 2)
        },
        InlineFigure(name: "assessment.units", parameters: ["scheme"]) { figures, request throws(FigureError) in
            figures.count(try figures.assessment(request).units.count)
        },
    ]

    private func assessment(_ request: FigureRequest) throws(FigureError) -> AssessmentResult {
        let scheme = try request.required("scheme")
        guard let result = assessments.result(scheme) else {
            throw FigureError("unknown assessment '\(scheme)'" + didYouMean(scheme, among: assessments.results.map(\.id)))
        }
        return result
    }

    private func assessmentUnit(_ request: FigureRequest) throws(FigureError) -> AssessmentUnit {
        let result = try assessment(request)
        let org = try org(request)!
        guard let unit = result.unit(org) else {
            throw FigureError("organisation '\(org)' is not assessed in '\(result.id)'")
        }
        return unit
    }

    // MARK: Surveys

    static let surveyFigures: [InlineFigure] = [
        InlineFigure(name: "survey.percent", parameters: ["survey", "question", "option"]) { figures, request throws(FigureError) in
            try figures.percent(try figures.surveyOption(request).percent, request)
        },
        InlineFigure(name: "survey.count", parameters: ["survey", "question", "option"]) { figures, request throws(FigureError) in
            figures.count(try figures.surveyOption(request).count)
        },
        InlineFigure(name: "survey.respondents", parameters: ["survey"]) { figures, request throws(FigureError) in
            figures.count(try figures.surveyResult(request).respondents)
        },
    ]

    private func surveyResult(_ request: FigureRequest) throws(FigureError) -> SurveyResult {
        let id = try request.required("survey")
        guard let result = survey(id) else { throw FigureError("unknown survey '\(id)'" + didYouMean(id, among: surveys.map(\.id))) }
        return result
    }

    private func surveyOption(_ request: FigureRequest) throws(FigureError) -> SurveyResult.Option {
        let result = try surveyResult(request)
        let questionID = try request.required("question")
        guard let question = result.question(questionID) else {
            throw FigureError("unknown question '\(questionID)' in survey '\(result.id)'" + didYouMean(questionID, among: result.questions.map(\.id)))
        }
        let label = try request.required("option")
        guard let option = question.option(label) else {
            throw FigureError("unknown option '\(label)' in question '\(questionID)' of survey '\(result.id)'")
        }
        return option
    }

    // MARK: Funding

    static let fundingFigures: [InlineFigure] = [
        InlineFigure(name: "funding.total", parameters: ["year", "org", "source", "currency"]) { figures, request throws(FigureError) in
            let (totals, currency) = try figures.fundingTotals(request, year: try request.year(required: false))
            return FigureFormat.money(totals[currency] ?? 0, currency: currency, decimals: try request.decimals(default: Currency.minorUnits(of: currency)),
                                      language: figures.language)
        },
        InlineFigure(name: "funding.change", parameters: ["year", "org", "source", "currency"]) { figures, request throws(FigureError) in
            let year = try request.year(required: true)!
            let (totals, currency) = try figures.fundingTotals(request, year: year)
            let (previous, _) = try figures.fundingTotals(request, year: year - 1)
            guard let change = Change(current: totals[currency], previous: previous[currency], previousYear: year - 1) else {
                throw FigureError("no funding in \(year - 1) to compare \(year) with")
            }
            return FigureFormat.moneyChange(change.difference, currency: currency,
                                            decimals: try request.decimals(default: Currency.minorUnits(of: currency)), language: figures.language)
        },
    ]

    /// The totals that match the filters, and the currency to report.
    private func fundingTotals(_ request: FigureRequest, year: Int?) throws(FigureError) -> ([String: Decimal], String) {
        let org = try org(request, required: false)
        if let year, !funding.years.contains(year) { throw FigureError("no funding in \(year)") }
        let totals = funding.totals(year: year, org: org, source: request.optional("source"))
        if let currency = request.optional("currency") { return (totals, currency) }
        guard totals.count <= 1 else {
            throw FigureError("funding in several currencies (\(totals.keys.sorted().joined(separator: ", "))): add currency=")
        }
        return (totals, totals.keys.first ?? config.currency)
    }

    // MARK: Indicators

    static let indicatorFigures: [InlineFigure] = [
        InlineFigure(name: "indicator.value", parameters: ["indicator", "org", "year"]) { figures, request throws(FigureError) in
            try figures.number(try figures.indicatorFigure(request).value, request)
        },
        InlineFigure(name: "indicator.of", parameters: ["indicator", "org", "year"]) { figures, request throws(FigureError) in
            let figure = try figures.indicatorFigure(request)
            guard let of = figure.of else { throw FigureError(figures.noDenominator(figure)) }
            return try figures.number(of, request)
        },
        InlineFigure(name: "indicator.share", parameters: ["indicator", "org", "year"]) { figures, request throws(FigureError) in
            let figure = try figures.indicatorFigure(request)
            guard let share = figure.share else { throw FigureError(figures.noDenominator(figure)) }
            return try figures.percent(share, request)
        },
        InlineFigure(name: "indicator.change", parameters: ["indicator", "org", "year"]) { figures, request throws(FigureError) in
            let figure = try figures.indicatorFigure(request)
            return try figures.change(figure.change, request, decimals: FigureFormat.decimalsNeeded(figure.value),
                                      missing: "no value of indicator '\(figure.indicator)' for '\(figure.org)' in \(figure.year - 1) to compare \(figure.year) with")
        },
    ]

    private func change(_ change: Change?, _ request: FigureRequest, decimals: Int, missing: String) throws(FigureError) -> String {
        guard let change else { throw FigureError(missing) }
        let decimals = try request.decimals(default: max(decimals, FigureFormat.decimalsNeeded(change.previous)))
        return FigureFormat.change(change.difference, decimals: decimals, language: language)
    }

    private func noDenominator(_ figure: IndicatorFigure) -> String {
        "indicator '\(figure.indicator)' of '\(figure.org)' in \(figure.year) has no 'of'"
    }

    private func indicatorFigure(_ request: FigureRequest) throws(FigureError) -> IndicatorFigure {
        let indicator = try request.required("indicator")
        guard config.indicator(indicator) != nil else {
            throw FigureError("unknown indicator '\(indicator)'" + didYouMean(indicator, among: config.indicators.map(\.id)))
        }
        let org = try org(request)!
        let year = try request.year(required: true)!
        guard let figure = indicators.figure(indicator: indicator, org: org, year: year) else {
            throw FigureError("no value of indicator '\(indicator)' for '\(org)' in \(year)")
        }
        return figure
    }

    // MARK: Organisations and rules

    static let otherFigures: [InlineFigure] = [
        InlineFigure(name: "organisations.count", parameters: ["level"]) { figures, request throws(FigureError) in
            guard let level = request.optional("level") else { return figures.count(figures.organisations.organisations.count) }
            guard figures.config.level(level) != nil else {
                throw FigureError("unknown level '\(level)'" + didYouMean(level, among: figures.config.levels.map(\.id)))
            }
            return figures.count(figures.unitsPerLevel[level] ?? 0)
        },
        InlineFigure(name: "rules.count", parameters: ["year", "rule", "org"]) { figures, request throws(FigureError) in
            let year = try request.year(required: true)!
            let rule = request.optional("rule")
            if let rule, !figures.config.rules.contains(where: { $0.id == rule }) {
                throw FigureError("unknown rule '\(rule)'" + didYouMean(rule, among: figures.config.rules.map(\.id)))
            }
            let org = try figures.org(request, required: false)
            let triggers = org.map { figures.rules.triggers(org: $0, year: year) } ?? figures.rules.triggers(year: year)
            return figures.count(triggers.filter { rule == nil || $0.rule.id == rule }.count)
        },
    ]
}
