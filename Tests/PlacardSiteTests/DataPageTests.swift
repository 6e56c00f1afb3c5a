import Foundation
import Testing

import PlacardContent
import PlacardDiagnostics
@testable import PlacardSite

private let config = """
    title: Test County
    language: en
    levels: [{id: county, label: County}, {id: town, label: Town}]
    roles: [{id: lead, label: Lead}, {id: deputy, label: Deputy}]
    private_fields: [phone]

    """

@Test func aLongLedgerIsSplitIntoNumberedPagesWithStableAddresses() throws {
    var rows = "id,org,year,text,status\n"
    for n in 1...450 { rows += "c\(n),county,2009,\"Promise \(n), with a comma\",pending\n" }
    let (result, files) = try site([
        "Content/site.yaml": config,
        "Content/data/organisations.csv": "id,name,level\ncounty,The County,county\n",
        "Content/data/commitments.csv": rows,
    ])
    #expect(result.succeeded, "\(result.diagnostics)")
    #expect(files["commitments/2009/index.html"] != nil)
    #expect(files["commitments/2009/page-2/index.html"] != nil)
    #expect(files["commitments/2009/page-3/index.html"] != nil)
    #expect(files["commitments/2009/page-4/index.html"] == nil)
    let third = String(decoding: files["commitments/2009/page-3/index.html"]!, as: UTF8.self)
    #expect(third.contains("Promise 401, with a comma"))
    #expect(!third.contains("Promise 400,"))
    #expect(third.contains("<li><a href=\"../../../commitments/2009/page-2/\">2</a></li>"))
    #expect(third.contains("<li><a href=\"../../../commitments/2009/page-3/\" aria-current=\"page\">3</a></li>"))
    let csv = String(decoding: files["data/commitments.csv"]!, as: UTF8.self)
    // No due dates: none is overdue, and the computed column says so.
    #expect(csv.hasPrefix("id,org,year,text,status,overdue\r\nc1,county,2009,\"Promise 1, with a comma\",pending,false\r\n"))
}

@Test func aUnitPageShowsPeopleByRoleAndCommitmentsWithTheirHistory() throws {
    let (result, files) = try site([
        "Content/site.yaml": config,
        "Content/data/organisations.yaml": "- {id: county, name: The County, level: county}\n- {id: north, name: North <Town>, level: town, parent: county}\n",
        "Content/data/people.csv": "id,name,org,role,phone\nd,Dee,north,deputy,555-0199\nl,Lee,north,lead,555-0100\n",
        "Content/data/commitments.yaml": "- {id: road, org: north, year: 2009, text: Build the road, status: fulfilled, fulfilled_on: 2009-10-01}\n",
        "Content/data/commitment-updates.csv": "commitment,date,status,note\nroad,2009-03-01,pending,Posted\nroad,2009-10-01,fulfilled,Opened\n",
    ])
    #expect(result.succeeded, "\(result.diagnostics)")
    let page = String(decoding: files["orgs/north/index.html"]!, as: UTF8.self)
    #expect(page.contains("<h1>North &lt;Town&gt;</h1>"))
    // Lead before Deputy, as site.yaml orders the roles.
    let lead = page.range(of: "<th scope=\"row\">Lead</th>")!.lowerBound
    let deputy = page.range(of: "<th scope=\"row\">Deputy</th>")!.lowerBound
    #expect(lead < deputy)
    #expect(page.contains("<td data-state=\"fulfilled\">Fulfilled</td><td>1 October 2009</td>"))
    #expect(page.contains("<ul class=\"cell-lines\"><li>1 March 2009 Pending: Posted</li><li>1 October 2009 Fulfilled: Opened</li></ul>"))
    for (path, data) in files {
        #expect(!String(decoding: data, as: UTF8.self).contains("555-01"), "a phone number in \(path)")
    }
}

@Test func aPlacardBlockShowsAFilteredTableOfADataset() throws {
    let (result, files) = try site([
        "Content/site.yaml": config,
        "Content/data/organisations.csv": "id,name,level\ncounty,The County,county\n",
        "Content/data/commitments.csv": "id,org,year,text,status,fulfilled_on\nc1,county,2009,Roads,fulfilled,2009-05-01\nc2,county,2009,Ditches,pending,\nc3,county,2010,Wells,fulfilled,2010-03-01\n",
        "Content/p.md": "# P\n\n```placard\ntable: commitments\nyear: 2009\nstatus: fulfilled\ncolumns: [text, fulfilled_on]\ncaption: Done in 2009\n```\n\n```placard\ncsv: |\n  Item,Length\n  Roads,\"69,000\"\n  Ditches,124000\ncaption: Works\n```\n",
    ])
    #expect(result.succeeded, "\(result.diagnostics)")
    let page = String(decoding: files["p/index.html"]!, as: UTF8.self)
    #expect(page.contains("<caption>Done in 2009</caption>\n<thead><tr><th scope=\"col\">text</th><th scope=\"col\">fulfilled_on</th></tr></thead>\n<tbody>\n<tr><th scope=\"row\">Roads</th><td>2009-05-01</td></tr>\n</tbody>"))
    #expect(page.contains("<a href=\"../data/commitments.csv\">CSV</a>"))
    #expect(page.contains("<tr><th scope=\"row\">Ditches</th><td class=\"num\">124,000</td></tr>"))
}

@Test func aPlacardBlockNamingSomethingUnknownIsAnErrorAtItsLine() throws {
    let (result, _) = try site([
        "Content/site.yaml": config,
        "Content/data/organisations.csv": "id,name,level\ncounty,The County,county\n",
        "Content/p.md": "---\ntitle: P\n---\nText.\n\n```placard\ntable: organisations\ncolumns: [id, nmae]\n```\n\n```placard\ntable: budgets\n```\n\n```placard\ntable: organisations\norg: nowhere\n```\n",
    ])
    #expect(result.diagnostics.map(\.description) == [
        "Content/p.md:8:15: error: unknown column 'nmae' in dataset 'organisations' (columns: id, name, level)",
        "Content/p.md:12:8: error: unknown dataset 'budgets' (datasets: organisations)",
        "Content/p.md:17:6: error: dataset 'organisations' has no column 'org' to filter by",
    ])
}

@Test func aPlacardBlockFilteringByAnUnknownUnitIsAnError() throws {
    let (result, _) = try site([
        "Content/site.yaml": config,
        "Content/data/organisations.csv": "id,name,level\ncounty,The County,county\n",
        "Content/data/commitments.csv": "id,org,year,text,status\nc1,county,2009,Roads,pending\n",
        "Content/p.md": "# P\n\n```placard\ntable: commitments\norg: nowhere\n```\n\n```placard\ntable: commitments\norg: county\n```\n",
    ])
    #expect(result.diagnostics.map(\.description) == ["Content/p.md:5:6: error: unknown organisation 'nowhere'"])
}

/// A dataset's CSV records are read as rows by cell position; the rows must be
/// those made by flattening each record's map, for files whose columns differ
/// in order, nesting and blanks, with and without a filter.
@Test func csvRecordsReadByPositionAreTheFlattenedMaps() throws {
    var diagnostics = PlacardDiagnostics.Diagnostics()
    let files = [
        "id,facts.a,name,facts.b,note\n1,10,\"One, first\",,x\n2,,Two,20,\n3,  ,,30,\"q\"\"uote\"\n",
        "name,id,extra,facts.b\nFour,4,e,40\n,5,,\n",
        "id,name\n6,Six\n",
    ]
    let records = files.enumerated().flatMap { index, text in
        PlacardContent.CSVReader.records(text, file: "f\(index).csv", diagnostics: &diagnostics)
    }
    #expect(diagnostics.all.isEmpty)
    #expect(records.allSatisfy { $0.csvRowCells != nil })
    let maps = records.map { PlacardContent.SourceNode($0.kind, at: $0.location) }
    #expect(maps.allSatisfy { $0.csvRowCells == nil })
    let byPosition = DataTable(name: "t", title: "t", records: records)
    let flattened = DataTable(name: "t", title: "t", records: maps)
    // A key comes in where a record first has it: facts.b is blank in the first record.
    #expect(byPosition.columns == ["id", "facts.a", "name", "note", "facts.b", "extra"])
    #expect(byPosition.columns == flattened.columns)
    #expect(byPosition.rows == flattened.rows)
    #expect(byPosition.rows[0] == [.text("1"), .text("10"), .text("One, first"), .text("x"), .empty, .empty])
    #expect(byPosition.rows[2] == [.text("3"), .empty, .empty, .text("q\"uote"), .text("30"), .empty])
    #expect(byPosition.rows[3] == [.text("4"), .empty, .text("Four"), .empty, .text("40"), .text("e")])
    #expect(byPosition.csv == flattened.csv && byPosition.json == flattened.json)
    let named = { (value: DataTable.Value) in value != .empty }
    var kept: [[DataTable.Value]] = [], keptFlat: [[DataTable.Value]] = []
    byPosition.forEachRow(where: [(column: 2, test: named)]) { kept.append($0) }
    flattened.forEachRow(where: [(column: 2, test: named)]) { keptFlat.append($0) }
    #expect(kept.map { $0[0] } == [.text("1"), .text("2"), .text("4"), .text("6")])
    #expect(kept == keptFlat)
}
