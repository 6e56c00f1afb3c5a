import Foundation
import Testing
import PlacardContent
import PlacardDiagnostics

@Suite struct FigureCheckTests {
    /// The Tongren region survey as published (domain.md), typos included.
    static let tongren = """
    title: 銅仁地區落實黨建工作責任制問卷調查
    date: 2009-06
    respondents: 117
    questions:
      - id: overall
        text: 你對自己所在單位落實的黨建工作責任制狀況的總體評價
        options:
          - {label: 很好, count: 49, reported_percent: 41.88}
          - {label: 好,   count: 63, reported_percent: 53.85}
          - {label: 一般, count: 5,  reported_percent: 4.27}
      - id: shortfall
        text: 落實不到位的原因
        options:
          - {label: 黨不管黨, count: 11, reported_percent: 9.4}
          - {label: 認識不到位, count: 27, reported_percent: 23.07}
          - {label: 業務工作代替黨建工作, count: 11, reported_percent: 9.4}
          - {label: 重經濟輕黨建, count: 68, reported_percent: 58.12}
      - id: education
        text: 教育機制
        options:
          - {label: 發揮作用好, count: 77, reported_percent: 65.81}
          - {label: 發揮作用差, count: 23, reported_percent: 19.66}
          - {label: 沒有發揮作用, count: 1, reported_percent: 0.08}
          - {label: 急需建立, count: 17, reported_percent: 14.52}
    """

    @Test func tongrenSurvey() throws {
        let site = TestSite(["Content/data/surveys/tongren-2009.yaml": Self.tongren])
        let (_, data, messages) = site.load()
        #expect(messages == [
            // 27 of 117 is 23.0769...: the report cut it down instead of rounding.
            "Content/data/surveys/tongren-2009.yaml:15:53: warning: reported_percent 23.07 differs from the computed share 23.08 (27 of 117)",
            "Content/data/surveys/tongren-2009.yaml:18:5: warning: the counts of question 'education' add up to 118, not the 117 respondents; each percentage is rounded on its own",
            "Content/data/surveys/tongren-2009.yaml:23:53: warning: reported_percent 0.08 differs from the computed share 0.85 (1 of 117)",
            "Content/data/surveys/tongren-2009.yaml:24:52: warning: reported_percent 14.52 differs from the computed share 14.53 (17 of 117)",
        ])
        let survey = try #require(data.survey("tongren-2009"))
        #expect(survey.respondents == 117 && survey.questions.count == 3)
        #expect(survey.date?.text == "2009-06")
        #expect(survey.questions[0].options[1].reportedPercent?.description == "53.85")
    }

    @Test func largestRemainder() {
        #expect(Percentages.shares(of: [49, 63, 5], total: 117).map(\.description) == ["41.88", "53.85", "4.27"])
        #expect(Percentages.shares(of: [11, 27, 11, 68], total: 117).map(\.description) == ["9.4", "23.08", "9.4", "58.12"])
        // Three equal thirds: the earlier option takes the missing hundredth.
        #expect(Percentages.shares(of: [1, 1, 1], total: 3).map(\.description) == ["33.34", "33.33", "33.33"])
        #expect(Percentages.largestRemainder([77, 23, 1, 17], total: 117) == nil)
        #expect(Percentages.shares(of: [77, 23, 1, 17], total: 117).map(\.description) == ["65.81", "19.66", "0.85", "14.53"])
        #expect(Percentages.shares(of: [0, 0], total: 0) == [0, 0])
        #expect(Percentages.largestRemainder([Int.max, 1], total: Int.max) == nil)
    }

    /// A report may round each share on its own (half up) or by largest
    /// remainder so that a question adds up to 100: both are correct, and
    /// neither is flagged. Three answers of 1 each of 3 respondents: 33.333…%,
    /// so 33.33 on its own, and 33.34, 33.33, 33.33 by largest remainder.
    @Test func aReportedShareIsCorrectRoundedOnItsOwnOrByLargestRemainder() {
        let counts = [1, 1, 1]
        #expect(Percentages.isCorrectRounding(Decimal(string: "33.33")!, decimals: 2, option: 0, counts: counts, total: 3))
        #expect(Percentages.isCorrectRounding(Decimal(string: "33.34")!, decimals: 2, option: 0, counts: counts, total: 3))
        #expect(!Percentages.isCorrectRounding(Decimal(string: "33.34")!, decimals: 2, option: 1, counts: counts, total: 3))
        #expect(!Percentages.isCorrectRounding(Decimal(string: "33.35")!, decimals: 2, option: 0, counts: counts, total: 3))
        // Whole numbers: 33 on its own; 34, 33, 33 by largest remainder.
        #expect(Percentages.isCorrectRounding(34, decimals: 0, option: 0, counts: counts, total: 3))
        #expect(Percentages.isCorrectRounding(33, decimals: 0, option: 2, counts: counts, total: 3))
        #expect(!Percentages.isCorrectRounding(34, decimals: 0, option: 2, counts: counts, total: 3))
        // Counts that do not add up to the respondents: each share on its own only.
        #expect(Percentages.isCorrectRounding(50, decimals: 0, option: 0, counts: [1, 1], total: 2))
        #expect(!Percentages.isCorrectRounding(Decimal(string: "33.34")!, decimals: 2, option: 0, counts: [1, 1], total: 3))

        let site = TestSite([
            "Content/data/surveys/thirds.yaml": """
            title: Thirds
            respondents: 3
            questions:
              - id: pick
                text: Pick one
                options:
                  - {label: A, count: 1, reported_percent: 33.34}
                  - {label: B, count: 1, reported_percent: 33.33}
                  - {label: C, count: 1, reported_percent: 33.34}
            """,
        ])
        #expect(site.load().messages == [
            "Content/data/surveys/thirds.yaml:9:48: warning: reported_percent 33.34 differs from the computed share 33.33 (1 of 3)",
        ])
    }

    @Test func assessmentChecks() {
        let site = TestSite([
            "Content/data/organisations.yaml": """
            - {id: zhanhua, name: 沾化縣, level: county}
            - {id: fuyuan, name: 富源, level: township, parent: zhanhua}
            - {id: daidong, name: 岱東, level: village, parent: fuyuan}
            """,
            "Content/data/assessments/township-2009.yaml": """
            title: 2009年鄉鎮黨委落實黨建工作責任制考核
            year: 2009
            level: township
            scale: 100
            components:
              - {id: committee, label: 縣委年終評議, weight: 30}
              - {id: city, label: 市委年終考核, weight: 20}
              - {id: quarterly, label: 縣委季度檢查考核, weight: 30, combine: mean}
            grades:
              - {min: 90, label: 優秀}
              - {min: 60, label: 合格}
            scores: scores.csv
            """,
            "Content/data/assessments/scores.csv": """
            org,component,period,score
            fuyuan,committee,,92
            fuyuan,quarterly,Q1,88
            fuyuan,quarterly,Q2,101.5
            daidong,committee,,80
            daidong,city,,70
            daidong,city,,71
            daidong,quarterly,Q1,60

            """,
        ], settings: TestSite.defaultSettings + """
        rules:
          - {id: r, metric: "assessment:villages-2009", below: 60, label: x}
        """)
        let (_, data, messages) = site.load()
        #expect(messages == [
            "Content/data/assessments/scores.csv:2:1: error: organisation 'fuyuan' has no score for component 'city'",
            "Content/data/assessments/scores.csv:4:21: error: score 101.5 is outside 0 to 100",
            "Content/data/assessments/scores.csv:5:1: error: organisation 'daidong' is of level 'village', but this assessment is of level 'township'",
            "Content/data/assessments/scores.csv:7:1: error: organisation 'daidong' has more than one score for component 'city' (add combine: mean to the component)",
            "Content/data/assessments/township-2009.yaml:6:3: error: the component weights add up to 80, not the scale 100",
            "Content/site.yaml:12:21: error: rule 'r' names unknown assessment 'villages-2009' in field 'metric'",
        ].sorted())
        #expect(data.assessments.first?.scores.count == 7)
    }

    @Test func commitmentAndFundingChecks() {
        let site = TestSite([
            "Content/data/organisations.yaml": "- {id: sinan, name: 思南縣, facts: {residents: 4200}}\n",
            "Content/data/commitments.yaml": """
            - {id: roads, org: sinan, text: 硬化村道6.9萬米, status: fulfilled}
            - {id: ditches, org: sinan, text: 清理溝渠, status: in_progress, quantity: 12.4}
            """,
            "Content/data/commitment-updates.csv": """
            commitment,date,status,note
            ditches,2009-03-01,in_progress,開工
            ditches,2009-11-20,fulfilled,完成
            roads,2009-05-01,fulfilled,

            """,
            "Content/data/funding.yaml": """
            - {year: 2009, org: sinan, item: 黨建經費, rate: 1.5, per: residents, amount: 6000}
            - {year: 2009, org: sinan, item: 活動場所, rate: 1.5, per: residents, amount: 6300.00}
            - {year: 2008, org: sinan, item: 村級活動場所, amount: 3000000}
            """,
        ])
        let (_, data, messages) = site.load()
        #expect(messages == [
            "Content/data/commitment-updates.csv:3:20: error: the latest update of commitment 'ditches' (2009-11-20) says fulfilled, but the commitment's status is in_progress",
            "Content/data/commitments.yaml:1:52: error: commitment 'roads' is fulfilled but has no 'fulfilled_on' date",
            "Content/data/funding.yaml:1:75: error: amount 6000 does not match rate 1.5 x residents 4200 = 6300",
        ])
        #expect(data.amount(of: data.funding[1]) == 6300)
        #expect(data.commitments[1].wording.quantity?.description == "12.4")
    }
}
