import Foundation
import Testing

@testable import PlacardSite

/// The addresses of pages built from data.
private let dataPagePrefixes = ["orgs/", "commitments/", "assessments/", "evaluations/", "surveys/", "funding/", "years/", "data/index.html"]

private func isDataPage(_ path: String) -> Bool {
    path.hasSuffix(".html") && dataPagePrefixes.contains { path.hasPrefix($0) }
}

private func text(_ files: [String: Data], _ path: String) -> String {
    String(decoding: files[path] ?? Data(), as: UTF8.self)
}

/// The example site declares its as-of dates: built on two different days,
/// its data pages and their sitemap entries are the same bytes.
@Test func dataPagesAndTheirLastmodDoNotDependOnTheBuildDate() throws {
    let folder = try temporaryFolder()
    let later = Date(timeIntervalSince1970: 1_930_000_000)  // 2031-02-27
    #expect(build(packageRoot, into: folder.appendingPathComponent("one")).succeeded)
    #expect(build(packageRoot, into: folder.appendingPathComponent("two"), now: later).succeeded)
    let one = tree(folder.appendingPathComponent("one")), two = tree(folder.appendingPathComponent("two"))
    let dataPages = one.keys.filter(isDataPage).sorted()
    #expect(dataPages.count > 30)
    for path in dataPages {
        #expect(one[path] == two[path], "\(path) changed with the build date")
    }
    // The sitemap's entries for those pages are the same too; a narrative without a date still follows --now.
    func entries(_ files: [String: Data]) -> [String] {
        text(files, "sitemap.xml").split(separator: "\n").map(String.init)
            .filter { line in dataPagePrefixes.contains { line.contains("/dangjian/\($0)") } }
    }
    #expect(entries(one).count > 30)
    #expect(entries(one) == entries(two))
    #expect(text(one, "sitemap.xml").contains("<loc>https://example.org/dangjian/commitments/2009/</loc><lastmod>2010-12-31</lastmod>"))
    #expect(text(one, "sitemap.xml").contains("<loc>https://example.org/dangjian/orgs/tongren/</loc><lastmod>2009-12-31</lastmod>"))
    #expect(text(one, "pledges/index.html") != text(two, "pledges/index.html"))
}

@Test func everyDataPageSaysDataAsOfWithATimeElement() throws {
    let output = try temporaryFolder().appendingPathComponent("Output")
    #expect(build(packageRoot, into: output).succeeded)
    let files = tree(output)
    for path in files.keys.filter(isDataPage) {
        #expect(text(files, path).contains("<div class=\"data-as-of\"><dt>數據截至</dt><dd><time datetime=\""), "\(path)")
    }
    // The 2009 ratings are as of the end of 2009, the site's data as of 2010-12-31, the survey as of June 2009.
    #expect(text(files, "evaluations/2009/index.html").contains("<dt>數據截至</dt><dd><time datetime=\"2009-12-31\">2009年12月31日</time></dd>"))
    #expect(text(files, "commitments/index.html").contains("<dt>數據截至</dt><dd><time datetime=\"2010-12-31\">2010年12月31日</time></dd>"))
    #expect(text(files, "surveys/tongren-2009/index.html").contains("<dt>發布日期</dt><dd><time datetime=\"2009-06-30\">2009年6月30日</time></dd>"))
    // Narratives have no such line.
    #expect(!text(files, "about/index.html").contains("data-as-of"))
}

private let englishSettings = """
    title: Test County
    language: en
    base_url: https://example.org/
    levels: [{id: county, label: County}, {id: town, label: Town}]

    """

private let organisations = "- {id: county, name: The County, level: county}\n- {id: north, name: North, level: town, parent: county}\n"

@Test func anOverdueCommitmentShowsBesideItsStatusEverywhere() throws {
    let (result, files) = try site([
        "Content/site.yaml": englishSettings + "as_of: 2010-01-01\nrules:\n  - {id: late, metric: overdue, above: 0, label: Late items, severity: warning}\n",
        "Content/data/organisations.yaml": organisations,
        "Content/data/commitments.yaml": """
        - {id: road, org: north, year: 2009, text: Build the road, due: 2009-12, status: in_progress}
        - {id: well, org: north, year: 2009, text: Dig the well, due: 2009-12, status: fulfilled, fulfilled_on: 2009-12-20}
        - {id: hall, org: north, year: 2009, text: Open the hall, due: 2009-12, status: dropped}
        """,
    ])
    #expect(result.succeeded, "\(result.diagnostics)")
    let overdueCell = "<td data-state=\"overdue\">In progress · Overdue</td>"
    #expect(text(files, "commitments/2009/index.html").contains(overdueCell))
    #expect(text(files, "commitments/index.html").contains(overdueCell))
    #expect(text(files, "orgs/north/index.html").contains(overdueCell))
    #expect(text(files, "orgs/north/index.html").contains("<td data-state=\"fulfilled\">Fulfilled</td>"))
    #expect(text(files, "orgs/county/index.html").contains("<div><dt>Overdue (With the units under it)</dt><dd>1</dd></div>"))
    #expect(text(files, "years/2009/index.html").contains("<div><dt>Fulfilment rate</dt><dd>33.33%</dd></div><div><dt>Overdue</dt><dd>1</dd></div>"))
    #expect(text(files, "index.html").contains("<div><dt>Overdue</dt><dd>1</dd></div>"))
    // The overdue rule: under the unit's fulfilment rate, and with the year's consequences.
    #expect(text(files, "orgs/north/index.html").contains("<p class=\"block-note\">Consequences: 2009 Late items</p>"))
    #expect(text(files, "years/2009/index.html").contains("<td data-state=\"warning\">Late items</td><td class=\"num\">2009: 1</td>"))
    // Downloads: a true/false column after the record's own.
    #expect(text(files, "data/commitments.csv").hasPrefix("id,org,year,text,due,status,fulfilled_on,overdue\r\nroad,north,2009,Build the road,2009-12,in_progress,,true\r\n"))
    #expect(text(files, "data/commitments.csv").contains("well,north,2009,Dig the well,2009-12,fulfilled,2009-12-20,false\r\n"))
    #expect(text(files, "data/commitments.json").contains("\"status\": \"in_progress\", \"fulfilled_on\": null, \"overdue\": true}"))
    #expect(text(files, "data/commitments.json").contains("\"status\": \"dropped\", \"fulfilled_on\": null, \"overdue\": false}"))
    #expect(text(files, "data/datapackage.json").contains("{\"name\": \"overdue\", \"type\": \"boolean\"}"))
    // Search: the words of the status are in the ledger's indexed text.
    let index = files.filter { $0.key.hasPrefix("search/d-") }.map { String(decoding: $0.value, as: UTF8.self) }.joined()
    #expect(index.contains("In progress · Overdue"))
}

@Test func dataWithoutADateSaysItIsAsOfTheBuildDate() throws {
    let (result, files) = try site([
        "Content/site.yaml": englishSettings,
        "Content/data/organisations.yaml": organisations,
        "Content/data/commitments.yaml": "- {id: road, org: north, year: 2009, text: Build the road, due: 2009-12, status: pending}\n",
    ])
    #expect(result.succeeded, "\(result.diagnostics)")
    // Nothing dated but the due date: as of the build date (2026-11-27), so the road is overdue.
    #expect(text(files, "commitments/index.html").contains(
        "<div class=\"data-as-of\"><dt>Data as of</dt><dd><time datetime=\"2026-11-27\">27 November 2026</time> (the build date: the data gives no date)</dd></div>"))
    #expect(text(files, "commitments/index.html").contains("<td data-state=\"overdue\">Pending · Overdue</td>"))
}

@Test func aGeneratedListingIsDatedByTheNewestPageItLists() throws {
    let (result, files) = try site([
        "Content/site.yaml": englishSettings,
        "Content/minutes/a.md": "---\ndate: 2010-01-15\n---\n# A\n",
        "Content/minutes/b.md": "---\ndate: 2010-03-01\nupdated: 2010-04-02\n---\n# B\n",
        "Content/minutes/c.md": "# C, without a date\n",
    ])
    #expect(result.succeeded, "\(result.diagnostics)")
    let listing = text(files, "minutes/index.html")
    #expect(listing.contains("<div><dt>Published</dt><dd><time datetime=\"2010-04-02\">2 April 2010</time></dd></div>"))
    #expect(text(files, "sitemap.xml").contains("<loc>https://example.org/minutes/</loc><lastmod>2010-04-02</lastmod>"))
    // A page without a date keeps the build date.
    #expect(text(files, "sitemap.xml").contains("<loc>https://example.org/minutes/c/</loc><lastmod>2026-11-27</lastmod>"))
}

/// End to end: `placard build` on two days gives the same data pages; a
/// misspelt dataset in `datasets:` stops the build with its place and leaves
/// the previous output as it was.
@Test func theCommandLineBuildsTheSameDataPagesOnAnyDayAndStopsOnAMisspeltDataset() throws {
    let placard = packageRoot.appendingPathComponent(".build/debug/placard").path
    try #require(FileManager.default.isExecutableFile(atPath: placard), "build the placard binary first (swift build)")
    let folder = try temporaryFolder()
    try makeSite([
        "Content/site.yaml": englishSettings + "datasets:\n  commitments: {as_of: 2010-01-01}\n",
        "Content/data/organisations.yaml": organisations,
        "Content/data/commitments.yaml": "- {id: road, org: north, year: 2009, text: Build the road, due: 2009-12, status: in_progress}\n",
    ], in: folder)
    let one = folder.appendingPathComponent("one"), two = folder.appendingPathComponent("two")
    #expect(try run(placard, ["build", folder.path, "--output", one.path, "--now", "2026-01-01"]).status == 0)
    #expect(try run(placard, ["build", folder.path, "--output", two.path, "--now", "2031-06-30"]).status == 0)
    let first = tree(one), second = tree(two)
    for path in ["commitments/index.html", "commitments/2009/index.html", "orgs/north/index.html", "years/2009/index.html", "data/commitments.csv"] {
        #expect(first[path] != nil && first[path] == second[path], "\(path)")
    }
    #expect(text(first, "commitments/index.html").contains("<time datetime=\"2010-01-01\">1 January 2010</time>"))

    try makeSite(["Content/site.yaml": englishSettings + "datasets:\n  comitments: {as_of: 2010-01-01}\n"], in: folder)
    let failed = try run(placard, ["build", folder.path, "--output", one.path, "--now", "2026-01-01"])
    #expect(failed.status != 0)
    #expect(failed.output.contains("Content/site.yaml:6:3: error: unknown dataset 'comitments' in 'datasets' (did you mean 'commitments'?)"))
    #expect(differences(tree(one), first) == [])
}
