import Foundation
import PlacardContent
@testable import PlacardFigures
import PropertyBased
import Testing

/// The shortcuts taken for sites of 100,000 units give the figures the
/// Decimal route gave: the same values, down to their exponent and digits.
@Suite struct LargeSiteFiguresTests {
    /// The rate as it was computed before: Decimal division, then rounding.
    static func decimalRate(_ part: Int, _ whole: Int) -> Decimal { (Decimal(part) * 100 / Decimal(whole)).rounded(2) }

    static func same(_ a: Decimal?, _ b: Decimal?) -> Bool {
        a == b && a?.exponent == b?.exponent && a?.significand == b?.significand && a.map { "\($0)" } == b.map { "\($0)" }
    }

    @Test func ratesOfCountsAreTheDecimalRates() async {
        // Hand-checked: 2 of 3 is 66.666... -> 66.67; 1 of 8 is 12.5; 1 of 200,000 is 0.0005 -> 0.00 (the Decimal route's zero).
        #expect("\(Percent.of(2, 3)!)" == "66.67" && "\(Percent.of(1, 8)!)" == "12.5" && "\(Percent.of(1, 200_000)!)" == "0")
        #expect(Percent.of(1, 0) == nil && "\(Percent.of(-1, 3)!)" == "-33.33" && "\(Percent.of(1, -8)!)" == "-12.5")
        for whole in 1...120 {
            for part in -3...(whole + 3) {
                #expect(Self.same(Percent.of(part, whole), Self.decimalRate(part, whole)), "\(part) of \(whole)")
            }
        }
        await propertyCheck(count: 20_000, input: Gen.int(in: 1...2_000_000_000), Gen.int(in: -10...2_000_000_000), Gen.int(in: 0...30)) { whole, part, shift in
            let part = min(part, whole) >> shift
            #expect(Self.same(Percent.of(part, whole), Self.decimalRate(part, whole)), "\(part) of \(whole)")
        }
        #expect(Self.same(Percent.of(Int.max, 3), Self.decimalRate(Int.max, 3)))
    }

    @Test func countsAreFormattedAsTheirDecimals() async {
        #expect(FigureFormat.number(1560, language: "en") == "1,560")
        #expect(FigureFormat.number(-1_234_567, language: "fr") == "\u{2212}1\u{202F}234\u{202F}567")
        #expect(FigureFormat.number(0, language: "zh-Hant") == "0")
        await propertyCheck(count: 5000, input: Gen.int(in: Int.min...Int.max), Gen.int(in: 0...63)) { value, shift in
            let value = value >> shift
            for language in ["en", "de", "fr", "ru"] {
                #expect(FigureFormat.number(value, language: language) == FigureFormat.number(Decimal(value), decimals: 0, language: language))
            }
        }
    }

    @Test func rankingOfManyUnitsWithTies() throws {
        let count = 600
        let totals = (0..<count).map { [60, 70.5, 80, 85.25, 90][($0 * 7 + $0 / 3) % 5] }
        var organisations = "- {id: county, name: County, level: county}\n"
        var scores = ""
        for (index, total) in totals.enumerated() {
            organisations += "- {id: u\(index), name: U\(index), level: village, parent: county}\n"
            scores += "  - {org: u\(index), component: all, score: \(total)}\n"
        }
        let (computed, messages) = figures([
            "Content/data/organisations.yaml": organisations,
            "Content/data/assessments/many.yaml": "title: Many\nyear: 2009\ncomponents:\n  - {id: all, weight: 100}\nscores:\n" + scores,
            "Content/data/evaluations.yaml": (0..<count).reversed().map { "- {org: u\($0), year: 2009, satisfied: \($0 % 50), total: 50}" }.joined(separator: "\n"),
        ])
        #expect(messages.isEmpty, "\(messages)")
        let result = try #require(computed.assessments.result("many"))
        // Highest first, file order among equal totals; equal totals share the rank of the first of them.
        let expected = totals.indices.sorted { totals[$0] != totals[$1] ? totals[$0] > totals[$1] : $0 < $1 }
        #expect(result.units.map(\.org) == expected.map { "u\($0)" })
        for unit in result.units {
            let first = result.units.firstIndex { $0.total == unit.total }!
            #expect(unit.rank == first + 1)
        }
        // Rates of a year follow the organisations file, whatever the order of the ratings.
        #expect(computed.satisfaction.rates(year: 2009).map(\.org) == (0..<count).map { "u\($0)" })
        // Rules: by year, then the organisations file, then the rules' order.
        let triggered = computed.rules.triggers(year: 2009)
        #expect(triggered.map(\.org) == triggered.map(\.org).sorted { Int($0.dropFirst())! < Int($1.dropFirst())! })
        #expect(triggered.prefix(2).map(\.rule.id) == ["no-awards", "rectify"])
    }
}
