import Foundation
import PlacardContent

/// A rule of site.yaml triggered for a unit in a year.
public struct RuleTrigger: Sendable, Hashable {
    public var rule: SiteConfig.Rule
    public var org: String
    public var year: Int
    /// The figure that triggered it (a rate in percent, or an assessment total).
    public var value: Decimal
    /// With `consecutive_years`, the figures of each year, earliest first (the last is `value`).
    public var history: [YearValue]

    public struct YearValue: Sendable, Hashable {
        public var year: Int
        public var value: Decimal
    }
}

/// Consequences of ratings, scores and overdue commitments: a rule is
/// triggered when its figure is strictly below `below` (90.00 is not below 90),
/// or for an overdue rule strictly above `above`, in the year and in each of
/// the `consecutive_years - 1` years before it, for units of the rule's level.
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
                for (year, value) in years where rule.isTriggered(by: value) {
                    var history: [RuleTrigger.YearValue] = []
                    for back in stride(from: rule.consecutiveYears - 1, through: 0, by: -1) {
                        guard let earlier = years[year - back], rule.isTriggered(by: earlier) else { break }
                        history.append(.init(year: year - back, value: earlier))
                    }
                    guard history.count == rule.consecutiveYears else { continue }
                    all.append(RuleTrigger(rule: rule, org: org, year: year, value: value, history: history))
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

    /// The figure a metric looks at, by unit and year. An assessment counts
    /// for its scheme's year; a scheme without a year triggers nothing. Overdue
    /// counts a unit's own commitments of each year (not those of units below it).
    private static func values(of metric: SiteConfig.Rule.Metric, satisfaction: SatisfactionFigures,
                               assessments: AssessmentFigures, commitments: CommitmentFigures) -> [String: [Int: Decimal]] {
        switch metric {
        case .satisfaction:
            return satisfaction.ratesByUnit
        case .assessment(let scheme):
            guard let result = assessments.result(scheme), let year = result.assessment.year else { return [:] }
            return Dictionary(result.units.map { ($0.org, [year: $0.total]) }, uniquingKeysWith: { first, _ in first })
        case .overdue:
            return commitments.own.mapValues { record in record.byYear.mapValues { Decimal($0.overdue) } }
        }
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
