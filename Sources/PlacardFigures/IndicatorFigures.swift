import Foundation
import PlacardContent

/// A unit's value of an indicator for one year: given, or added up from the units below it.
public struct IndicatorFigure: Sendable, Hashable {
    public var indicator: String
    public var org: String
    public var year: Int
    public var value: Decimal
    /// The denominator: given, or the sum of the children's (nil when one of them has none).
    public var of: Decimal?
    /// value / of in percent, two decimals.
    public var share: Decimal?
    public var unit: String?
    /// Only a given value has a target.
    public var target: Decimal?
    /// True when added up from the units below (`aggregate: sum` and no value of its own).
    public var rolledUp: Bool
    /// From the year before: of the value, and of the share (percentage points).
    public var change: Change?
    public var shareChange: Change?
}

/// Indicator values, with `aggregate: sum` indicators rolled up the tree:
/// a parent without a value of its own gets the sum of its children's
/// (given or themselves rolled up), and the sum of their denominators.
public struct IndicatorFigures: Sendable {
    /// indicator -> org -> year.
    private let figures: [String: [String: [Int: IndicatorFigure]]]

    init(_ values: [IndicatorValue], definitions: [SiteConfig.IndicatorDefinition], orgs: OrgIndex) {
        struct Key: Hashable { var indicator: String; var year: Int }
        var own: [Key: [String: IndicatorFigure]] = [:]
        for value in values where own[Key(indicator: value.indicator, year: value.year)]?[value.org] == nil {
            own[Key(indicator: value.indicator, year: value.year), default: [:]][value.org] = IndicatorFigure(
                indicator: value.indicator, org: value.org, year: value.year, value: value.value, of: value.of,
                share: nil, unit: value.unit, target: value.target, rolledUp: false)
        }
        let summed = Set(definitions.filter { $0.aggregate == .sum }.map(\.id))
        var figures: [String: [String: [Int: IndicatorFigure]]] = [:]
        for (key, given) in own {
            var all = given
            if summed.contains(key.indicator) { Self.rollUp(&all, given: given, orgs: orgs) }
            for (org, figure) in all { figures[key.indicator, default: [:]][org, default: [:]][key.year] = figure }
        }
        // Shares and changes once every value, given or rolled up, is known.
        for (indicator, byOrg) in figures {
            for (org, byYear) in byOrg {
                for (year, figure) in byYear {
                    var figure = figure
                    figure.share = figure.of.flatMap { Percent.of(figure.value, $0) }
                    let previous = byYear[year - 1]
                    figure.change = Change(current: figure.value, previous: previous?.value, previousYear: year - 1)
                    let previousShare = previous.flatMap { p in p.of.flatMap { Percent.of(p.value, $0) } }
                    figure.shareChange = Change(current: figure.share, previous: previousShare, previousYear: year - 1)
                    figures[indicator]![org]![year] = figure
                }
            }
        }
        self.figures = figures
    }

    /// Deepest units first, so each child is complete before it is added to its parent.
    /// Only units above a given value are visited: linear in the values and their ancestors.
    private static func rollUp(_ all: inout [String: IndicatorFigure], given: [String: IndicatorFigure], orgs: OrgIndex) {
        var levels: [Int: Set<String>] = [:]
        for org in given.keys { if let depth = orgs.depth[org], depth > 0 { levels[depth, default: []].insert(org) } }
        var ofMissing = Set<String>()
        var depth = levels.keys.max() ?? 0
        while depth > 0 {
            for child in levels[depth] ?? [] {
                guard let parent = orgs.treeParent[child], given[parent] == nil, let figure = all[child] else { continue }
                if var sum = all[parent] {
                    sum.value += figure.value
                    sum.of = figure.of.flatMap { of in sum.of.map { $0 + of } }
                    sum.unit = sum.unit ?? figure.unit
                    all[parent] = sum
                } else {
                    all[parent] = IndicatorFigure(indicator: figure.indicator, org: parent, year: figure.year, value: figure.value,
                                                  of: figure.of, share: nil, unit: figure.unit, target: nil, rolledUp: true)
                }
                if figure.of == nil { ofMissing.insert(parent) }
                if ofMissing.contains(parent) { all[parent]!.of = nil }
                levels[depth - 1, default: []].insert(parent)
            }
            depth -= 1
        }
    }

    public func figure(indicator: String, org: String, year: Int) -> IndicatorFigure? { figures[indicator]?[org]?[year] }

    /// A unit's figures, by indicator id then year.
    public func figures(org: String) -> [IndicatorFigure] {
        figures.keys.sorted().flatMap { indicator in
            (figures[indicator]?[org] ?? [:]).values.sorted { $0.year < $1.year }
        }
    }

    /// Every unit's figure of an indicator for a year (given and rolled up), unordered.
    public func figures(indicator: String, year: Int) -> [IndicatorFigure] {
        (figures[indicator] ?? [:]).values.compactMap { $0[year] }
    }
}
