import Foundation
import PlacardContent

/// One unit's result in a weighted assessment.
public struct AssessmentUnit: Sendable {
    public struct Component: Sendable {
        public var id: String
        public var label: LocalizedText
        public var weight: Decimal
        /// The score used: the single entry, or the mean of the entries with
        /// `combine: mean`; nil when the unit has none. Kept to 10 decimals.
        public var score: Decimal?
        /// weight x score / scale-of-scores (100), to 10 decimals.
        public var points: Decimal
        /// The scores as given (e.g. four quarters), in file order.
        public var entries: [Assessment.Score]
    }

    public var org: String
    public var components: [Component]
    /// The sum of the components' points, to 10 decimals (a mean of three
    /// scores does not end; 10 decimals keep equal totals equal).
    public var total: Decimal
    /// The total as a fraction, exactly: what rules and grades compare.
    public var exactTotal: ExactFigure
    /// The decimals the total is shown with, wherever it is shown: 2, or more
    /// where 2 would read as reaching a grade or a rule's threshold it misses.
    public var totalDecimals: Int
    /// The grades' minimums and the `below` of the rules that look at this total.
    public var thresholds: [Decimal]
    /// Competition rank, highest total first: equal totals share a rank (1, 2, 2, 4).
    public var rank: Int
    /// How many units are ranked: "rank 2 of 5".
    public var rankedCount: Int
    /// The first grade (highest first) whose min the total reaches; nil when none does.
    public var grade: Assessment.Grade?
    /// From the unit's total in the scheme of the year before (see `AssessmentResult.previousScheme`).
    public var change: Change?
}

/// A weighted assessment scheme with every unit's result, in rank order.
public struct AssessmentResult: Sendable {
    public var assessment: Assessment
    /// Rank order; equal totals in the order the units first appear in the scores.
    public var units: [AssessmentUnit]
    /// The scheme of the year before at the same level, when there is exactly one.
    public var previousScheme: String?
    private let position: [String: Int]

    public var id: String { assessment.id }
    public func unit(_ org: String) -> AssessmentUnit? { position[org].map { units[$0] } }

    /// `thresholds` gives the `below` of every rule that looks at a unit's total.
    init(_ assessment: Assessment, thresholds: (String) -> [Decimal]) {
        self.assessment = assessment
        // One dictionary for every (unit, component), not one per unit.
        struct Key: Hashable { var org: String; var component: String }
        var entries: [Key: [Assessment.Score]] = [:]
        var seen = Set<String>()
        var order: [String] = []
        for score in assessment.scores {
            if seen.insert(score.org).inserted { order.append(score.org) }
            entries[Key(org: score.org, component: score.component), default: []].append(score)
        }
        let gradeMinimums = assessment.grades.map(\.min)
        var units: [AssessmentUnit] = order.map { org in
            var total = Decimal(0)
            // The exact total over a denominator of 100 x the least common multiple of the numbers of scores.
            let counts = assessment.components.map { (entries[Key(org: org, component: $0.id)] ?? []).count }
            // Past 10^12 (hundreds of entries of many sizes) the 10-decimal total stands in for the exact one.
            let multiple = counts.filter { $0 > 0 }.reduce(Optional(1)) { sofar, count in sofar.flatMap { leastCommonMultiple($0, count) } }
            var numerator = Decimal(0)
            let components = assessment.components.map { component in
                let given = entries[Key(org: org, component: component.id)] ?? []
                if let multiple, !given.isEmpty {
                    numerator += component.weight * given.reduce(Decimal(0)) { $0 + $1.score } * Decimal(multiple / given.count)
                }
                let sum = given.reduce(Decimal(0)) { $0 + $1.score }
                let count = Decimal(given.count)
                // One division at the end, so that a mean of four quarters stays exact.
                let score = given.isEmpty ? nil : (sum / count).rounded(10)
                let points = given.isEmpty ? 0 : (component.weight * sum / (count * 100)).rounded(10)
                total += points
                return AssessmentUnit.Component(id: component.id, label: component.label, weight: component.weight,
                                                score: score, points: points, entries: given)
            }
            let exact = multiple.map { ExactFigure(numerator, over: Decimal($0) * 100) } ?? ExactFigure(total, over: 1)
            let unitThresholds = gradeMinimums + thresholds(org)
            return AssessmentUnit(org: org, components: components, total: total, exactTotal: exact,
                                  totalDecimals: exact.decimals(toTell: unitThresholds), thresholds: unitThresholds,
                                  rank: 0, rankedCount: order.count,
                                  grade: assessment.grades.first { !exact.isBelow($0.min) }, change: nil)
        }
        // Highest total first, file order among equal totals. Positions are sorted
        // rather than the units (large values), with one Decimal comparison each.
        let totals = units.map(\.total)
        let ranked = units.indices.sorted { a, b in
            var x = totals[a], y = totals[b]
            switch NSDecimalCompare(&x, &y) {
            case .orderedDescending: return true
            case .orderedAscending: return false
            case .orderedSame: return a < b
            }
        }
        units = ranked.map { units[$0] }
        for index in units.indices {
            units[index].rank = index > 0 && units[index].total == units[index - 1].total ? units[index - 1].rank : index + 1
        }
        self.units = units
        self.position = Dictionary(units.enumerated().map { ($1.org, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

public struct AssessmentFigures: Sendable {
    /// Sorted by scheme name.
    public let results: [AssessmentResult]
    private let byID: [String: Int]
    /// Per unit: (scheme, index in units).
    private let byOrg: [String: [(Int, Int)]]

    /// `thresholds` gives the `below` of the rules that look at a scheme's total for a unit.
    init(_ assessments: [Assessment], thresholds: (_ scheme: String, _ org: String) -> [Decimal]) {
        var results = assessments.map { scheme in AssessmentResult(scheme, thresholds: { thresholds(scheme.id, $0) }) }
        // Change from the year before: the one scheme of the previous year at the same level.
        for index in results.indices {
            let this = results[index].assessment
            guard let year = this.year else { continue }
            let previous = results.filter { $0.assessment.year == year - 1 && $0.assessment.level == this.level }
            guard previous.count == 1, let before = previous.first else { continue }
            results[index].previousScheme = before.id
            for unit in results[index].units.indices {
                let org = results[index].units[unit].org
                results[index].units[unit].change = Change(current: results[index].units[unit].total,
                                                           previous: before.unit(org)?.total, previousYear: year - 1)
            }
        }
        self.results = results
        var byID: [String: Int] = [:]
        var byOrg: [String: [(Int, Int)]] = [:]
        for (index, result) in results.enumerated() {
            byID[result.id] = index
            for (position, unit) in result.units.enumerated() { byOrg[unit.org, default: []].append((index, position)) }
        }
        self.byID = byID
        self.byOrg = byOrg
    }

    public func result(_ scheme: String) -> AssessmentResult? { byID[scheme].map { results[$0] } }

    /// A unit's result in one scheme.
    public func unit(_ org: String, scheme: String) -> AssessmentUnit? {
        byOrg[org]?.first { results[$0.0].id == scheme }.map { results[$0.0].units[$0.1] }
    }

    /// Every scheme a unit is assessed in, by scheme name, with its result.
    public func results(org: String) -> [(scheme: AssessmentResult, unit: AssessmentUnit)] {
        (byOrg[org] ?? []).map { (results[$0.0], results[$0.0].units[$0.1]) }
    }
}

/// nil past 10^12: counts come from files, and must not overflow.
private func leastCommonMultiple(_ a: Int, _ b: Int) -> Int? {
    var (x, y) = (a, b)
    while y != 0 { (x, y) = (y, x % y) }
    let (product, overflow) = (a / x).multipliedReportingOverflow(by: b)
    return overflow || product > 1_000_000_000_000 ? nil : product
}
