import Foundation
import PlacardFigures
import Testing

@Suite struct FormatTests {
    @Test func groupingAndDecimals() {
        #expect(FigureFormat.number(1560, language: "en") == "1,560")
        #expect(FigureFormat.number(d("6891"), decimals: 0, language: "zh-Hant") == "6,891")
        #expect(FigureFormat.number(d("1020000"), decimals: 0, language: "zh-Hans") == "1,020,000")
        #expect(FigureFormat.number(d("123"), decimals: 0, language: "en") == "123")
        #expect(FigureFormat.number(d("81.45"), decimals: 2, language: "en") == "81.45")
        #expect(FigureFormat.number(d("86"), decimals: 1, language: "en") == "86.0")
        #expect(FigureFormat.number(d("0.085"), decimals: 2, language: "en") == "0.09")   // half up
        #expect(FigureFormat.number(d("-1234.5"), decimals: 2, language: "en") == "\u{2212}1,234.50")
        #expect(FigureFormat.number(d("-0.001"), decimals: 2, language: "en") == "0.00")  // no negative zero
        #expect(FigureFormat.number(d("1234567.891"), decimals: 2, language: "de") == "1.234.567,89")
    }

    @Test func percentages() {
        #expect(FigureFormat.percent(d("59.8"), language: "en") == "59.80%")
        #expect(FigureFormat.percent(d("59.8"), language: "zh-Hant") == "59.80%")
        #expect(FigureFormat.percent(90, language: "zh-Hans") == "90.00%")
        #expect(FigureFormat.percent(d("59.8"), decimals: 1, language: "en") == "59.8%")
        #expect(FigureFormat.percent(d("59.8"), language: "fr") == "59,80\u{00A0}%")
    }

    @Test func changes() {
        #expect(FigureFormat.change(d("1.25"), language: "en") == "+1.25")
        #expect(FigureFormat.change(d("-0.5"), language: "zh-Hant") == "\u{2212}0.50")
        #expect(FigureFormat.change(0, language: "en") == "0.00")
        #expect(FigureFormat.change(d("1500"), decimals: 0, language: "en") == "+1,500")
    }

    @Test func decimalsNeeded() {
        #expect(FigureFormat.decimalsNeeded(1_020_000) == 0)
        #expect(FigureFormat.decimalsNeeded(d("1.5")) == 1)
        #expect(FigureFormat.decimalsNeeded(d("91.85")) == 2)
        #expect(FigureFormat.decimalsNeeded(d("0.125")) == 2)
    }
}

@Suite struct InlineErrorTests {
    let figures = example.figures

    @Test(arguments: [
        ("", "empty figure: write a name such as commitments.fulfilled"),
        ("commitments.kept", "unknown figure 'commitments.kept' (known: commitments.made, commitments.fulfilled, commitments.dropped, commitments.pending, commitments.in_progress, commitments.overdue, commitments.rate, commitments.change)"),
        ("budget.total", "unknown figure 'budget.total' (figures start with commitments., satisfaction., assessment., survey., funding., indicator., organisations. or rules.)"),
        ("commitments.fulfilled org=nowhere", "unknown organisation 'nowhere'"),
        ("commitments.fulfilled org=zhanhua year=09", "'year' must be a year such as 2009, found '09'"),
        ("commitments.fulfilled org=zhanhua colour=red", "figure 'commitments.fulfilled' takes no parameter 'colour' (it takes: org, year, scope, decimals)"),
        ("commitments.fulfilled org=zhanhua org=fuyuan", "parameter 'org' is given twice"),
        ("commitments.fulfilled zhanhua", "malformed parameter 'zhanhua': write name=value"),
        ("commitments.rate scope=all", "'scope' must be own or subtree, found 'all'"),
        ("satisfaction.rate org=zhanhua", "figure 'satisfaction.rate' needs 'year'"),
        ("satisfaction.rate org=zhanhua year=2009", "no satisfaction rating of 'zhanhua' in 2009"),
        ("assessment.total scheme=village-2009 org=fuyuan", "unknown assessment 'village-2009'"),
        ("assessment.rank scheme=township-2009 org=zhanhua", "organisation 'zhanhua' is not assessed in 'township-2009'"),
        ("assessment.score scheme=township-2009 org=fuyuan component=q", "unknown component 'q' in assessment 'township-2009'"),
        ("survey.percent survey=tongren question=overall option=很好", "unknown survey 'tongren'"),
        ("survey.percent survey=tongren-2009 question=all option=很好", "unknown question 'all' in survey 'tongren-2009'"),
        ("survey.percent survey=tongren-2009 question=overall option=差", "unknown option '差' in question 'overall' of survey 'tongren-2009'"),
        ("survey.percent survey=tongren-2009 question=overall option=\"very good", "unclosed quote in 'survey.percent survey=tongren-2009 question=overall option=\"very good'"),
        ("indicator.value indicator=six-good org=zhanhua year=2009", "unknown indicator 'six-good'"),
        ("indicator.value indicator=five-good org=zhanhua year=2011", "no value of indicator 'five-good' for 'zhanhua' in 2011"),
        ("indicator.change indicator=five-good org=zhanhua year=2009", "no value of indicator 'five-good' for 'zhanhua' in 2008 to compare 2009 with"),
        ("organisations.count level=city", "unknown level 'city'"),
        ("rules.count year=2009 rule=fire", "unknown rule 'fire'"),
        ("funding.total decimals=9", "'decimals' must be 0 to 6, found '9'"),
    ])
    func errors(expression: String, message: String) {
        #expect(figures.text(expression) == "error: " + message)
    }

    @Test func quotedValuesAndLanguages() {
        #expect(figures.text("survey.percent survey=tongren-2009 question=overall option=\"很好\"") == "41.88%")
        #expect(Figures.inlineFigureNames.count == 28)
    }
}
