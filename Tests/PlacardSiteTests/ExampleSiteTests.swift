import Foundation
import Testing

@testable import PlacardSite

/// The example site at the repository root, built with a fixed date, compared
/// byte for byte with Tests/PlacardSiteTests/Golden/example-site/.
/// After an intended change: PLACARD_UPDATE_GOLDEN=1 swift test, then review the diff.
@Test func theExampleSiteMatchesItsGoldenByteForByte() throws {
    let output = try temporaryFolder().appendingPathComponent("Output")
    let result = build(packageRoot, into: output)
    #expect(result.succeeded, "\(result.diagnostics.map(\.description))")
    let golden = testsFolder.appendingPathComponent("Golden/example-site")
    if ProcessInfo.processInfo.environment["PLACARD_UPDATE_GOLDEN"] == "1" {
        try? FileManager.default.removeItem(at: golden)
        try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: output, to: golden)
    }
    let expected = tree(golden)
    #expect(!expected.isEmpty, "no golden at \(golden.path)")
    #expect(differences(tree(output), expected) == [])
}

@Test func twoBuildsGiveIdenticalBytes() throws {
    let folder = try temporaryFolder()
    let first = build(packageRoot, into: folder.appendingPathComponent("one"))
    let second = build(packageRoot, into: folder.appendingPathComponent("two"))
    #expect(first.succeeded && second.succeeded)
    let one = tree(folder.appendingPathComponent("one"))
    #expect(one.count > 10)
    #expect(differences(one, tree(folder.appendingPathComponent("two"))) == [])
}

@Test func privateFieldsAppearNowhereInTheOutput() throws {
    let output = try temporaryFolder().appendingPathComponent("Output")
    #expect(build(packageRoot, into: output).succeeded)
    let people = try String(contentsOf: packageRoot.appendingPathComponent("Content/data/people.csv"), encoding: .utf8)
    // Every phone number of the example's people.csv (the private column).
    let phones = people.split(separator: "\n").dropFirst().compactMap { line -> String? in
        line.split(separator: ",").first { $0.hasPrefix("0543-") || $0.hasPrefix("138") }.map(String.init)
    }
    #expect(!phones.isEmpty)
    for (path, data) in tree(output) {
        let text = String(decoding: data, as: UTF8.self)
        for phone in phones { #expect(!text.contains(phone), "\(phone) published in \(path)") }
    }
}

/// Figures of the example site as its pages show them, against hand calculation
/// (the data files are in Content/data; the calculations are in the comments).
@Test func theExampleSitePagesShowHandCalculatedFigures() throws {
    let output = try temporaryFolder().appendingPathComponent("Output")
    let result = build(packageRoot, into: output)
    let files = tree(output).mapValues { String(decoding: $0, as: UTF8.self) }
    // The Tongren survey as published: 77+23+1+17 = 118, not 117; 1/117 = 0.85%, not 0.08%.
    #expect(result.diagnostics.map(\.description) == [
        "Content/data/surveys/tongren-2009.yaml:22:65: warning: reported_percent 23.07 differs from the computed share 23.08 (27 of 117)",
        "Content/data/surveys/tongren-2009.yaml:25:5: warning: the counts of question 'education' add up to 118, not the 117 respondents; each percentage is rounded on its own",
        "Content/data/surveys/tongren-2009.yaml:30:52: warning: reported_percent 0.08 differs from the computed share 0.85 (1 of 117)",
        "Content/data/surveys/tongren-2009.yaml:31:52: warning: reported_percent 14.52 differs from the computed share 14.53 (17 of 117)",
    ])
    let survey = files["surveys/tongren-2009/index.html"]!
    #expect(survey.contains("<th scope=\"row\">沒有運行</th><td class=\"num\">1</td><td class=\"num\">0.85%</td><td class=\"num\" data-state=\"warning\">0.08% (與人數不符)</td>"))
    // fuyuan 27.6+18+17.6+27 = 90.2; fuguo 25.8+17.6+16.8+25.8 = 86.0 = xiawa 25.5+17.6+16.8+26.1: ranks 1, 2, 2, 4, 5.
    let assessment = files["assessments/township-2009/index.html"]!
    for (org, name, rank, total) in [("fuyuan", "富源鄉", "1", "90.20"), ("fuguo", "富國鎮", "2", "86.00"), ("xiawa", "下窪鎮", "2", "86.00"), ("fengjia", "馮家鎮", "4", "76.90"), ("gucheng", "古城鎮", "5", "68.70")] {
        #expect(assessment.contains("<tr><th scope=\"row\"><a href=\"../../orgs/\(org)/\">\(name)</a></th><td class=\"num\">\(rank) / 5</td>"))
        #expect(assessment.contains("<td class=\"num\">\(total)</td>"))
    }
    // Xiguan village: 45/78 = 57.69% in 2010 after 52.56% in 2009: below 60 two years running, so removal.
    let ratings = files["evaluations/2010/index.html"]!
    #expect(ratings.contains("西關村</a></th><td>村</td><td class=\"num\">45</td><td class=\"num\">78</td><td class=\"num\">57.69%</td><td class=\"num\">+5.13 (2009)</td><td data-state=\"critical\">取消評先樹優資格；列為重點整頓對象；撤銷黨組織書記職務</td>"))
    // Gucheng township is below 60 both years too, but removal applies to villages only.
    #expect(ratings.contains("古城鎮</a></th><td>鄉鎮</td><td class=\"num\">74</td><td class=\"num\">126</td><td class=\"num\">58.73%</td><td class=\"num\">+0.79 (2009)</td><td data-state=\"warning\">取消評先樹優資格；列為重點整頓對象</td>"))
    // Dongwang village: 81/90 = 90.00% exactly is not below 90.
    #expect(files["evaluations/2009/index.html"]!.contains("東王村</a></th><td>村</td><td class=\"num\">81</td><td class=\"num\">90</td><td class=\"num\">90.00%</td><td class=\"num\"></td><td></td>"))
    // The county with every unit under it: 10 of 15 commitments fulfilled in 2009 = 66.67%.
    #expect(files["reports/2009-summary/index.html"]!.contains("承諾兌現率為 <span class=\"figure\">66.67%</span>（<span class=\"figure\">10</span> / <span class=\"figure\">15</span> 項）"))
}

/// Timing the parts of making pages (`placard-bench --phases`) fills every
/// part and changes nothing in the site.
@Test func aBuildThatTimesItsPagesWritesTheGoldenSite() throws {
    let output = try temporaryFolder().appendingPathComponent("Output")
    let times = PagePartTimes()
    let result = build(packageRoot, into: output) { $0.pagePartTimes = times }
    #expect(result.succeeded)
    for part in PagePartTimes.Part.allCases {
        #expect(times.seconds(part) > 0, "\(part)")
    }
    #expect(differences(tree(output), tree(testsFolder.appendingPathComponent("Golden/example-site"))) == [])
}
