import Foundation
import PlacardContent
import PlacardFigures
import Testing

/// Figures at the edge of a threshold: rules compare exact values, and a figure
/// is never shown so that it reads as meeting a threshold it fails (or the reverse).
@Suite struct EdgeFigureTests {
    static func satisfaction(_ rows: [(String, Int, Int)], settings: String = defaultSettings) -> Figures {
        let evaluations = rows.map { "- {org: \($0.0), year: 2009, satisfied: \($0.1), total: \($0.2)}" }.joined(separator: "\n")
        let (figures, messages) = PlacardFiguresTests.figures(
            ["Content/data/organisations.yaml": smallTree, "Content/data/evaluations.yaml": evaluations], settings: settings)
        #expect(messages.isEmpty, "\(messages)")
        return figures
    }

    /// 17,999 of 20,000 is 89.995%: below 90, although two decimals round it to 90.00.
    @Test func aRateJustBelowARuleIsBelowItAndShownWithTheDigitsThatSaySo() throws {
        let figures = Self.satisfaction([("north", 17_999, 20_000), ("south", 18_000, 20_000), ("n1", 17_998, 20_000), ("s1", 2, 3)])
        let north = try #require(figures.satisfaction.rate(org: "north", year: 2009))
        #expect(north.rate == Decimal(string: "89.995")! && north.rateDecimals == 3)
        #expect(figures.rules.triggers(org: "north", year: 2009).map(\.rule.id) == ["no-awards"])
        #expect(figures.rules.triggers(org: "north", year: 2009).first.map { "\($0.value) \($0.decimals)" } == "89.995 3")
        #expect(figures.text("satisfaction.rate org=north year=2009") == "89.995%")
        // Fewer decimals asked for are not enough to tell it from 90.
        #expect(figures.text("satisfaction.rate org=north year=2009 decimals=0") == "89.995%")
        #expect(figures.text("satisfaction.rate org=north year=2009 decimals=4") == "89.9950%")
        // Exactly 90 is not below 90; 89.99 needs no more digits; 2 of 3 is near no threshold.
        #expect(figures.rules.triggers(org: "south", year: 2009).isEmpty)
        #expect(figures.text("satisfaction.rate org=south year=2009") == "90.00%")
        #expect(figures.text("satisfaction.rate org=n1 year=2009") == "89.99%")
        #expect(figures.satisfaction.rate(org: "n1", year: 2009)?.rateDecimals == 2)
        #expect(figures.text("satisfaction.rate org=s1 year=2009") == "66.67%")
        #expect(figures.text("satisfaction.rate org=s1 year=2009 decimals=0") == "67%")
    }

    /// The reverse: a threshold with three decimals, and a rate above it that two decimals would put below.
    @Test func aRateJustAboveAThresholdIsNotShownBelowIt() throws {
        let settings = "title: T\nlevels: [{id: county}, {id: township}, {id: village}]\nrules:\n  - {id: r, metric: satisfaction, below: 89.994, label: R}\n"
        // 899,941 of 1,000,000 = 89.9941%: two decimals give 89.99, which reads as below 89.994.
        let figures = Self.satisfaction([("north", 899_941, 1_000_000), ("south", 899_939, 1_000_000)], settings: settings)
        #expect(figures.rules.triggers(year: 2009).map(\.org) == ["south"])
        #expect(figures.text("satisfaction.rate org=north year=2009") == "89.994%")  // 89.9941 at 3 decimals
        #expect(figures.text("satisfaction.rate org=south year=2009") == "89.99%")  // below, and reads so
    }

    /// A mean of three quarters that two decimals would show as 60.00, against a
    /// rule below 60 and a grade from 60: the exact total decides, and shows 59.998.
    @Test func anAssessmentTotalAtAnEdgeIsComparedExactly() throws {
        let (figures, messages) = PlacardFiguresTests.figures([
            "Content/data/organisations.yaml": smallTree,
            "Content/data/assessments/q.yaml": """
            title: Q
            year: 2010
            components:
              - {id: q, weight: 100, combine: mean}
            grades:
              - {min: 60, label: Pass}
              - {min: 0, label: Fail}
            scores:
              - {org: north, component: q, period: Q1, score: 59.99}
              - {org: north, component: q, period: Q2, score: 60}
              - {org: north, component: q, period: Q3, score: 60.005}
              - {org: south, component: q, score: 60}
            """,
        ], settings: defaultSettings + "  - {id: weak, metric: \"assessment:q\", below: 60, label: Weak}\n")
        #expect(messages.isEmpty, "\(messages)")
        // (59.99 + 60 + 60.005) / 3 = 179.995 / 3 = 59.99833...
        let north = try #require(figures.assessments.unit("north", scheme: "q"))
        #expect(north.grade?.label.description == "Fail")
        #expect(north.totalDecimals == 3)
        #expect(figures.text("assessment.total scheme=q org=north") == "59.998")
        #expect(figures.rules.triggers(org: "north", year: 2010).map(\.rule.id) == ["weak"])
        #expect(figures.rules.triggers(org: "north", year: 2010).first?.history.map(\.value) == [Decimal(string: "59.998")!])
        let south = try #require(figures.assessments.unit("south", scheme: "q"))
        #expect(south.grade?.label.description == "Pass" && south.totalDecimals == 2)
        #expect(figures.text("assessment.total scheme=q org=south") == "60.00")
        #expect(figures.rules.triggers(org: "south", year: 2010).isEmpty)
    }

    /// Many components scored a different prime number of times: the common
    /// denominator would pass 10^12, and the 10-decimal total stands in without overflow.
    @Test func manyMeansOfPrimeCountsDoNotOverflow() throws {
        let counts = [97, 89, 83, 79, 73, 71, 67]
        let components = counts.indices.map { "  - {id: c\($0), weight: \($0 == 0 ? 40 : 10), combine: mean}" }.joined(separator: "\n")
        let scores = counts.enumerated().flatMap { index, count in
            (0..<count).map { _ in "  - {org: north, component: c\(index), score: 80}" }
        }.joined(separator: "\n")
        let (figures, messages) = PlacardFiguresTests.figures([
            "Content/data/organisations.yaml": smallTree,
            "Content/data/assessments/p.yaml": "title: P\ncomponents:\n\(components)\ngrades:\n  - {min: 80, label: Good}\nscores:\n\(scores)\n",
        ])
        #expect(messages.isEmpty, "\(messages)")
        let north = try #require(figures.assessments.unit("north", scheme: "p"))
        #expect(north.total == 80 && north.grade?.label.description == "Good")
        #expect(figures.text("assessment.total scheme=p org=north") == "80.00")
    }

    /// 1,720,000.5 is money: shown at two decimals, the currency's minor units, with its code;
    /// yen have none. The site's currency is the default of lines that name none.
    @Test func moneyAtTheCurrencysMinorUnitsWithItsCode() {
        let (figures, messages) = PlacardFiguresTests.figures([
            "Content/data/organisations.yaml": smallTree,
            "Content/data/funding.yaml": """
            - {year: 2009, org: county, amount: 1720000.5}
            - {year: 2009, org: north, amount: 3000, currency: JPY}
            - {year: 2010, org: county, amount: 1700000}
            """,
        ], settings: defaultSettings + "currency: EUR\n")
        #expect(messages.isEmpty, "\(messages)")
        #expect(figures.text("funding.total year=2009 org=county") == "1,720,000.50\u{00A0}EUR")
        #expect(figures.text("funding.total year=2009 currency=JPY") == "3,000\u{00A0}JPY")
        // Amounts in two currencies are never added: the total asks which one.
        #expect(figures.text("funding.total year=2009") == "error: funding in several currencies (EUR, JPY): add currency=")
        #expect(figures.text("funding.change year=2010 currency=EUR") == "\u{2212}20,000.50\u{00A0}EUR")
        #expect(FigureFormat.money(Decimal(string: "1720000.5")!, currency: "CNY", language: "zh-Hant") == "1,720,000.50\u{00A0}CNY")
        #expect(FigureFormat.money(Decimal(string: "1.2345")!, currency: "KWD", language: "en") == "1.235\u{00A0}KWD")
    }
}
