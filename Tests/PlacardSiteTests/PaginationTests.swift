import Foundation
import Testing

@testable import PlacardSite

private let config = """
    title: Test County
    language: en
    levels: [{id: county, label: County}, {id: town, label: Town}]
    rules:
      - {id: no-awards, metric: satisfaction, below: 90, label: No awards, severity: notice}

    """

private func page(_ files: [String: Data], _ path: String) -> String {
    String(decoding: files[path] ?? Data(), as: UTF8.self)
}

/// The links of a page's pagination, as `text -> href` with the marks that matter.
private func paginationLinks(_ html: String) -> [String] {
    guard let start = html.range(of: "<nav class=\"pagination\""), let end = html.range(of: "</nav>", range: start.upperBound..<html.endIndex) else { return [] }
    let nav = String(html[start.lowerBound..<end.upperBound])
    var result: [String] = []
    for item in nav.components(separatedBy: "<li>").dropFirst() {
        let item = item.components(separatedBy: "</li>")[0]
        guard let href = item.range(of: "href=\"") else {
            result.append(item)  // a gap
            continue
        }
        let url = item[href.upperBound...].prefix { $0 != "\"" }
        let text = item.components(separatedBy: ">")[1].components(separatedBy: "<")[0]
        var entry = "\(text) \(url)"
        if item.contains("aria-current=\"page\"") { entry += " current" }
        if item.contains("rel=\"prev\"") { entry += " prev" }
        if item.contains("rel=\"next\"") { entry += " next" }
        result.append(entry)
    }
    return result
}

private func rowCount(_ html: String, caption: String) -> Int? {
    guard let table = html.range(of: "<caption>\(caption)</caption>") else { return nil }
    let body = html[table.upperBound...].components(separatedBy: "</tbody>")[0]
    return body.components(separatedBy: "<tr>").count - 2  // the head's row and what comes before it
}

@Test func theWindowShowsTheEndsAndTwoPagesEitherSideWithGapsBetween() {
    #expect(Pagination.window(current: 0, count: 1) == [])
    #expect(Pagination.window(current: 0, count: 2) == [0, 1])
    #expect(Pagination.window(current: 0, count: 12) == [0, 1, 2, nil, 11])
    #expect(Pagination.window(current: 3, count: 12) == [0, 1, 2, 3, 4, 5, nil, 11])
    #expect(Pagination.window(current: 5, count: 12) == [0, nil, 3, 4, 5, 6, 7, nil, 11])
    // A gap of one page shows the page.
    #expect(Pagination.window(current: 4, count: 12) == [0, 1, 2, 3, 4, 5, 6, nil, 11])
    #expect(Pagination.window(current: 11, count: 12) == [0, nil, 9, 10, 11])
    #expect(Pagination.window(current: 2, count: 5) == [0, 1, 2, 3, 4])
    // Linear: a page of a list of 5,000 pages links to nine at most.
    #expect(Pagination.window(current: 2500, count: 5000).count == 9)
}

@Test func aPaginationSplitsRowsAndNamesItsPages() {
    let pagination = Pagination(address: "commitments/2009/", rowCount: 401, rowsPerPage: 200)
    #expect(pagination.pageCount == 3)
    #expect(pagination.address(ofPage: 0) == "commitments/2009/")
    #expect(pagination.address(ofPage: 2) == "commitments/2009/page-3/")
    #expect(pagination.rows(ofPage: 0) == 0..<200)
    #expect(pagination.rows(ofPage: 2) == 400..<401)
    #expect(pagination.rows(ofPage: 3) == 401..<401)
    #expect(Pagination(address: "a/", rowCount: 0).pageCount == 1)
}

@Test func aLedgerPageLinksToTheFirstTheLastItsNeighboursAndTwoEitherSide() throws {
    // 2,201 commitments: 12 pages of 200.
    var rows = "id,org,year,text,status\n"
    for n in 1...2201 { rows += "c\(n),county,2009,Promise \(n),pending\n" }
    let (result, files) = try site([
        "Content/site.yaml": config,
        "Content/data/organisations.csv": "id,name,level\ncounty,The County,county\n",
        "Content/data/commitments.csv": rows,
    ])
    #expect(result.succeeded, "\(result.diagnostics)")
    #expect(files["commitments/2009/page-12/index.html"] != nil)
    #expect(files["commitments/2009/page-13/index.html"] == nil)

    let sixth = page(files, "commitments/2009/page-6/index.html")
    #expect(paginationLinks(sixth) == [
        "Previous ../../../commitments/2009/page-5/ prev",
        "1 ../../../commitments/2009/",
        "…",
        "4 ../../../commitments/2009/page-4/",
        "5 ../../../commitments/2009/page-5/",
        "6 ../../../commitments/2009/page-6/ current",
        "7 ../../../commitments/2009/page-7/",
        "8 ../../../commitments/2009/page-8/",
        "…",
        "12 ../../../commitments/2009/page-12/",
        "Next ../../../commitments/2009/page-7/ next",
    ])
    #expect(sixth.contains("<nav class=\"pagination\" aria-label=\"Pages\"><ul><li><a href=\"../../../commitments/2009/page-5/\" rel=\"prev\">Previous</a></li>"))
    #expect(sixth.contains("<h1>Commitments · 2009 (6)</h1>"))
    #expect(sixth.contains("Promise 1001<") && sixth.contains("Promise 1200<"))
    #expect(!sixth.contains("Promise 1000<") && !sixth.contains("Promise 1201<"))

    #expect(paginationLinks(page(files, "commitments/2009/index.html")) == [
        "1 ../../commitments/2009/ current",
        "2 ../../commitments/2009/page-2/",
        "3 ../../commitments/2009/page-3/",
        "…",
        "12 ../../commitments/2009/page-12/",
        "Next ../../commitments/2009/page-2/ next",
    ])
    #expect(paginationLinks(page(files, "commitments/page-12/index.html")) == [
        "Previous ../../commitments/page-11/ prev",
        "1 ../../commitments/",
        "…",
        "10 ../../commitments/page-10/",
        "11 ../../commitments/page-11/",
        "12 ../../commitments/page-12/ current",
    ])
    #expect(rowCount(page(files, "commitments/page-12/index.html"), caption: "Commitments") == 1)
}

@Test func satisfactionRatingsAndAssessmentsOfManyUnitsArePaginatedLikeTheLedgers() throws {
    // 450 units; every odd one rated below 90 %: 225 consequences.
    var organisations = "id,name,level,parent\ncounty,The County,county,\n"
    var evaluations = "org,year,group,satisfied,total\ncounty,2009,Members,95,100\n"
    var scores = "org,component,score\n"
    for n in 1...449 {
        organisations += "t\(n),Town \(n),town,county\n"
        evaluations += "t\(n),2009,Members,\(n % 2 == 1 ? 50 : 95),100\n"
        scores += "t\(n),review,\(50 + n % 50)\n"
    }
    let (result, files) = try site([
        "Content/site.yaml": config,
        "Content/data/organisations.csv": organisations,
        "Content/data/evaluations.csv": evaluations,
        "Content/data/assessments/review-2009.yaml": """
            title: Review 2009
            year: 2009
            level: town
            scale: 100
            components: [{id: review, label: Review, weight: 100}]
            grades: [{min: 60, label: Pass}, {min: 0, label: Fail}]
            scores: review-2009-scores.csv

            """,
        "Content/data/assessments/review-2009-scores.csv": scores,
    ])
    #expect(result.succeeded, "\(result.diagnostics)")

    let rates = "Satisfaction rate · 2009", consequences = "Consequences · 2009"
    let first = page(files, "evaluations/2009/index.html")
    let second = page(files, "evaluations/2009/page-2/index.html")
    let third = page(files, "evaluations/2009/page-3/index.html")
    #expect(files["evaluations/2009/page-4/index.html"] == nil)
    #expect(rowCount(first, caption: rates) == 200)
    #expect(rowCount(second, caption: rates) == 200)
    #expect(rowCount(third, caption: rates) == 50)
    // The consequences are split with them: 200, then 25, then none.
    #expect(rowCount(first, caption: consequences) == 200)
    #expect(rowCount(second, caption: consequences) == 25)
    #expect(rowCount(third, caption: consequences) == nil)
    #expect(!third.contains("id=\"consequences\""))
    #expect(paginationLinks(third) == [
        "Previous ../../../evaluations/2009/page-2/ prev",
        "1 ../../../evaluations/2009/",
        "2 ../../../evaluations/2009/page-2/",
        "3 ../../../evaluations/2009/page-3/ current",
    ])
    // Each table still offers its download.
    #expect(third.contains("<a href=\"../../../data/satisfaction.csv\">CSV</a>"))

    // The year's summary counts the consequences by rule and links to the list.
    let year = page(files, "years/2009/index.html")
    #expect(year.contains("<tr><th scope=\"row\">No awards</th><td class=\"num\">225</td></tr>"))
    #expect(year.contains("<a href=\"../../evaluations/2009/#consequences\">Satisfaction ratings · 2009</a>"))

    // 449 towns assessed: the ranking on three pages, weights and grades on the first.
    let ranking = "Review 2009"
    #expect(rowCount(page(files, "assessments/review-2009/index.html"), caption: ranking) == 200)
    #expect(rowCount(page(files, "assessments/review-2009/page-3/index.html"), caption: ranking) == 49)
    #expect(page(files, "assessments/review-2009/index.html").contains("id=\"grades\""))
    #expect(!page(files, "assessments/review-2009/page-2/index.html").contains("id=\"grades\""))
}

@Test func aDownloadMadeInPartsIsTheSameAsMadeWhole() {
    let table = DataTable(name: "t", title: "t", columns: ["id", "text", "n", "ok"], rows: (1...50).map { n in
        [.text("c\(n)"), .text("Line, \"\(n)\"\n"), .number("\(n)"), n % 3 == 0 ? .empty : .bool(n % 2 == 0)]
    })
    var csvParts: [[UInt8]] = [], jsonParts: [[UInt8]] = []
    let typesFromTheCSV = table.csv(chunk: 64) { csvParts.append($0) }
    table.json(chunk: 64) { jsonParts.append($0) }
    #expect(csvParts.count > 10 && jsonParts.count > 10)
    #expect(String(decoding: csvParts.joined(), as: UTF8.self) == table.csv)
    #expect(String(decoding: jsonParts.joined(), as: UTF8.self) == table.json)
    #expect(table.csv.hasPrefix("id,text,n,ok\r\nc1,\"Line, \"\"1\"\"\n\",1,false\r\n"))
    #expect(table.json.hasPrefix("[\n  {\"id\": \"c1\", \"text\": \"Line, \\\"1\\\"\\n\", \"n\": 1, \"ok\": false},\n"))
    #expect(table.json.hasSuffix("\"n\": 50, \"ok\": true}\n]\n"))
    #expect(table.fieldTypes == ["string", "string", "number", "boolean"])
    // The data package takes the types found while the CSV was written.
    #expect(typesFromTheCSV == table.fieldTypes)
    let empty = DataTable(name: "e", title: "e", columns: ["a", "b"], rows: [[.empty, .number("1")], [.empty, .text("x")]])
    #expect(empty.csv { _ in } == ["string", "string"])
}

/// Quoting looks at bytes: a CRLF (one Character) and a comma carrying a
/// combining mark (one Character that is not ",") are quoted all the same.
@Test func aCSVFieldWithALineBreakOrACommaIsQuotedWhateverItIsPartOf() {
    let table = DataTable(name: "t", title: "t", columns: ["a", "b,c", "d"], rows: [
        [.text("one\r\ntwo"), .text(",\u{301}"), .text("甲 \"乙\"")],
    ])
    #expect(table.csv == "a,\"b,c\",d\r\n\"one\r\ntwo\",\",\u{301}\",\"甲 \"\"乙\"\"\"\r\n")
}

@Test func wholeNumbersReachJSONAsDecimalWouldPrintThem() {
    for literal in ["0", "7", "42", "1000010", "999999999999999999", "007", "-3", "+5", ".5", "1.50", "1e3", "0.0", "12a"] {
        let slow = Decimal(string: literal, locale: Locale(identifier: "en_US_POSIX")).map { "\($0)" } ?? DataTable.jsonString(literal)
        #expect(DataTable.jsonNumber(literal) == slow, "\(literal)")
    }
}
