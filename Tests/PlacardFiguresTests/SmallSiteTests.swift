import Foundation
import PlacardContent
import PlacardFigures
import Testing

/// Figures of small sites written for one rule each.
@Suite struct SmallSiteTests {
    @Test func weightedTotalIsExact() throws {
        // 40% x 85 + 35% x 82 + 25% x 75 = 34 + 28.7 + 18.75 = 81.45 (Double arithmetic gives 81.44999...).
        let (figures, messages) = SmallSiteTests.figures([
            "Content/data/organisations.yaml": smallTree,
            "Content/data/assessments/exact.yaml": """
            title: Exact
            year: 2009
            components:
              - {id: a, weight: 40}
              - {id: b, weight: 35}
              - {id: c, weight: 25}
            grades:
              - {min: 81.45, label: Top}
              - {min: 0, label: Rest}
            scores:
              - {org: north, component: a, score: 85}
              - {org: north, component: b, score: 82}
              - {org: north, component: c, score: 75}
            """,
        ])
        #expect(messages.isEmpty, "\(messages)")
        let unit = try #require(figures.assessments.unit("north", scheme: "exact"))
        #expect(unit.total == d("81.45"))
        #expect("\(unit.total)" == "81.45")
        #expect(unit.grade?.label.description == "Top")  // reaching the min exactly is enough
    }

    @Test func competitionRanking() throws {
        let scores = [("county", 70), ("north", 90), ("south", 80), ("n1", 80), ("s1", 60), ("lone", 90)]
            .map { "  - {org: \($0.0), component: all, score: \($0.1)}" }.joined(separator: "\n")
        let (figures, _) = Self.figures([
            "Content/data/organisations.yaml": smallTree,
            "Content/data/assessments/ranks.yaml": "title: Ranks\ncomponents:\n  - {id: all, weight: 100}\ngrades:\n  - {min: 85, label: A}\nscores:\n" + scores,
        ])
        let result = try #require(figures.assessments.result("ranks"))
        #expect(result.units.map(\.org) == ["north", "lone", "south", "n1", "county", "s1"])
        #expect(result.units.map(\.rank) == [1, 1, 3, 3, 5, 6])
        // Below every grade's min: no grade.
        #expect(result.units.map { $0.grade?.label.description } == ["A", "A", nil, nil, nil, nil])
        #expect(figures.text("assessment.grade scheme=ranks org=s1") == "error: organisation 's1' reaches no grade in assessment 'ranks'")
    }

    @Test func meanOfThreeEntriesAndRuleOnAssessment() throws {
        let (figures, _) = Self.figures([
            "Content/data/organisations.yaml": smallTree,
            "Content/data/assessments/q.yaml": """
            title: Q
            year: 2010
            components:
              - {id: q, weight: 100, combine: mean}
            scores:
              - {org: north, component: q, period: Q1, score: 90}
              - {org: north, component: q, period: Q2, score: 90}
              - {org: north, component: q, period: Q3, score: 91}
              - {org: south, component: q, period: Q1, score: 50}
            """,
        ], settings: defaultSettings + "  - {id: last, metric: \"assessment:q\", below: 60, label: Warning}\n")
        let north = try #require(figures.assessments.unit("north", scheme: "q"))
        #expect(north.total == d("90.3333333333"))   // 271/3, kept to 10 decimals
        #expect(figures.text("assessment.total scheme=q org=north") == "90.33")
        #expect(figures.rules.triggers(year: 2010).map { "\($0.org) \($0.rule.id)" } == ["south last"])
    }

    static func figures(_ files: [String: String], settings: String = defaultSettings) -> (Figures, [String]) {
        PlacardFiguresTests.figures(files, settings: settings)
    }

    static func evaluations(_ rows: [(String, Int, Int, Int)]) -> String {
        rows.map { "- {org: \($0.0), year: \($0.1), group: g, satisfied: \($0.2), total: \($0.3)}" }.joined(separator: "\n")
    }

    @Test func rulesAtThresholdAndConsecutiveYears() {
        let (figures, messages) = Self.figures([
            "Content/data/organisations.yaml": smallTree,
            "Content/data/evaluations.yaml": Self.evaluations([
                ("n1", 2008, 50, 100), ("n1", 2009, 90, 100), ("n1", 2010, 59, 100), ("n1", 2011, 5999, 10000),
                ("s1", 2009, 60, 100), ("s1", 2010, 59, 100),
                ("north", 2009, 10, 100), ("north", 2010, 10, 100),
                ("lone", 2009, 1, 100), ("lone", 2011, 1, 100),
            ]),
        ])
        #expect(messages.isEmpty, "\(messages)")
        let ids = { (org: String, year: Int) in figures.rules.triggers(org: org, year: year).map(\.rule.id) }
        #expect(ids("n1", 2009).isEmpty)                         // 90 is not below 90
        #expect(ids("n1", 2010) == ["no-awards", "rectify"])     // 2009 was not below 60
        #expect(ids("n1", 2011) == ["no-awards", "rectify", "remove"])  // 59.99 after 59
        #expect(ids("s1", 2010) == ["no-awards", "rectify"])     // 60 in 2009 is not below 60
        #expect(ids("north", 2010) == ["no-awards", "rectify"])  // a township: remove is for villages
        #expect(ids("lone", 2011) == ["no-awards", "rectify"])   // 2010 missing: not consecutive
        #expect(figures.rules.triggers(year: 2010).map(\.org) == ["north", "north", "n1", "n1", "s1", "s1"])
    }

    @Test func satisfactionGroupsAddUp() throws {
        let (figures, _) = Self.figures([
            "Content/data/organisations.yaml": smallTree,
            "Content/data/evaluations.yaml": """
            - {org: n1, year: 2009, group: members, satisfied: 10, total: 10}
            - {org: n1, year: 2009, group: public, satisfied: 20, total: 50}
            - {org: n1, year: 2009, group: members, satisfied: 5, total: 10}
            """,
        ])
        let rate = try #require(figures.satisfaction.rate(org: "n1", year: 2009))
        #expect(rate.satisfied == 35 && rate.total == 70 && rate.rate == 50)
        #expect(rate.groups.map(\.rate) == [75, 40])
        #expect(rate.change == nil)
        #expect(figures.text("satisfaction.change org=n1 year=2009") == "error: no satisfaction rating of 'n1' in 2008 to compare 2009 with")
    }

    @Test func rateRoundsHalfUp() {
        // 1/8 = 12.5%, 2/3 = 66.666...%, 1/6 = 16.666...%, 8.125% -> 8.13 (half up).
        #expect(Percent.of(1, 8) == d("12.5"))
        #expect(Percent.of(2, 3) == d("66.67"))
        #expect(Percent.of(d("8.125"), 100) == d("8.13"))
        #expect(Percent.of(d("8.124999"), 100) == d("8.12"))
        #expect(Percent.of(1, 0) == nil)
        var tally = CommitmentTally()
        for status: CommitmentStatus in [.fulfilled, .dropped, .pending] { tally.add(status) }
        #expect(tally.rate == d("33.33"))  // dropped counts as made
    }

    @Test func commitmentsSubtree() {
        let commitment = { (id: String, org: String, year: Int, status: String) in
            "- {id: \(id), org: \(org), year: \(year), text: t, status: \(status)\(status == "fulfilled" ? ", fulfilled_on: \(year)-12-01" : "")}"
        }
        let (figures, messages) = Self.figures([
            "Content/data/organisations.yaml": smallTree,
            "Content/data/commitments.yaml": [
                commitment("a", "county", 2009, "fulfilled"), commitment("b", "north", 2009, "dropped"),
                commitment("c", "n1", 2009, "fulfilled"), commitment("d", "n1", 2010, "in_progress"),
                commitment("e", "s1", 2009, "pending"), commitment("f", "lone", 2009, "fulfilled"),
            ].joined(separator: "\n"),
        ])
        #expect(messages.isEmpty, "\(messages)")
        #expect(figures.commitments.subtree("north").tally(year: 2009).rate == 50)
        #expect(figures.commitments.subtree("county").tally(year: 2009).made == 4)
        #expect(figures.commitments.subtree("county").allYears.made == 5)
        #expect(figures.commitments.own("county").allYears.made == 1)
        #expect(figures.commitments.site.allYears.made == 6)
        #expect(figures.commitments.subtree("south").tally(year: 2010).made == 0)
        #expect(figures.text("commitments.made") == "6")
        #expect(figures.text("commitments.in_progress org=county") == "1")
        #expect(figures.text("commitments.rate org=south year=2010") == "error: no commitments of 'south' in 2010")
        #expect(figures.text("commitments.made year=2011") == "error: no commitments in 2011")
    }

    @Test func indicatorRollUpKeepsOwnValuesAndDenominators() {
        let (figures, _) = Self.figures([
            "Content/data/organisations.yaml": smallTree + """
            - {id: n2, name: N2, level: village, parent: north}
            """,
            "Content/data/indicators.csv": """
            year,org,indicator,value,of
            2009,n1,five-good,1,1
            2009,n2,five-good,0,
            2009,s1,five-good,1,1
            2009,south,five-good,5,8
            2009,n1,staff,4,
            """,
        ])
        let figure = { (org: String) in figures.indicators.figure(indicator: "five-good", org: org, year: 2009) }
        #expect(figure("north")?.value == 1 && figure("north")?.of == nil)  // n2 has no denominator
        #expect(figure("north")?.share == nil)
        #expect(figure("south")?.value == 5 && figure("south")?.rolledUp == false)  // its own value wins
        #expect(figure("county")?.value == 6 && figure("county")?.of == nil)
        #expect(figures.indicators.figure(indicator: "staff", org: "north", year: 2009) == nil)  // not summed
        #expect(figures.text("indicator.share indicator=five-good org=north year=2009") == "error: indicator 'five-good' of 'north' in 2009 has no 'of'")
    }

    @Test func fundingPerHeadAndCurrencies() {
        let (figures, _) = Self.figures([
            "Content/data/organisations.yaml": smallTree,
            "Content/data/funding.yaml": """
            - {year: 2009, org: county, rate: 1.5, per: residents, source: county}
            - {year: 2009, org: n1, amount: 100.5, currency: USD}
            - {year: 2010, org: county, amount: 2000}
            """,
        ])
        #expect(figures.funding.lines.map(\.amount) == [1500, d("100.5"), 2000])
        #expect(figures.funding.totals(year: 2009) == ["CNY": 1500, "USD": d("100.5")])
        #expect(figures.text("funding.total year=2009") == "error: funding in several currencies (CNY, USD): add currency=")
        // Money at the currency's minor units (2 for USD and CNY), with its code after a no-break space.
        #expect(figures.text("funding.total year=2009 currency=USD") == "100.50\u{00A0}USD")
        #expect(figures.text("funding.total year=2009 currency=USD decimals=0") == "101\u{00A0}USD")
        #expect(figures.text("funding.change year=2010 currency=CNY") == "+500.00\u{00A0}CNY")
        #expect(figures.text("funding.total year=2011") == "error: no funding in 2011")
    }
}
