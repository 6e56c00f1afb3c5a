import Foundation
import Testing

@testable import PlacardSite

/// A second site, a charity in English with its own levels, roles, grades and
/// rules (Fixtures/english-site), checked against hand calculations.
private func englishSite() throws -> [String: String] {
    let output = try temporaryFolder(UUID().uuidString).appendingPathComponent("Output")
    let site = testsFolder.appendingPathComponent("Fixtures/english-site")
    let result = build(site, into: output, now: Date(timeIntervalSince1970: 1_763_164_800))  // 2025-11-15
    #expect(result.diagnostics.map(\.description) == [])
    return tree(output).mapValues { String(decoding: $0, as: UTF8.self) }
}

@Test func theEnglishSiteHasNoChineseFromTheThemeOrTheCode() throws {
    let files = try englishSite()
    #expect(files.count > 30)
    for (path, text) in files {
        let chinese = text.unicodeScalars.first { (0x3000...0x9FFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value) }
        #expect(chinese == nil, "\(path) contains \(chinese.map { String($0) } ?? "")")
    }
}

@Test func theEnglishSiteFiguresAgreeWithHandCalculation() throws {
    let files = try englishSite()
    // 40% of 85 + 35% of 82 + 25% of the mean of 70 and 80 (75) = 34 + 28.7 + 18.75 = 81.45.
    #expect(files["data/assessments/branches-2025.csv"] == """
        org,service_score,finance_score,volunteers_score,service_points,finance_points,volunteers_points,total,rank,ranked,grade\r
        mill-lane,85.00,82.00,75.00,34.00,28.70,18.75,81.45,1,3,A\r
        old-town,90.00,70.00,78.00,36.00,24.50,19.50,80.00,2,3,A\r
        harbour,60.00,40.00,30.00,24.00,14.00,7.50,45.50,3,3,C\r

        """)
    // 63/70 = 90.00%; 30/40 = 75.00% is not below 75; 20/30 = 66.67% is. Harbour's 45.50 is below 50.
    #expect(files["data/satisfaction.csv"] == """
        org,year,satisfied,total,rate,change,rules_triggered\r
        mill-lane,2025,63,70,90.00,,\r
        harbour,2025,30,40,75.00,,probation\r
        old-town,2025,20,30,66.67,,review\r

        """)
    // 12.5 GBP x 1,200 households = 15,000; with Harbour's 10,000: 25,000.
    #expect(files["funding/2025/index.html"]!.contains("<dt>Total</dt><dd>25,000.00\u{00A0}GBP</dd>"))
    // 2 of 4 commitments fulfilled (a dropped one counts as made).
    #expect(files["index.html"]!.contains("The network made <span class=\"figure\">4</span> commitments in 2025 and fulfilled <span class=\"figure\">2</span> (<span class=\"figure\">50.00%</span>)."))
    // 3, 3 and 1 of 7 respondents: 42.86 + 42.86 + 14.29 = 100.01 rounded each; largest remainder gives 42.86, 42.86, 14.28.
    let survey = files["surveys/members-2025/index.html"]!
    #expect(survey.contains("<th scope=\"row\">Poorly</th><td class=\"num\">1</td><td class=\"num\">14.28%</td>"))
    #expect(files["orgs/harbour/index.html"]!.contains("<dt>Rank</dt><dd>3 of 3</dd>"))
    #expect(!files.values.contains { $0.contains("@example.org") })
}

/// English punctuation in English: consequences joined by "; ", not the
/// full-width "；" of Chinese; a fulfilled commitment's date is "Fulfilled on";
/// a quantity is spaced from its unit.
@Test func englishPagesJoinConsequencesWithASemicolonAndSayFulfilledOn() throws {
    let (result, files) = try site([
        "Content/site.yaml": """
            title: T
            language: en
            rules:
              - {id: award, metric: satisfaction, below: 90, label: Loses the award}
              - {id: review, metric: satisfaction, below: 80, label: Reviewed by the board}

            """,
        "Content/data/organisations.yaml": "- {id: north, name: North}\n",
        "Content/data/evaluations.yaml": "- {org: north, year: 2025, satisfied: 50, total: 100}\n",
        "Content/data/commitments.yaml": "- {id: c1, org: north, year: 2025, text: Laptops for pupils, quantity: 2950, unit: laptops, status: fulfilled, fulfilled_on: 2025-06-01}\n",
    ])
    #expect(result.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
    let unit = String(decoding: try #require(files["orgs/north/index.html"]), as: UTF8.self)
    #expect(unit.contains("Loses the award; Reviewed by the board"))
    #expect(!unit.contains("；"))
    let ledger = String(decoding: try #require(files["commitments/2025/index.html"]), as: UTF8.self)
    #expect(ledger.contains(">Fulfilled on<"))
    #expect(!ledger.contains("Struck off"))
    // A space between a number and its unit in English ("46個" stays as Chinese writes it: the golden).
    #expect(ledger.contains("Laptops for pupils (2,950 laptops)"))
}
