import Foundation
import PlacardContent

/// A unit's satisfaction rate for one year: the sum of `satisfied` over the
/// sum of `total` across its groups. Never the mean of the groups' rates:
/// 10/10 and 25/60 is 35/70 = 50.00%, not 70.83%.
public struct SatisfactionRate: Sendable, Hashable {
    /// One rating group's own figures.
    public struct Group: Sendable, Hashable {
        /// nil when the rating names no group.
        public var group: LocalizedText?
        public var satisfied: Int
        public var total: Int
        /// As shown, with `rateDecimals` decimals (see `SatisfactionRate.rate`).
        public var rate: Decimal
        public var rateDecimals: Int
    }

    public var org: String
    public var year: Int
    public var satisfied: Int
    public var total: Int
    /// Percent, as shown: two decimals, or more where a rule's threshold needs them (see `Percent`).
    public var rate: Decimal
    /// The decimals `rate` is shown with, wherever it is shown.
    public var rateDecimals: Int
    /// satisfied x 100 / total, for rules.
    public var exactRate: ExactFigure
    /// The `below` of the rules that look at this rate.
    public var thresholds: [Decimal]
    /// In file order; ratings of the same group in one year are added up.
    public var groups: [Group]
    /// From the unit's rate of the year before, in percentage points.
    public var change: Change?
}

public struct SatisfactionFigures: Sendable {
    /// Every rate, by year, in the order of the organisations file.
    private let rates: YearLists<SatisfactionRate>
    /// Every year with a rating, earliest first.
    public let years: [Int]

    /// `thresholds` gives the `below` of every rule that looks at a unit's rate.
    init(_ evaluations: [Evaluation], orgs: OrgIndex, thresholds: (String) -> [Decimal]) {
        struct Sum { var satisfied = 0, total = 0, groups: [(LocalizedText?, Int, Int)] = [] }
        var sums: [String: [Int: Sum]] = [:]
        for evaluation in evaluations {
            var sum = sums[evaluation.org]?[evaluation.year] ?? Sum()
            sum.satisfied += evaluation.satisfied
            sum.total += evaluation.total
            if let index = sum.groups.firstIndex(where: { $0.0 == evaluation.group }) {
                sum.groups[index].1 += evaluation.satisfied
                sum.groups[index].2 += evaluation.total
            } else {
                sum.groups.append((evaluation.group, evaluation.satisfied, evaluation.total))
            }
            sums[evaluation.org, default: [:]][evaluation.year] = sum
        }
        var byYear: [Int: [SatisfactionRate]] = [:]
        for (org, years) in sums {
            for (year, sum) in years {
                let unitThresholds = thresholds(org)
                guard let published = Percent.of(sum.satisfied, sum.total),
                      let (exact, rate, decimals) = Self.shown(sum.satisfied, of: sum.total, toTell: unitThresholds) else { continue }
                // A group's rate is shown beside the unit's: it gets the decimals the unit's thresholds need too.
                let groups = sum.groups.compactMap { group, satisfied, total in
                    Self.shown(satisfied, of: total, toTell: unitThresholds).map {
                        SatisfactionRate.Group(group: group, satisfied: satisfied, total: total, rate: $0.rate, rateDecimals: $0.decimals)
                    }
                }
                let previous = years[year - 1].flatMap { Percent.of($0.satisfied, $0.total) }
                byYear[year, default: []].append(SatisfactionRate(
                    org: org, year: year, satisfied: sum.satisfied, total: sum.total, rate: rate, rateDecimals: decimals,
                    exactRate: exact, thresholds: unitThresholds, groups: groups,
                    // Changes stay in the usual two decimals.
                    change: Change(current: published, previous: previous, previousYear: year - 1)))
            }
        }
        rates = YearLists(byYear.mapValues { orgs.sortedByUnit($0, unit: \.org) }, unit: \.org)
        years = byYear.keys.sorted()
    }

    /// A rate exactly, and as shown: two decimals, or as many as tell it from the thresholds.
    private static func shown(_ satisfied: Int, of total: Int, toTell thresholds: [Decimal])
        -> (exact: ExactFigure, rate: Decimal, decimals: Int)? {
        guard let published = Percent.of(satisfied, total) else { return nil }
        let exact = ExactFigure(Decimal(satisfied) * 100, over: Decimal(total))
        let decimals = exact.decimals(toTell: thresholds)
        return (exact, decimals == Percent.decimals ? published : exact.rounded(decimals), decimals)
    }

    public func rate(org: String, year: Int) -> SatisfactionRate? { rates.values(unit: org, year: year).first }

    /// A unit's rates, earliest year first.
    public func rates(org: String) -> [SatisfactionRate] { rates.values(unit: org) }

    /// Every unit's rate for a year, in the order of the organisations file.
    public func rates(year: Int) -> [SatisfactionRate] { rates.values(year: year) }

    /// Every unit's rate of every year, by unit and year.
    public var ratesByUnit: [String: [Int: SatisfactionRate]] {
        var byUnit: [String: [Int: SatisfactionRate]] = [:]
        for (year, rates) in rates.byYear {
            for rate in rates { byUnit[rate.org, default: [:]][year] = rate }
        }
        return byUnit
    }
}
