import Foundation
import Testing
import PlacardContent
import PlacardDiagnostics

@Suite struct SiteConfigTests {
    @Test func fullSettings() throws {
        let site = TestSite([:], settings: """
        title: {zh-Hant: 沾化縣基層黨建工作公示, en: Zhanhua party building}
        language: zh-Hant
        description: 基層黨建工作責任制落實情況公開
        base_url: https://example.org/dangjian
        publisher: 中共沾化縣委組織部
        levels:
          - {id: county, label: 縣}
          - {id: village, label: 村}
        roles:
          - {id: first, label: 第一責任人}
        indicators:
          - {id: five-good, label: 達到"五個好"標準, aggregate: sum}
        private_fields: [phone, id_number]
        rules:
          - id: no-awards
            metric: satisfaction
            below: 90
            label: 取消評先樹優資格
            severity: notice
          - id: remove-secretary
            metric: satisfaction
            below: 59.5
            consecutive_years: 2
            applies_to: village
            label: 撤銷黨組織書記職務
            severity: critical
        smart_punctuation: false
        """)
        let (config, _, messages) = site.load()
        #expect(messages == [])
        let settings = try #require(config)
        #expect(settings.title.resolved(for: "en") == "Zhanhua party building")
        #expect(settings.title.resolved(for: settings.language) == "沾化縣基層黨建工作公示")
        #expect(settings.uiLanguage == "zh-Hant")
        #expect(settings.baseURL == "https://example.org/dangjian/")
        #expect(settings.levels.map(\.id) == ["county", "village"])
        #expect(settings.privateFields == ["phone", "id_number"])
        #expect(settings.rules.count == 2)
        #expect(settings.rules[1].below.description == "59.5")
        #expect(settings.rules[1].consecutiveYears == 2 && settings.rules[1].appliesTo == "village")
        #expect(settings.rules[1].severity == .critical && settings.rules[0].consecutiveYears == 1)
        #expect(settings.smartPunctuation == false && settings.unsafeHTML == false && settings.fileURLs == false)
    }

    @Test func problemsAreAllReported() {
        let site = TestSite([:], settings: """
        titel: Oops
        language: fr
        base_url: example.org/site
        levels:
          - {id: County, label: x}
          - {id: town, label: y}
          - {id: town, label: z}
        rules:
          - {id: r1, metric: happiness, below: high, label: x, severity: fatal}
          - {id: r2, metric: satisfaction, below: 60, label: x, applies_to: village}
        unsafe_html: yes
        """)
        let (config, _, messages) = site.load()
        #expect(config != nil)
        #expect(messages == [
            "Content/site.yaml:1:1: error: missing required field 'title'",
            "Content/site.yaml:1:1: warning: unknown setting 'titel' (did you mean 'title'?)",
            "Content/site.yaml:2:11: warning: the built-in theme has no labels in 'fr' (it has zh-Hans, zh-Hant and en): its labels will be in English",
            "Content/site.yaml:3:11: error: base_url must be an absolute http or https address, found 'example.org/site'",
            "Content/site.yaml:5:10: error: invalid id 'County' in field 'id' (use lowercase letters, digits and '-')",
            "Content/site.yaml:7:5: error: duplicate level id 'town' (first defined at Content/site.yaml:6:5)",
            "Content/site.yaml:9:22: error: unknown metric 'happiness' (expected satisfaction, assessment:<scheme> or overdue)",
            "Content/site.yaml:9:40: error: field 'below' must be a number, found text 'high'",
            "Content/site.yaml:9:66: error: unknown severity 'fatal' (expected notice, warning or critical)",
            "Content/site.yaml:10:69: error: unknown level 'village' in field 'applies_to'",
            "Content/site.yaml:11:14: error: field 'unsafe_html' must be true or false, found text 'yes'",
        ])
    }

    @Test func missingAndBrokenSettings() {
        #expect(TestSite([:], settings: nil).load().messages
            == ["Content/site.yaml: error: the site has no settings file: create Content/site.yaml with at least a title"])
        #expect(TestSite([:], settings: "title: [a\n").load().messages.first?.hasPrefix("Content/site.yaml:2:1: error: invalid YAML") == true)
        #expect(TestSite([:], settings: "- a\n").load().messages == ["Content/site.yaml:1:1: error: site.yaml must be a map of fields, found a list"])
        let invalid = TestSite(bytes: ["Content/site.yaml": Data([0x74, 0x3A, 0x0A, 0x20, 0xFF, 0x41])])
        #expect(invalid.load().messages == ["Content/site.yaml:2:2: error: the file is not valid UTF-8 text"])
    }
}
