import Foundation
import PlacardContent
import PlacardFigures
import Testing

/// The example site's figures against hand calculations from its data files.
@Suite struct ExampleSiteTests {
    let figures = example.figures

    @Test func loadsWithoutErrors() {
        #expect(!example.messages.contains { $0.contains(": error: ") }, "\(example.messages)")
    }

    @Test func satisfaction2009() throws {
        let rate = { (org: String) in figures.satisfaction.rate(org: org, year: 2009)?.rate }
        #expect(rate("fuyuan-dongwang") == 90)                 // 81/90
        #expect(rate("fuguo-liujia") == d("84.06"))            // 58/69
        #expect(rate("fengjia") == d("88.71"))                 // 110/124
        #expect(rate("xiawa-gaojia") == 50)                    // 35/70, not the mean of 100% and 41.67%
        #expect(rate("gucheng-xiguan") == d("52.56"))          // 41/78
        #expect(rate("gucheng") == d("57.94"))                 // 73/126
        let gaojia = try #require(figures.satisfaction.rate(org: "xiawa-gaojia", year: 2009))
        #expect(gaojia.satisfied == 35 && gaojia.total == 70)
        #expect(gaojia.groups.map(\.rate) == [100, d("41.67")])

        #expect(figures.rules.triggers(org: "fuyuan-dongwang", year: 2009).isEmpty)
        let triggered = figures.rules.triggers(year: 2009).map { "\($0.org) \($0.rule.id)" }
        #expect(triggered == [
            "fengjia no-awards",
            "gucheng no-awards", "gucheng rectify",
            "fuguo-liujia no-awards",
            "xiawa-gaojia no-awards", "xiawa-gaojia rectify",
            "gucheng-xiguan no-awards", "gucheng-xiguan rectify",
        ])
    }

    @Test func satisfaction2010AndConsecutiveYears() throws {
        let rate = { (org: String) in figures.satisfaction.rate(org: org, year: 2010)?.rate }
        #expect(rate("fuguo-beiwang") == 60)                   // 42/70
        #expect(rate("fengjia-chenjia") == d("57.97"))         // 40/69
        #expect(rate("gucheng") == d("58.73"))                 // 74/126
        #expect(rate("gucheng-xiguan") == d("57.69"))          // 45/78
        #expect(rate("xiawa-gaojia") == d("72.46"))            // 50/69
        let ids = { (org: String) in figures.rules.triggers(org: org, year: 2010).map(\.rule.id) }
        #expect(ids("fuguo-beiwang") == ["no-awards"])         // exactly 60 is not below 60
        #expect(ids("fengjia-chenjia") == ["no-awards", "rectify"])  // first year below 60
        #expect(ids("gucheng") == ["no-awards", "rectify"])    // a township: remove-secretary is for villages
        #expect(ids("gucheng-xiguan") == ["no-awards", "rectify", "remove-secretary"])
        let removals = figures.rules.triggers(year: 2010).filter { $0.rule.id == "remove-secretary" }
        #expect(removals.map(\.org) == ["gucheng-xiguan"])
        #expect(removals.first?.history.map(\.year) == [2009, 2010])
        #expect(removals.first?.history.map(\.value) == [d("52.56"), d("57.69")])
        // Change from 2009: 57.69 - 52.56.
        #expect(figures.satisfaction.rate(org: "gucheng-xiguan", year: 2010)?.change?.difference == d("5.13"))
    }

    @Test func township2009Assessment() throws {
        let result = try #require(figures.assessments.result("township-2009"))
        #expect(result.units.map(\.org) == ["fuyuan", "fuguo", "xiawa", "fengjia", "gucheng"])
        #expect(result.units.map(\.total) == [d("90.2"), 86, 86, d("76.9"), d("68.7")])
        #expect(result.units.map(\.rank) == [1, 2, 2, 4, 5])
        #expect(result.units.map { $0.grade?.label.description } == ["優秀", "良好", "良好", "合格", "合格"])
        #expect(result.units.allSatisfy { $0.rankedCount == 5 })
        let fuyuan = try #require(result.unit("fuyuan"))
        // Quarterly: mean of 90, 92, 88, 90 = 90; 30 x 90 / 100 = 27.
        #expect(fuyuan.components.map(\.score) == [92, 90, 88, 90])
        #expect(fuyuan.components.map(\.points) == [d("27.6"), 18, d("17.6"), 27])
        #expect(fuyuan.components.last?.entries.count == 4)
    }

    @Test func township2010AssessmentFromCSV() throws {
        let result = try #require(figures.assessments.result("township-2010"))
        #expect(result.units.map(\.org) == ["fuyuan", "xiawa", "fengjia", "fuguo", "gucheng"])
        #expect(result.units.map(\.total) == [d("91.85"), 90, d("80.6"), 80, d("57.1")])
        #expect(result.units.map(\.rank) == [1, 2, 3, 4, 5])
        #expect(result.units.map { $0.grade?.label.description } == ["優秀", "優秀", "良好", "良好", "不合格"])
        #expect(result.previousScheme == "township-2009")
        #expect(result.unit("fuyuan")?.change?.difference == d("1.65"))
        #expect(result.unit("fuguo")?.change?.difference == -6)
    }

    @Test func commitments() {
        let county = figures.commitments.subtree("zhanhua")
        #expect(county.tally(year: 2009).made == 15 && county.tally(year: 2009).fulfilled == 10)
        #expect(county.tally(year: 2009).rate == d("66.67"))
        #expect(county.tally(year: 2010).made == 12 && county.tally(year: 2010).fulfilled == 5)
        #expect(county.tally(year: 2010).rate == d("41.67"))
        #expect(county.allYears.made == 27 && county.allYears.fulfilled == 15)
        #expect(county.allYears.rate == d("55.56"))
        // 2009: c2009-08 and -13 dropped, -09 and -15 in progress, -10 pending.
        #expect(county.tally(year: 2009).dropped == 2 && county.tally(year: 2009).inProgress == 2 && county.tally(year: 2009).pending == 1)
        let own = figures.commitments.own("zhanhua")
        #expect(own.tally(year: 2009).made == 6 && own.tally(year: 2009).fulfilled == 6)
        #expect(own.tally(year: 2010).made == 3 && own.tally(year: 2010).fulfilled == 1)
        #expect(county.rateChange(year: 2010)?.difference == d("-25"))
        // fuguo alone: one dropped in 2009; with Beiwang and Liujia, Liujia's one fulfilled.
        #expect(figures.commitments.own("fuguo").tally(year: 2009).rate == 0)
        #expect(figures.commitments.subtree("fuguo").tally(year: 2009).rate == 50)
    }

    @Test func fiveGoodRollUp() throws {
        let figure = { (org: String, year: Int) in figures.indicators.figure(indicator: "five-good", org: org, year: year) }
        let shares2009 = ["fuyuan", "fuguo", "xiawa", "fengjia", "gucheng", "zhanhua"].map { org in
            figure(org, 2009).map { "\($0.value)/\($0.of ?? -1)" } ?? "none"
        }
        #expect(shares2009 == ["3/3", "1/2", "2/3", "2/2", "1/2", "9/12"])
        let county2010 = try #require(figure("zhanhua", 2010))
        #expect(county2010.value == 7 && county2010.of == 12 && county2010.share == d("58.33"))
        #expect(county2010.rolledUp)
        #expect(county2010.change?.difference == -2)
        #expect(figure("fuyuan-xili", 2009)?.rolledUp == false)
        // Not summed: defined without aggregate.
        #expect(figures.indicators.figure(indicator: "five-good-departments", org: "zhanhua", year: 2010)?.share == d("35.14"))
    }

    @Test func funding() {
        let sinan = figures.funding.lines.filter { $0.line.org == "sinan" && $0.line.year == 2009 }
        #expect(sinan.map(\.amount) == [1_020_000])
        let tongren = figures.funding.lines(org: "tongren").map(\.amount)
        #expect(tongren == [3_000_000, 2_000_000, 1_000_000])
        #expect(figures.funding.totals(year: 2009, org: "tongren") == ["CNY": 6_000_000])
        #expect(figures.funding.totals(year: 2009) == ["CNY": 7_020_000])
        // 2010: Sinan 1,020,000 and Zhanhua 80 x 16,500 party members.
        #expect(figures.funding.totals(year: 2010) == ["CNY": 2_340_000])
        #expect(figures.funding.totals(year: 2010, org: "zhanhua") == ["CNY": 1_320_000])
        #expect(figures.funding.totals(source: "市財政") == ["CNY": 6_000_000])
        #expect(figures.funding.change(year: 2010, currency: "CNY")?.difference == -4_680_000)
    }

    @Test func tongrenSurvey() throws {
        let survey = try #require(figures.survey("tongren-2009"))
        let overall = try #require(survey.question("overall"))
        #expect(overall.addsUp)
        #expect(overall.options.map(\.percent) == [d("41.88"), d("53.85"), d("4.27")])
        #expect(overall.options.allSatisfy { $0.reportedMatches == true })
        let education = try #require(survey.question("education"))
        #expect(!education.addsUp && education.answers == 118)
        #expect(education.options.map(\.percent) == [d("65.81"), d("19.66"), d("0.85"), d("14.53")])
        #expect(education.options.map(\.reportedMatches) == [true, true, false, false])
        let reasons = try #require(survey.question("reasons"))
        // 9.4 is checked to one decimal; 27/117 = 23.08, not the reported 23.07.
        #expect(reasons.options.map(\.reportedMatches) == [true, false, true, true])
    }

    @Test func inlineFigures() {
        #expect(figures.text("commitments.fulfilled org=zhanhua year=2009") == "10")
        #expect(figures.text("=commitments.made org=zhanhua year=2009 scope=own") == "6")
        #expect(figures.text("commitments.rate org=zhanhua") == "55.56%")
        #expect(figures.text("commitments.change org=zhanhua year=2010") == "\u{2212}25.00")
        #expect(figures.text("satisfaction.rate org=xiawa-gaojia year=2009") == "50.00%")
        #expect(figures.text("satisfaction.change org=gucheng-xiguan year=2010") == "+5.13")
        #expect(figures.text("assessment.total scheme=township-2009 org=fuyuan") == "90.20")
        #expect(figures.text("assessment.total scheme=township-2009 org=fuyuan decimals=1") == "90.2")
        #expect(figures.text("assessment.rank scheme=township-2009 org=xiawa") == "2")
        #expect(figures.text("assessment.grade scheme=township-2010 org=gucheng") == "不合格")
        #expect(figures.text("assessment.score scheme=township-2010 org=fuyuan component=quarterly") == "92.50")
        #expect(figures.text("assessment.units scheme=township-2010") == "5")
        #expect(figures.text("survey.percent survey=tongren-2009 question=overall option=很好") == "41.88%")
        #expect(figures.text("survey.count survey=tongren-2009 question=education option=沒有運行") == "1")
        #expect(figures.text("funding.total year=2009") == "7,020,000.00\u{00A0}CNY")
        #expect(figures.text("funding.total org=sinan") == "5,040,000.00\u{00A0}CNY")
        #expect(figures.text("indicator.value indicator=five-good org=zhanhua year=2009") == "9")
        #expect(figures.text("indicator.share indicator=five-good org=zhanhua year=2010") == "58.33%")
        #expect(figures.text("organisations.count level=village") == "13")
        #expect(figures.text("organisations.count") == "21")
        #expect(figures.text("rules.count year=2010 rule=remove-secretary") == "1")
    }
}
