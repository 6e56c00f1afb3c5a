import Foundation
import Testing

@testable import PlacardSite

/// Runs the built `placard` binary with standard output and standard error apart.
private func placard(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let executable = packageRoot.appendingPathComponent(".build/debug/placard")
    try #require(FileManager.default.isExecutableFile(atPath: executable.path), "build the placard binary first (swift build)")
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both to the end before waiting, so that neither pipe can fill and stall the child.
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
}

/// A warning passes a normal build; `--strict` (or `strict: true`) makes it an error:
/// exit status 1, the message printed as an error, the previous output left as it was.
@Test func strictModeTurnsEveryWarningIntoAnErrorFromTheCommandLine() throws {
    let folder = try temporaryFolder()
    let site = folder.appendingPathComponent("site")
    let output = folder.appendingPathComponent("Output")
    try makeSite([
        "Content/site.yaml": "title: T\nlanguage: en\n",
        "Content/index.md": "# Home\n",
        "Content/data/organisations.yaml": "- {id: z, name: Z}\n",
        "Content/data/commitments.yaml": "- {id: c1, org: z, year: 2010, text: T, status: fulfilled, fulfilled_on: 2009-06-01}\n",
    ], in: site)
    let warning = "Content/data/commitments.yaml:1:74: warning: commitment 'c1' of 2010 was fulfilled on 2009-06-01, before its year began\n"

    let normal = try placard(["build", site.path, "--output", output.path, "--now", "2026-01-01"])
    #expect(normal.status == 0)
    #expect(normal.stderr == warning + "0 errors, 1 warning\n")
    let before = tree(output)
    #expect(before["index.html"] != nil)

    let strictError = warning.replacingOccurrences(of: "warning: commitment", with: "error: commitment")
    for command in ["build", "check"] {
        let strict = try placard([command, site.path, "--output", output.path, "--now", "2026-01-01", "--strict"].filter { command == "build" || !$0.hasPrefix("--output") && $0 != output.path })
        #expect(strict.status == 1, "\(command)")
        #expect(strict.stderr == strictError + "1 error, 0 warnings\n", "\(command)")
        #expect(strict.stdout == "")
    }
    #expect(differences(tree(output), before) == [])

    // The same from site.yaml, without the flag.
    try makeSite(["Content/site.yaml": "title: T\nlanguage: en\nstrict: true\n"], in: site)
    let configured = try placard(["build", site.path, "--output", output.path, "--now", "2026-01-01"])
    #expect(configured.status == 1)
    #expect(configured.stderr == strictError + "1 error, 0 warnings\n")
    #expect(differences(tree(output), before) == [])
}

/// One tab in the example site's organisations.yaml: that file's YAML error and
/// nothing that only follows from it (no "unknown organisation" from the people,
/// commitments, ratings, funding, indicators, scores or narratives that name units).
@Test func aTabInOrganisationsGivesOnlyThatFilesError() throws {
    let folder = try temporaryFolder()
    try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Content"), to: folder.appendingPathComponent("Content"))
    let file = folder.appendingPathComponent("Content/data/organisations.yaml")
    let text = try String(contentsOf: file, encoding: .utf8)
    // The line after `- id: zhanhua` indented by a tab instead of two spaces.
    let broken = text.replacingOccurrences(of: "- id: zhanhua\n  name:", with: "- id: zhanhua\n\tname:")
    #expect(broken != text)
    try Data(broken.utf8).write(to: file)
    let result = build(folder, into: folder.appendingPathComponent("Output"))
    let line = broken.components(separatedBy: "\n").firstIndex(of: "\tname: {zh-Hant: 沾化縣, en: Zhanhua County}")! + 1
    #expect(result.diagnostics.filter { $0.severity == .error }.map(\.description) == [
        "Content/data/organisations.yaml:\(line):1: error: invalid YAML: a tab cannot indent or separate YAML (use spaces)",
    ])
    // The example's survey warnings (its two kept mistakes) are still there: they do not follow from the tab.
    #expect(result.diagnostics.filter { $0.severity == .warning }.map(\.location.file) == Array(repeating: "Content/data/surveys/tongren-2009.yaml", count: 4))
}

/// The 89.995% rate reads the same on every page and download that shows it, and
/// triggers the rule; money shows its minor units and its currency on the pages.
@Test func edgeFiguresAndMoneyOnThePages() throws {
    let (result, files) = try site([
        "Content/site.yaml": """
        title: T
        language: en
        rules:
          - {id: no-awards, metric: satisfaction, below: 90, label: No awards}
        """,
        "Content/data/organisations.yaml": "- {id: z, name: Zhanhua}\n- {id: f, name: Fuyuan, parent: z}\n",
        "Content/data/evaluations.yaml": "- {org: f, year: 2009, satisfied: 17999, total: 20000}\n",
        "Content/data/funding.yaml": "- {year: 2009, org: z, amount: 1720000.5}\n",
        "Content/index.md": "# Home\n\nRate `=satisfaction.rate org=f year=2009`, funding `=funding.total year=2009`.\n",
    ])
    #expect(result.succeeded, "\(result.diagnostics)")
    let home = String(decoding: files["index.html"]!, as: UTF8.self)
    #expect(home.contains("Rate <span class=\"figure\">89.995%</span>, funding <span class=\"figure\">1,720,000.50\u{00A0}CNY</span>."))
    let evaluations = String(decoding: files["evaluations/2009/index.html"]!, as: UTF8.self)
    #expect(evaluations.contains("<td class=\"num\">89.995%</td>"))
    #expect(evaluations.contains("2009: 89.995"))
    #expect(!evaluations.contains("90.00"))
    let org = String(decoding: files["orgs/f/index.html"]!, as: UTF8.self)
    #expect(org.contains("89.995%") && !org.contains("90.00"))
    #expect(String(decoding: files["data/satisfaction.csv"]!, as: UTF8.self)
        == "org,year,satisfied,total,rate,change,rules_triggered\r\nf,2009,17999,20000,89.995,,no-awards\r\n")
    let funding = String(decoding: files["funding/2009/index.html"]!, as: UTF8.self)
    #expect(funding.contains("<dt>Total</dt><dd>1,720,000.50\u{00A0}CNY</dd>"))
    #expect(funding.contains("<td class=\"num\">1,720,000.50\u{00A0}CNY</td>"))
    #expect(String(decoding: files["data/funding-amounts.csv"]!, as: UTF8.self)
        == "year,org,item,amount,currency\r\n2009,z,,1720000.50,CNY\r\n")
}

/// In narratives too, an unknown id is suggested the id meant.
@Test func unknownIdsInNarrativesGetASuggestion() throws {
    let (result, _) = try site([
        "Content/site.yaml": "title: T\nlanguage: en\n",
        "Content/data/organisations.yaml": "- {id: zhanhua, name: Z}\n",
        "Content/data/commitments.yaml": "- {id: c1, org: zhanhua, year: 2009, text: T}\n",
        "Content/index.md": "---\norg: zhanua\n---\n# Home\n\nMade `=commitments.made org=zhanhau`.\n\n```placard\ntable: commitments\norg: zhnahua\n```\n",
    ])
    #expect(result.diagnostics.map(\.description) == [
        "Content/index.md:2:6: error: unknown organisation 'zhanua' in 'org' (did you mean 'zhanhua'?)",
        "Content/index.md:6:7: error: unknown organisation 'zhanhau' (did you mean 'zhanhua'?)",
        "Content/index.md:10:6: error: unknown organisation 'zhnahua' (did you mean 'zhanhua'?)",
    ])
}

/// `placard build` with a workbook holding mistakes (LibreOffice's people-mistakes.xlsx
/// for the example's people.csv): exit status 1, each error naming its cell, and the
/// previous Output/ untouched.
@Test func aWorkbooksMistakesNameTheirCellsAndLeaveTheOutputAlone() throws {
    let folder = try temporaryFolder()
    let site = folder.appendingPathComponent("site"), output = folder.appendingPathComponent("Output")
    try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Content"), to: site.appendingPathComponent("Content"))
    #expect(try placard(["build", site.path, "--output", output.path, "--now", "2026-01-01"]).status == 0)
    let before = tree(output)
    let data = site.appendingPathComponent("Content/data")
    try FileManager.default.removeItem(at: data.appendingPathComponent("people.csv"))
    try FileManager.default.copyItem(at: testsFolder.appendingPathComponent("Fixtures/workbooks/people-mistakes.xlsx"),
                                     to: data.appendingPathComponent("people.xlsx"))
    let run = try placard(["build", site.path, "--output", output.path, "--now", "2026-01-01"])
    #expect(run.status == 1)
    // (The commitments' people missing from this workbook of three are errors of their own files.)
    let errors = run.stderr.split(separator: "\n").filter { $0.hasPrefix("Content/data/people.xlsx") }
    #expect(errors == [
        "Content/data/people.xlsx: 'people-mistakes'!C3: error: unknown organisation 'nowhere' in field 'org'",
        "Content/data/people.xlsx: 'people-mistakes'!F4: error: field 'since' must be a date (YYYY, YYYY-MM or YYYY-MM-DD), found '2007-13'",
    ])
    #expect(differences(tree(output), before) == [])
}
