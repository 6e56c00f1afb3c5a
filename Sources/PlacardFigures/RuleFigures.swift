import Foundation
import PlacardContent

/// A rule of site.yaml triggered for a unit in a year.
public struct RuleTrigger: Sendable, Hashable {
    public var rule: SiteConfig.Rule
    public var org: String
    public var year: Int
    /// The figure that triggered it (a rate in percent, or an assessment total), as shown.
    public var value: Decimal
    /// The decimals `value` is shown with.
    public var decimals: Int
    /// With `consecutive_years`, the figures of each year, earliest first (the last is `value`).
    public var history: [YearValue]

    public struct YearValue: Sendable, Hashable {
        public var year: Int
        /// As shown, with `decimals` decimals.
        public var value: Decimal
        public var decimals: Int
    }
}

/// Consequences of ratings, scores and overdue commitments: a rule is
/// triggered when its figure is strictly below `below` (90.00 is not below 90;
/// 17,999 of 20,000 is, exactly), or for an overdue rule strictly above `above`,
/// in the year and in each of the `consecutive_years - 1` years before it, for
/// units of the rule's level.
public struct RuleFigures: Sendable {
    /// By year: units in the order of the organisations file, then rules in order.
    private let triggers: YearLists<RuleTrigger>

    init(rules: [SiteConfig.Rule], satisfaction: SatisfactionFigures, assessments: AssessmentFigures,
         commitments: CommitmentFigures, orgs: OrgIndex) {
        var all: [RuleTrigger] = []
        for rule in rules {
            let values = Self.values(of: rule.metric, satisfaction: satisfaction, assessments: assessments, commitments: commitments)
            for (org, years) in values {
                if let level = rule.appliesTo, orgs.organisation(org)?.level != level { continue }
                for (year, value) in years where Self.triggers(rule, value) {
                    var history: [RuleTrigger.YearValue] = []
                    for back in stride(from: rule.consecutiveYears - 1, through: 0, by: -1) {
                        guard let earlier = years[year - back], Self.triggers(rule, earlier) else { break }
                        history.append(.init(year: year - back, value: earlier.shown, decimals: earlier.decimals))
                    }
                    guard history.count == rule.consecutiveYears else { continue }
                    all.append(RuleTrigger(rule: rule, org: org, year: year, value: value.shown, decimals: value.decimals, history: history))
                }
            }
        }
        let ruleOrder = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        // Sort keys computed once per trigger, not on every comparison.
        all = all.map { (key: ($0.year, orgs.order(of: $0.org), $0.org, ruleOrder[$0.rule.id] ?? 0), trigger: $0) }
            .sorted { $0.key < $1.key }
            .map(\.trigger)
        triggers = YearLists(Dictionary(grouping: all, by: \.year), unit: \.org)
    }

    /// A figure a rule looks at: exact, and as shown.
    private struct Value {
        var exact: ExactFigure
        var shown: Decimal
        var decimals: Int
    }

    /// The figure a metric looks at, by unit and year. An assessment counts
    /// for its scheme's year; a scheme without a year triggers nothing. Overdue
    /// counts a unit's own commitments of each year (not those of units below it).
    /// Compared exactly, never as rounded.
    private static func triggers(_ rule: SiteConfig.Rule, _ value: Value) -> Bool {
        if let above = rule.above { return value.exact.isAbove(above) }
        return value.exact.isBelow(rule.below)
    }

    private static func values(of metric: SiteConfig.Rule.Metric, satisfaction: SatisfactionFigures,
                               assessments: AssessmentFigures, commitments: CommitmentFigures) -> [String: [Int: Value]] {
        switch metric {
        case .satisfaction:
            return satisfaction.ratesByUnit.mapValues { years in
                years.mapValues { Value(exact: $0.exactRate, shown: $0.rate, decimals: $0.rateDecimals) }
            }
        case .assessment(let scheme):
            guard let result = assessments.result(scheme), let year = result.assessment.year else { return [:] }
            return Dictionary(result.units.map { unit in
                (unit.org, [year: Value(exact: unit.exactTotal, shown: unit.total.rounded(unit.totalDecimals), decimals: unit.totalDecimals)])
            }, uniquingKeysWith: { first, _ in first })
        case .overdue:
            return commitments.own.mapValues { record in
                record.byYear.mapValues { Value(exact: ExactFigure(Decimal($0.overdue), over: 1), shown: Decimal($0.overdue), decimals: 0) }
            }
        }
    }

    /// The `below` of every rule on `metric` that applies to a unit, by unit: the
    /// thresholds its figure must be told apart from where it is shown.
    static func thresholds(_ rules: [SiteConfig.Rule], metric: SiteConfig.Rule.Metric, orgs: OrgIndex) -> @Sendable (String) -> [Decimal] {
        let relevant = rules.filter { $0.metric == metric }
        guard !relevant.isEmpty else { return { _ in [] } }
        var byLevel: [String?: [Decimal]] = [:]
        for level in Set(orgs.organisations.map(\.level)) {
            byLevel[level] = relevant.filter { $0.appliesTo == nil || $0.appliesTo == level }.map(\.below)
        }
        let levels = byLevel
        return { org in levels[orgs.level(of: org)] ?? relevant.filter { $0.appliesTo == nil }.map(\.below) }
    }

    public func triggers(org: String, year: Int) -> [RuleTrigger] { triggers.values(unit: org, year: year) }
    /// A unit's triggers of a year by ratings and scores, not by overdue
    /// commitments: what a row of satisfaction ratings shows beside its rate.
    public func ratingTriggers(org: String, year: Int) -> [RuleTrigger] {
        triggers(org: org, year: year).filter { $0.rule.metric != .overdue }
    }
    /// A unit's triggers of every year, earliest first.
    public func triggers(org: String) -> [RuleTrigger] { triggers.values(unit: org) }
    public func triggers(year: Int) -> [RuleTrigger] { triggers.values(year: year) }
}
