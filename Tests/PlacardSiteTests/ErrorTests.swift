import Foundation
import Testing

@testable import PlacardSite

/// Each folder of Fixtures/ is a broken site; its expected.txt holds every
/// problem the build must report, in order, as `file:line:col: error: message`.
@Test(arguments: ["bad-yaml", "unclosed-front-matter", "unknown-org-csv", "broken-link", "template-error"])
func aBrokenSiteReportsEveryProblemAtItsPlace(fixture: String) throws {
    let site = testsFolder.appendingPathComponent("Fixtures/\(fixture)")
    let expected = try String(contentsOf: site.appendingPathComponent("expected.txt"), encoding: .utf8)
        .split(separator: "\n").map(String.init)
    let output = try temporaryFolder(fixture).appendingPathComponent("Output")
    let result = build(site, into: output)
    #expect(!result.succeeded)
    #expect(result.diagnostics.map(\.description) == expected)
    #expect(!FileManager.default.fileExists(atPath: output.path), "a failed build wrote output")
}

@Test func aFailedBuildLeavesThePreviousOutputExactlyAsItWas() throws {
    let folder = try temporaryFolder()
    let site = folder.appendingPathComponent("site")
    try makeSite([
        "Content/site.yaml": "title: T\nlanguage: en\n",
        "Content/index.md": "# Home\n\nHello.\n",
    ], in: site)
    let output = folder.appendingPathComponent("Output")
    #expect(build(site, into: output).succeeded)
    let before = tree(output)
    #expect(before["index.html"] != nil)

    try makeSite(["Content/index.md": "# Home\n\n[gone](gone.md)\n"], in: site)
    let failed = build(site, into: output)
    #expect(failed.diagnostics.map(\.description) == ["Content/index.md:3:1: error: link to a missing page 'gone.md': there is no Content/gone.md"])
    #expect(differences(tree(output), before) == [])
    // No staging folder is left beside the output.
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("placard") }
    #expect(leftovers == [])
}

@Test func aStagingFolderLeftByAKilledBuildIsClearedByTheNextBuild() throws {
    let folder = try temporaryFolder()
    let site = folder.appendingPathComponent("site")
    try makeSite(["Content/site.yaml": "title: T\n", "Content/index.md": "# Home\n"], in: site)
    let stale = folder.appendingPathComponent(".Output.placard-build-999999")
    try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
    #expect(build(site, into: folder.appendingPathComponent("Output")).succeeded)
    #expect(!FileManager.default.fileExists(atPath: stale.path))
}

@Test func twoPagesAtOneAddressAreAnError() throws {
    let site = try temporaryFolder()
    try makeSite([
        "Content/site.yaml": "title: T\n",
        "Content/a.md": "# A\n",
        "Content/a/index.md": "# Also A\n",
    ], in: site)
    let result = build(site, into: site.appendingPathComponent("Output"))
    #expect(result.diagnostics.map(\.description) == ["Content/a/index.md:1:1: error: this page and Content/a.md would both be published at 'a/'"])
}

@Test func aMissingSiteYamlIsOneClearError() throws {
    let site = try temporaryFolder()
    let result = build(site, into: site.appendingPathComponent("Output"))
    #expect(result.diagnostics.map(\.description) == ["Content/site.yaml: error: no site here: Content/site.yaml is missing (placard init DIR makes a new site)"])
}

@Test func aMisspeltFrontMatterKeyIsAWarningAndOtherKeysReachTemplates() throws {
    let site = try temporaryFolder()
    try makeSite([
        "Content/site.yaml": "title: T\n",
        "Content/index.md": "---\ntitel: Oops\nauthor: Li Si\n---\n# Home\n",
        "Templates/home.mustache": "{{page.title}}/{{page.params.author}}\n",
    ], in: site)
    let output = site.appendingPathComponent("Output")
    let result = build(site, into: output)
    #expect(result.diagnostics.map(\.description) == ["Content/index.md:2:1: warning: unknown front matter key 'titel'; did you mean 'title'?"])
    #expect(tree(output)["index.html"].map { String(decoding: $0, as: UTF8.self) } == "Home/Li Si\n")
}

@Test func verifyNamesEveryFileAddedMissingOrChanged() throws {
    let folder = try temporaryFolder()
    let site = folder.appendingPathComponent("site")
    try makeSite(["Content/site.yaml": "title: T\n", "Content/index.md": "# Home\n", "Content/a.md": "# A\n"], in: site)
    let output = folder.appendingPathComponent("Output")
    #expect(build(site, into: output).succeeded)
    #expect(try Manifest.verify(output).problems == [])
    try Data("changed".utf8).write(to: output.appendingPathComponent("a/index.html"))
    try FileManager.default.removeItem(at: output.appendingPathComponent("robots.txt"))
    try Data("new".utf8).write(to: output.appendingPathComponent("extra.html"))
    #expect(try Manifest.verify(output).problems == ["changed: a/index.html", "added: extra.html", "missing: robots.txt"])
}

@Test func aFileThatCannotBeWrittenIsAnErrorNamingItAndTheSystemsReason() throws {
    let folder = try temporaryFolder()
    let writer = try OutputWriter(staging: OutputFolder(folder.appendingPathComponent("Output")))
    writer.write("a file", to: "reports")
    writer.write("<p>a page</p>", to: "reports/2024/index.html")  // under a file, not a folder
    #expect(writer.problems.map(\.description) == ["Output/reports/2024/index.html: error: cannot write 'reports/2024/index.html': Not a directory"])
    #expect(String(decoding: try Data(contentsOf: writer.staging.appendingPathComponent("reports")), as: UTF8.self) == "a file")
    writer.discard()
}

/// A download written in parts is the file written whole, with the same digest;
/// when updating in place, a file whose parts make the same bytes is left as it was.
@Test func aFileWrittenInPartsIsTheFileWrittenWhole() throws {
    let folder = try temporaryFolder()
    let parts = ["id,名稱\r\n", String(repeating: "a,甲\r\n", count: 3), "", "z,末\r\n"]
    let target = OutputFolder(folder.appendingPathComponent("Output"))
    let writer = try OutputWriter(staging: target)
    writer.write(to: "data/parts.csv") { append in for part in parts { var bytes = Array(part.utf8); append(&bytes) } }
    writer.write(parts.joined(), to: "data/whole.csv")
    #expect(writer.problems.isEmpty)
    let written = try Data(contentsOf: writer.staging.appendingPathComponent("data/parts.csv"))
    #expect(written == Data(parts.joined().utf8))
    #expect(writer.digests["data/parts.csv"] == Manifest.digest(written))
    #expect(writer.digests["data/parts.csv"] == writer.digests["data/whole.csv"])
    try writer.commit(to: target, over: target.contents())

    let output = folder.appendingPathComponent("Output")
    let file = output.appendingPathComponent("data/parts.csv").path
    let before = try FileManager.default.attributesOfItem(atPath: file)[.systemFileNumber] as? Int
    let updating = OutputWriter(updating: target, previous: writer.digests, placards: writer.digests)
    updating.write(to: "data/parts.csv") { append in for part in parts { var bytes = Array(part.utf8); append(&bytes) } }
    updating.write(to: "data/whole.csv") { append in var bytes = Array("changed\r\n".utf8); append(&bytes) }
    #expect(updating.filesWritten == 1)
    #expect(try FileManager.default.attributesOfItem(atPath: file)[.systemFileNumber] as? Int == before)
    #expect(try String(contentsOf: output.appendingPathComponent("data/whole.csv"), encoding: .utf8) == "changed\r\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("data").path).sorted() == ["parts.csv", "whole.csv"])
}

@Test func aSiteFileThatTakesTheAddressOfTheFeedOrRobotsIsAnError() throws {
    let site = try temporaryFolder()
    try makeSite([
        "Content/site.yaml": "title: T\nbase_url: https://example.org/\n",
        "Content/index.md": "# Home\n",
        "Content/robots.txt": "User-agent: *\n",
        "Content/feed.xml": "<feed/>\n",
    ], in: site)
    let output = site.appendingPathComponent("Output")
    let result = build(site, into: output)
    #expect(result.diagnostics.map(\.description) == [
        "feed.xml: error: 'feed.xml' would be written twice: by Content/feed.xml and by the feed",
        "robots.txt: error: 'robots.txt' would be written twice: by Content/robots.txt and by robots.txt",
    ])
    #expect(!FileManager.default.fileExists(atPath: output.path), "a failed build wrote output")
}
