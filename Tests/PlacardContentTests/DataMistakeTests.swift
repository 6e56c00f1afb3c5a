import Foundation
import Testing

@testable import PlacardContent

/// Data that contradicts itself, names what does not exist, or cannot be read:
/// each problem once, at its place, and nothing that only follows from another.
@Suite struct DataMistakeTests {
    static let tree = """
    - {id: zhanhua, name: Z, level: county}
    - {id: fuyuan, name: F, level: township, parent: zhanhua}

    """

    @Test func aFulfilledDateNeedsAFulfilledStatusAndAFulfilmentBeforeItsYearIsSuspicious() {
        let site = TestSite([
            "Content/data/organisations.yaml": Self.tree,
            "Content/data/commitments.yaml": """
            - {id: c1, org: fuyuan, year: 2009, text: T, status: in_progress, fulfilled_on: 2009-09-12}
            - {id: c2, org: fuyuan, year: 2010, text: T, status: fulfilled, fulfilled_on: 2009-06-01}
            - {id: c3, org: fuyuan, year: 2010, text: T, status: fulfilled, fulfilled_on: 2010-01-01}
            - {id: c4, org: fuyuan, text: T, status: fulfilled, fulfilled_on: 2001}
            """,
        ])
        #expect(site.load().messages == [
            "Content/data/commitments.yaml:1:81: error: commitment 'c1' has a 'fulfilled_on' date (2009-09-12) but its status is in_progress, not fulfilled",
            "Content/data/commitments.yaml:2:79: warning: commitment 'c2' of 2010 was fulfilled on 2009-06-01, before its year began",
        ])
    }

    @Test func anIndicatorValueCannotExceedItsWhole() {
        let site = TestSite([
            "Content/data/organisations.yaml": Self.tree,
            "Content/data/indicators.csv": "year,org,indicator,value,of,target\n2009,zhanhua,five-good,489,442,\n2009,fuyuan,five-good,-1,4,\n2010,fuyuan,five-good,4,4,5\n2011,fuyuan,five-good,4,4,4\n",
        ])
        #expect(site.load().messages == [
            "Content/data/indicators.csv:2:24: error: 'value' (489) is more than 'of' (442)",
            "Content/data/indicators.csv:3:23: error: 'value' (-1) is negative, but 'of' makes it a part of 4",
            "Content/data/indicators.csv:4:27: error: 'target' (5) is more than 'of' (4)",
        ])
    }

    @Test func ruleThresholdsStayInsideTheirScale() {
        let site = TestSite([
            "Content/site.yaml": """
            title: T
            levels: [{id: county}, {id: township}]
            rules:
              - {id: awards, metric: satisfaction, below: 180, label: L}
              - {id: low, metric: satisfaction, below: -1, label: L}
              - {id: fine, metric: satisfaction, below: 100, label: L}
              - {id: rank, metric: "assessment:t-2009", below: 61, label: L}
              - {id: over, metric: "assessment:t-2009", below: 60.5, label: L}
            """,
            "Content/data/organisations.yaml": Self.tree,
            "Content/data/assessments/t-2009.yaml": """
            title: T
            scale: 60
            components: [{id: a, weight: 60}]
            grades: [{min: 70, label: Over}, {min: 0, label: Pass}]
            """,
        ])
        #expect(site.load().messages == [
            "Content/data/assessments/t-2009.yaml:4:16: error: grade min 70 is outside 0 to 60, the scale of this assessment",
            "Content/site.yaml:4:47: error: 'below' 180 is outside 0 to 100 (a satisfaction rate is a percentage)",
            "Content/site.yaml:5:44: error: 'below' -1 is outside 0 to 100 (a satisfaction rate is a percentage)",
            "Content/site.yaml:7:52: error: 'below' 61 is outside 0 to 60, the scale of assessment 't-2009'",
            "Content/site.yaml:8:52: error: 'below' 60.5 is outside 0 to 60, the scale of assessment 't-2009'",
        ])
    }

    @Test func aReportedPercentOrACountBeyondTheWholeIsAnError() {
        let site = TestSite([
            "Content/data/surveys/s.yaml": """
            title: S
            respondents: 117
            questions:
              - id: q
                text: Q
                multiple: true
                options:
                  - {label: a, count: 118, reported_percent: 144.29}
                  - {label: b, count: 1, reported_percent: -0.85}
                  - {label: c, count: 1, reported_percent: 0.85}
            """,
        ])
        #expect(site.load().messages == [
            "Content/data/surveys/s.yaml:8:27: error: count 118 is more than the 117 respondents",
            "Content/data/surveys/s.yaml:8:50: error: reported_percent 144.29 is outside 0 to 100",
            "Content/data/surveys/s.yaml:9:48: error: reported_percent -0.85 is outside 0 to 100",
        ])
    }

    /// Unknown ids are suggested the known id meant, when one is within two letters.
    @Test func unknownIdsGetASuggestion() {
        let site = TestSite([
            "Content/data/organisations.yaml": Self.tree + "- {id: xili, name: X, level: vilage, parent: fuyaun}\n",
            "Content/data/people.csv": "id,name,org,role\nli,Li,zhanhau,frist\nwang,Wang,nowhere,first\n",
            "Content/data/commitments.yaml": "- {id: c1, org: fuyuan, text: T, person: lee}\n",
            "Content/data/commitment-updates.yaml": "- {commitment: c2, date: 2009, status: pending}\n",
            "Content/data/indicators.yaml": "- {year: 2009, org: fuyuan, indicator: five-goods, value: 1}\n",
            "Content/data/assessments/t.yaml": "title: T\nlevel: townshp\ncomponents: [{id: city, weight: 100}]\nscores: [{org: fuyuan, component: citty, score: 1}]\n",
        ])
        #expect(site.load().messages == [
            "Content/data/assessments/t.yaml:2:8: error: unknown level 'townshp' in field 'level' (did you mean 'township'?)",
            "Content/data/assessments/t.yaml:4:35: error: unknown component 'citty' in field 'component' (did you mean 'city'?)",
            "Content/data/commitment-updates.yaml:1:16: error: unknown commitment 'c2' in field 'commitment' (did you mean 'c1'?)",
            "Content/data/commitments.yaml:1:42: error: unknown person 'lee' in field 'person' (did you mean 'li'?)",
            "Content/data/indicators.yaml:1:40: error: unknown indicator 'five-goods' in field 'indicator' (did you mean 'five-good'?)",
            "Content/data/organisations.yaml:3:30: error: unknown level 'vilage' in field 'level' (did you mean 'village'?)",
            "Content/data/organisations.yaml:3:46: error: unknown organisation 'fuyaun' in field 'parent' (did you mean 'fuyuan'?)",
            "Content/data/people.csv:2:7: error: unknown organisation 'zhanhau' in field 'org' (did you mean 'zhanhua'?)",
            "Content/data/people.csv:2:15: error: unknown role 'frist' in field 'role' (did you mean 'first'?)",
            "Content/data/people.csv:3:11: error: unknown organisation 'nowhere' in field 'org'",
        ])
    }

    /// Root cause first: one tab in organisations.yaml is that file's error, not one
    /// "unknown organisation" for each record that names a unit.
    @Test func aDatasetThatFailsToParseIsNotReportedAgainByReferencesIntoIt() {
        let site = TestSite([
            "Content/data/organisations.yaml": "- {id: zhanhua, name: Z}\n-\t{id: fuyuan, name: F}\n",
            "Content/data/people.csv": "id,name,org\nli,Li,zhanhua\nwang,Wang,fuyuan\n",
            "Content/data/evaluations.yaml": "- {org: fuyuan, year: 2009, satisfied: 1, total: 2}\n",
            "Content/data/commitments.yaml": "- {id: c1, org: fuyuan, text: T, person: wang}\n- {id: c2, org: fuyuan, text: T, person: zhou}\n",
        ])
        let (_, data, messages) = site.load()
        #expect(messages == [
            "Content/data/commitments.yaml:2:42: error: unknown person 'zhou' in field 'person'",
            "Content/data/organisations.yaml:2:2: error: invalid YAML: a tab cannot indent or separate YAML (use spaces)",
        ])
        #expect(data.incomplete == ["organisations"])
    }

    /// A record left out for its own error makes its dataset incomplete too.
    @Test func aRecordLeftOutMakesItsDatasetIncomplete() {
        let site = TestSite([
            "Content/data/organisations.yaml": "- {id: zhanhua, name: Z}\n- {id: fuyuan}\n",
            "Content/data/people.csv": "id,name,org\nwang,Wang,fuyuan\n",
        ])
        let (_, data, messages) = site.load()
        #expect(messages == ["Content/data/organisations.yaml:2:3: error: missing required field 'name'"])
        #expect(data.incomplete == ["organisations"])
    }

    @Test func currencyCodesAndTheSiteCurrency() {
        let site = TestSite([
            "Content/site.yaml": "title: T\ncurrency: USD\nlevels: [{id: county}, {id: township}]\n",
            "Content/data/organisations.yaml": Self.tree,
            "Content/data/funding.yaml": "- {year: 2009, org: fuyuan, amount: 1}\n- {year: 2009, org: fuyuan, amount: 2, currency: JPY}\n- {year: 2009, org: fuyuan, amount: 3, currency: yuan}\n",
        ])
        let (config, data, messages) = site.load()
        #expect(config?.currency == "USD")
        #expect(data.funding.map(\.currency) == ["USD", "JPY", "USD"])
        #expect(messages == [
            "Content/data/funding.yaml:3:50: error: field 'currency' must be a three-letter currency code such as CNY, USD or EUR (ISO 4217), found 'yuan'",
        ])
        #expect(TestSite([:], settings: "title: T\n").load().config?.currency == "CNY")
    }
}

extension DataMistakeTests {
    /// A score file with a broken row: its error, not a "no score" for the unit whose row it was.
    @Test func aBrokenScoreFileIsNotReportedAgainAsMissingScores() {
        let site = TestSite([
            "Content/data/organisations.yaml": Self.tree,
            "Content/data/assessments/t.yaml": "title: T\ncomponents: [{id: a, weight: 50}, {id: b, weight: 50}]\nscores: t.csv\n",
            "Content/data/assessments/t.csv": "org,component,score\nfuyuan,a,80\nfuyuan,b,70,extra\n",
        ])
        let (_, data, messages) = site.load()
        #expect(messages == ["Content/data/assessments/t.csv:3: error: row has 4 fields, the header has 3"])
        #expect(data.incomplete == ["assessments"])
    }
}
