import Foundation
import PlacardDiagnostics
import Testing

@testable import PlacardContent
import PlacardSite
import ZIPFoundation

/// Workbooks (.xlsx) as datasets. The workbooks are LibreOffice's, made by
/// scripts/make-xlsx-fixtures from Fixtures/workbooks/cells.fods and CSV files.
private let workbooks = testsFolder.appendingPathComponent("Fixtures/workbooks")

/// The example site with its CSV datasets replaced by LibreOffice's .xlsx of
/// them builds the same bytes as the example site itself.
@Test func theExampleSiteFromWorkbooksBuildsTheSameBytesAsFromCSV() throws {
    let folder = try temporaryFolder()
    let site = folder.appendingPathComponent("site")
    try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Content"), to: site.appendingPathComponent("Content"))
    let data = site.appendingPathComponent("Content/data")
    for name in ["commitment-updates", "indicators", "people", "assessments/township-2010-scores"] {
        try FileManager.default.removeItem(at: data.appendingPathComponent(name + ".csv"))
        try FileManager.default.copyItem(at: workbooks.appendingPathComponent("example-data/\(name).xlsx"),
                                         to: data.appendingPathComponent(name + ".xlsx"))
    }
    #expect(tree(data).keys.filter { $0.hasSuffix(".csv") }.isEmpty)
    // The 2010 scheme names its score file.
    let scheme = data.appendingPathComponent("assessments/township-2010.yaml")
    let text = try String(contentsOf: scheme, encoding: .utf8)
    #expect(text.contains("scores: township-2010-scores.csv"))
    try Data(text.replacingOccurrences(of: "scores: township-2010-scores.csv", with: "scores: township-2010-scores.xlsx").utf8).write(to: scheme)
    let fromCSV = build(packageRoot, into: folder.appendingPathComponent("csv"))
    let fromWorkbooks = build(site, into: folder.appendingPathComponent("xlsx"))
    #expect(fromWorkbooks.succeeded, "\(fromWorkbooks.diagnostics.map(\.description))")
    #expect(fromWorkbooks.diagnostics.map(\.description) == fromCSV.diagnostics.map(\.description))
    let expected = tree(folder.appendingPathComponent("csv"))
    #expect(expected.count > 10)
    #expect(differences(tree(folder.appendingPathComponent("xlsx")), expected) == [])
}

/// The records of cells.xlsx's first sheet, with the problems found.
private func cellRecords(_ workbook: String = "cells.xlsx", sheet: SheetChoice? = nil) -> ([SourceNode], [String]) {
    var diagnostics = Diagnostics()
    let records = readDataset(at: workbooks.appendingPathComponent(workbook), file: "Content/data/\(workbook)",
                              settings: DataFileSettings(dataset: "cells", sheet: sheet), diagnostics: &diagnostics)
    return (records, diagnostics.sorted.map(\.description))
}

private func texts(_ record: SourceNode) -> [String: String] {
    Dictionary(uniqueKeysWithValues: (record.fields ?? []).map { ($0.key, $0.value.scalarText ?? "?") })
}

@Test func aWorkbooksCellsGiveTheTextTheCSVWouldHold() {
    let (records, problems) = cellRecords()
    #expect(records.map(texts) == [
        // 81.45 as stored, not 81.4500000000000028…; the formula B2*2 by its saved value;
        // D2 is serial 40179 (1900 system), 2010-01-01; =1=1 is a boolean; F2 has two rich-text runs.
        ["id": "a", "amount": "81.45", "double": "162.9", "date": "2010-01-01", "done": "true", "note": "bold and plain"],
        // A text formula (=A3&"-x"); D3 is serial 61, 1900-03-01 (after Excel's 1900-02-29); F3:F4 is merged.
        ["id": "b", "amount": "0.1", "double": "b-x", "date": "1900-03-01", "done": "false", "note": "merged"],
        // The merged range's other cell is empty, as in a CSV export.
        ["id": "c"],
        // C7 is =1/B7, #DIV/0!: reported in its place and left out.
        ["id": "d", "amount": "0"],
    ])
    #expect(problems == ["Content/data/cells.xlsx: Sheet1!C7: error: the cell holds the error #DIV/0!: correct its formula or its value"])
}

@Test func eachValueOfAWorkbookIsLocatedAtItsCell() throws {
    let (records, _) = cellRecords()
    let record = try #require(records.first)
    #expect(record.location.description == "Content/data/cells.xlsx: Sheet1!A2")
    let amount = try #require(record.fields?.first { $0.key == "amount" })
    #expect(amount.keyLocation.description == "Content/data/cells.xlsx: Sheet1!B1")
    #expect(amount.value.location.description == "Content/data/cells.xlsx: Sheet1!B2")
    #expect(records[3].location.description == "Content/data/cells.xlsx: Sheet1!A7")
}

@Test func theNineteenOhFourDateSystem() {
    // D2 holds 38717: 2010-01-01 is 40179 - 1462 days from 1904-01-01. D3 holds -1401 (1900-03-01), no date there.
    let (records, problems) = cellRecords("dates1904.xlsx")
    #expect(records.first.map(texts)?["date"] == "2010-01-01")
    // In reading order: row 3 before row 7.
    #expect(problems == [
        "Content/data/dates1904.xlsx: Sheet1!D3: error: the cell is formatted as a date but holds -1401, which is no day of the workbook's date system",
        "Content/data/dates1904.xlsx: Sheet1!C7: error: the cell holds the error #DIV/0!: correct its formula or its value",
    ])
}

@Test func aNamedSheetIsRead() {
    let setting = SourceLocation(file: "Content/site.yaml", line: 3, column: 20)
    let (records, problems) = cellRecords(sheet: SheetChoice(name: "People", location: setting))
    #expect(records.map(texts) == [["id": "p1", "name": "趙明遠"]])
    #expect(problems == [])
    let (none, missing) = cellRecords(sheet: SheetChoice(name: "Peeple", location: setting))
    #expect(none.isEmpty)
    #expect(missing == ["Content/site.yaml:3:20: error: Content/data/cells.xlsx has no sheet 'Peeple' (its sheets: 'Sheet1', 'People')"])
}

@Test func aFileThatIsNoWorkbookIsOneError() throws {
    let folder = try temporaryFolder()
    let file = folder.appendingPathComponent("people.xlsx")
    try Data("id,name\n".utf8).write(to: file)
    var diagnostics = Diagnostics()
    #expect(readDataset(at: file, file: "Content/data/people.xlsx", diagnostics: &diagnostics).isEmpty)
    #expect(diagnostics.all.count == 1)
    #expect(diagnostics.all.first?.description.hasPrefix("Content/data/people.xlsx: error: not a workbook that can be opened") == true)
}

/// Serial numbers against hand calculation: the 1900 system counts 1900-01-01
/// as 1 and a 1900-02-29 that never was as 60; the 1904 system counts 1904-01-01 as 0.
@Test func dateSerials() throws {
    let day = try #require(DateStyle(formatCode: "yyyy\\-mm\\-dd"))
    func date(_ serial: String, _ style: DateStyle, uses1904: Bool = false) -> String {
        switch CellValue.date(serial: serial, style: style, uses1904: uses1904) {
        case .success(let text): return text
        case .failure(let problem): return "error: \(problem)"
        }
    }
    #expect(date("1", day) == "1900-01-01")
    #expect(date("59", day) == "1900-02-28")
    #expect(date("60", day) == "error: leapDay1900")
    #expect(date("61", day) == "1900-03-01")
    #expect(date("40179", day) == "2010-01-01")
    // 2010-01-01 to 2024-01-01: 14 years of 365 days and 3 leap days (2012, 2016, 2020);
    // 2024-02-29 is 31 + 28 days later: 40179 + 14 * 365 + 3 + 59 = 45351.
    #expect(date("45351", day) == "2024-02-29")
    #expect(date("40179.75", day) == "2010-01-01")
    #expect(date("0", day, uses1904: true) == "1904-01-01")
    #expect(date("38717", day, uses1904: true) == "2010-01-01")
    #expect(date("0", day) == "error: notADate(\"0\")")
    let withTime = try #require(DateStyle(formatCode: "yyyy-mm-dd hh:mm"))
    #expect(date("40179.75", withTime) == "2010-01-01T18:00")
    // 0.99999999 of a day is 86399.9991 seconds: the next midnight.
    #expect(date("40179.99999999", withTime) == "2010-01-02T00:00")
    let month = try #require(DateStyle(formatCode: "[$-804]yyyy\"年\"m\"月\""))
    #expect(date("40179", month) == "2010-01")
    let builtInMonth = try #require(DateStyle(builtIn: 17))
    #expect(date("40209", builtInMonth) == "2010-01")
    let time = try #require(DateStyle(formatCode: "h:mm:ss AM/PM"))
    #expect(date("0.5", time) == "12:00:00")
}

@Test func formatsThatAreNoDates() {
    for code in ["General", "0.00", "#,##0", "0.00E+00", "\"TRUE\";\"TRUE\";\"FALSE\"", "@", "[Red]0.0", "[Magenta]#,##0", "0\" days\""] {
        #expect(DateStyle(formatCode: code) == nil, "\(code)")
    }
    #expect(DateStyle(builtIn: 0) == nil)
    #expect(DateStyle(builtIn: 14) != nil)
}

/// Numbers keep the decimal text the workbook stores, in plain notation.
@Test func numbersKeepTheirStoredDigits() {
    #expect(CellValue.plainNumber("81.45") == "81.45")
    // What Excel stores for =0.1+0.2: kept, not rounded (docs/from-excel.md says why).
    #expect(CellValue.plainNumber("0.30000000000000004") == "0.30000000000000004")
    #expect(CellValue.plainNumber("1.5E-3") == "0.0015")
    #expect(CellValue.plainNumber("1E+20") == "100000000000000000000")
    #expect(CellValue.plainNumber("-2.5e2") == "-250")
    #expect(CellValue.plainNumber("12345678901234567890") == "12345678901234567890")
    #expect(CellValue.plainNumber("abc") == nil)
    #expect(CellValue.plainNumber("1.2.3") == nil)
    #expect(CellValue.plainNumber("") == nil)
}

@Test func cellReferences() {
    #expect(SourceLocation.columnLetters(1) == "A")
    #expect(SourceLocation.columnLetters(26) == "Z")
    #expect(SourceLocation.columnLetters(27) == "AA")
    #expect(SourceLocation.columnLetters(16384) == "XFD")
    #expect(WorkbookRecords.columnNumber("XFD1048576") == 16384)
    #expect(WorkbookRecords.columnNumber("C7") == 3)
    #expect(WorkbookRecords.quotedSheetName("Sheet1") == "Sheet1")
    #expect(WorkbookRecords.quotedSheetName("Budget 2010") == "'Budget 2010'")
    #expect(WorkbookRecords.quotedSheetName("O'Neil") == "'O''Neil'")
    #expect(unescapedText("a_x000D_b_x005F_x") == "a\rb_x")
}

/// The example site with people.xlsx (LibreOffice's, of three people) for its
/// people.csv: the later checks of the data name the cell of the wrong value.
@Test func checksOfAWorkbooksDataNameTheCell() throws {
    let folder = try temporaryFolder()
    try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Content"), to: folder.appendingPathComponent("Content"))
    let data = folder.appendingPathComponent("Content/data")
    try FileManager.default.removeItem(at: data.appendingPathComponent("people.csv"))
    try FileManager.default.copyItem(at: workbooks.appendingPathComponent("people-mistakes.xlsx"), to: data.appendingPathComponent("people.xlsx"))
    let output = folder.appendingPathComponent("Output")
    let result = build(folder, into: output)
    #expect(!result.succeeded)
    // Row 3 is sun-lihua with org 'nowhere' (column C); row 4 is qian-jianguo since 2007-13 (column F).
    let errors = result.diagnostics.filter { $0.location.file.hasPrefix("Content/data/people.xlsx") && $0.severity == .error }
    // The sheet's name has a '-': quoted, as spreadsheets write it.
    #expect(errors.map(\.description) == [
        "Content/data/people.xlsx: 'people-mistakes'!C3: error: unknown organisation 'nowhere' in field 'org'",
        "Content/data/people.xlsx: 'people-mistakes'!F4: error: field 'since' must be a date (YYYY, YYYY-MM or YYYY-MM-DD), found '2007-13'",
    ])
    #expect(!FileManager.default.fileExists(atPath: output.path))
}

@Test func aSheetSettingForADatasetThatIsNoWorkbookIsAnError() throws {
    let (result, _) = try site([
        "Content/site.yaml": "title: T\ndatasets:\n  people: {sheet: Staff}\n",
        "Content/data/people.csv": "id,name\np,P\n",
    ])
    #expect(result.diagnostics.map(\.description) == [
        "Content/site.yaml:3:19: error: dataset 'people' is not a workbook (.xlsx): 'sheet' applies to workbooks only",
    ])
}

@Test func aSpreadsheetInAnotherFormatIsNotRead() throws {
    let (result, _) = try site([
        "Content/site.yaml": "title: T\n",
        "Content/data/people.ods": "",
        "Content/data/~$people.xlsx": "",
    ])
    #expect(result.diagnostics.map(\.description) == [
        "Content/data/people.ods: warning: 'people.ods' is not read: save it as CSV or as an Excel workbook (datasets are .yaml, .yml, .json, .csv or .xlsx)",
    ])
}

/// A workbook written here with ZIPFoundation, for what Excel and other
/// programs write and LibreOffice does not: one sheet "Data", or `sheets`
/// (name, `state` attribute, sheet XML).
private func writeWorkbook(sheet: String = "", sheets: [(String, String, String)]? = nil, to url: URL) throws {
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    let sheets = sheets ?? [("Data", "visible", sheet)]
    let entries = sheets.enumerated().map { index, sheet in
        #"<sheet name="\#(sheet.0)" sheetId="\#(index + 1)" state="\#(sheet.1)" r:id="rId\#(index + 1)"/>"#
    }
    let targets = sheets.indices.map {
        #"<Relationship Id="rId\#($0 + 1)" Type="\#(relationships)/worksheet" Target="worksheets/sheet\#($0 + 1).xml"/>"#
    }
    var parts = [
        "xl/workbook.xml": #"<workbook xmlns="\#(main)" xmlns:r="\#(relationships)"><sheets>\#(entries.joined())</sheets></workbook>"#,
        "xl/_rels/workbook.xml.rels": #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\#(targets.joined())</Relationships>"#,
    ]
    for (index, sheet) in sheets.enumerated() { parts["xl/worksheets/sheet\(index + 1).xml"] = sheet.2 }
    let archive = try Archive(url: url, accessMode: .create)
    for (path, text) in parts.sorted(by: { $0.key < $1.key }) {
        let data = Data(text.utf8)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
}

private func readWorkbook(sheet: String) throws -> ([SourceNode], [String]) {
    let url = try temporaryFolder(UUID().uuidString).appendingPathComponent("data.xlsx")
    try writeWorkbook(sheet: sheet, to: url)
    var diagnostics = Diagnostics()
    let records = readDataset(at: url, file: "Content/data/data.xlsx", diagnostics: &diagnostics)
    return (records, diagnostics.sorted.map(\.description))
}

/// Excel writes booleans as t="b", may store binary artefacts of a computation,
/// escapes a carriage return as _x000D_; other programs write inline strings,
/// leave out cell references, or prefix every element (`<x:c>`).
@Test func whatExcelAndOtherProgramsWrite() throws {
    let (records, problems) = try readWorkbook(sheet: """
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
        <row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>n</t></is></c>\
        <c r="C1" t="inlineStr"><is><t>flag</t></is></c><c r="D1" t="inlineStr"><is><t>sum</t></is></c>\
        <c r="E1" t="inlineStr"><is><r><t>no</t></r><r><t>te</t></r></is></c></row>
        <row><c t="inlineStr"><is><t>a</t></is></c><c><v>0.30000000000000004</v></c><c t="b"><v>1</v></c>\
        <c><f>SUM(B2:B3)</f></c><c t="inlineStr"><is><t>line_x000D_break</t></is></c></row>
        <row r="3"><c r="C3" t="b"><v>0</v></c><c r="B3"><v>1.5E-3</v></c><c r="F3" t="str"><v>x</v></c><c r="C3"><v>2</v></c></row>
        </sheetData></worksheet>
        """)
    #expect(records.map(texts) == [
        ["id": "a", "n": "0.30000000000000004", "flag": "true", "note": "line\rbreak"],
        // Fields in column order though the XML gives C3 before B3.
        ["n": "0.0015", "flag": "false"],
    ])
    #expect(records.last?.fields?.map(\.key) == ["n", "flag"])
    #expect(problems == [
        "Content/data/data.xlsx: Data!D2: error: the cell's formula has no saved value: open the workbook in a spreadsheet program and save it (Placard does not compute formulas)",
        "Content/data/data.xlsx: Data!C3: error: the workbook gives this cell twice: save it again from its spreadsheet program",
        "Content/data/data.xlsx: Data!F3: error: the cell is outside the header's columns (A to E): give its column a name",
    ])
    // A header in row 2 from column B, a gap in it, a value left of it.
    let (prefixed, problemsOfPrefixed) = try readWorkbook(sheet: """
        <x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>\
        <x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>id</x:t></x:is></x:c><x:c r="D2" t="inlineStr"><x:is><x:t>n</x:t></x:is></x:c></x:row>\
        <x:row r="4"><x:c r="A4"><x:v>6</x:v></x:c><x:c r="B4"><x:v>7</x:v></x:c><x:c r="D4"><x:v>8</x:v></x:c></x:row></x:sheetData></x:worksheet>
        """)
    #expect(prefixed.map(texts) == [["id": "7", "n": "8"]])
    #expect(prefixed.first?.location.description == "Content/data/data.xlsx: Data!B4")
    #expect(problemsOfPrefixed == [
        "Content/data/data.xlsx: Data!C2: error: empty column name in the header",
        "Content/data/data.xlsx: Data!A4: error: the cell is outside the header's columns (B to D): give its column a name",
    ])
}

/// `placard init --workbooks`: the organisations as a workbook, the same site as with YAML.
@Test func initWithWorkbooksBuildsTheSameSiteAsWithYAML() throws {
    let folder = try temporaryFolder()
    let yaml = folder.appendingPathComponent("yaml"), xlsx = folder.appendingPathComponent("xlsx")
    try NewSite.write(to: yaml, language: "zh-Hant")
    try NewSite.write(to: xlsx, language: "zh-Hant", workbooks: true)
    let workbook = xlsx.appendingPathComponent("Content/data/organisations.xlsx")
    #expect(FileManager.default.fileExists(atPath: workbook.path))
    #expect(!FileManager.default.fileExists(atPath: xlsx.appendingPathComponent("Content/data/organisations.yaml").path))
    var diagnostics = Diagnostics()
    let records = readDataset(at: workbook, file: "organisations.xlsx", diagnostics: &diagnostics)
    #expect(records.map(texts) == [
        ["id": "county", "name": "本縣", "level": "county"],
        ["id": "north", "name": "北鄉", "level": "town", "parent": "county"],
    ])
    #expect(records.last?.fields?.last?.value.location.description == "organisations.xlsx: organisations!D3")
    let fromYAML = build(yaml, into: yaml.appendingPathComponent("Output"))
    let fromWorkbook = build(xlsx, into: xlsx.appendingPathComponent("Output"))
    #expect(fromYAML.succeeded && fromWorkbook.succeeded)
    #expect(fromWorkbook.diagnostics.map(\.description) == [])
    #expect(differences(tree(xlsx.appendingPathComponent("Output")), tree(yaml.appendingPathComponent("Output"))) == [])
    // The same rows give the same bytes.
    #expect(try WorkbookWriter.data(sheet: "s", rows: [["a"]]) == WorkbookWriter.data(sheet: "s", rows: [["a"]]))
}

@Test func textWrittenToAWorkbookReadsBackAsWritten() throws {
    let url = try temporaryFolder().appendingPathComponent("t.xlsx")
    let tricky = ["a & b <c> \"d\"", "_x000D_ stays", "  spaces  ", "趙明遠"]
    try WorkbookWriter.data(sheet: "Data & more", rows: [["h1", "h2", "h3", "h4"], tricky]).write(to: url)
    var diagnostics = Diagnostics()
    let records = readDataset(at: url, file: "t.xlsx", diagnostics: &diagnostics)
    #expect(records.map(texts) == [["h1": tricky[0], "h2": tricky[1], "h3": tricky[2], "h4": tricky[3]]])
    #expect(records.first?.location.description == "t.xlsx: 'Data & more'!A2")
}

/// With no sheet named, the first tab a reader sees: a hidden first sheet is passed over.
@Test func aHiddenFirstSheetIsPassedOver() throws {
    func sheet(_ id: String) -> String {
        #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>\#(id)</t></is></c></row></sheetData></worksheet>"#
    }
    let url = try temporaryFolder().appendingPathComponent("data.xlsx")
    try writeWorkbook(sheets: [("Lists", "hidden", sheet("hidden")), ("Data", "visible", sheet("shown"))], to: url)
    var diagnostics = Diagnostics()
    #expect(readDataset(at: url, file: "data.xlsx", diagnostics: &diagnostics).map(texts) == [["id": "shown"]])
    let named = SheetChoice(name: "Lists", location: SourceLocation(file: "Content/site.yaml", line: 3, column: 20))
    #expect(readDataset(at: url, file: "data.xlsx", settings: DataFileSettings(dataset: "data", sheet: named), diagnostics: &diagnostics).map(texts) == [["id": "hidden"]])
    #expect(diagnostics.all.isEmpty)
}

/// A sheet whose XML is larger than 10 MB (Foundation's parser on Linux failed
/// on one given in one piece): read whole.
@Test func aLargeSheetIsReadWhole() throws {
    let url = try temporaryFolder().appendingPathComponent("large.xlsx")
    // 1,400 rows of 9,000 bytes of text: 12.6 MB.
    let text = String(repeating: "長文字", count: 1000)
    let rows = [["id", "text"]] + (1...1400).map { ["r\($0)", text] }
    try WorkbookWriter.data(sheet: "Data", rows: rows).write(to: url)
    var diagnostics = Diagnostics()
    let records = readDataset(at: url, file: "large.xlsx", diagnostics: &diagnostics)
    #expect(diagnostics.all.isEmpty)
    #expect(records.count == 1400)
    #expect(records.last.map(texts) == ["id": "r1400", "text": text])
}

/// site.yaml's `sheet` reaches the build: a generic dataset from the second sheet
/// of cells.xlsx is published as that sheet's rows.
@Test func theSheetSiteYAMLNamesIsTheDataset() throws {
    let folder = try temporaryFolder()
    try makeSite(["Content/site.yaml": "title: T\nlanguage: en\ndatasets:\n  staff: {sheet: People}\n", "Content/index.md": "# Home\n"], in: folder)
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("Content/data"), withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: workbooks.appendingPathComponent("cells.xlsx"), to: folder.appendingPathComponent("Content/data/staff.xlsx"))
    let result = build(folder, into: folder.appendingPathComponent("Output"))
    #expect(result.diagnostics.map(\.description) == [])
    let download = try String(contentsOf: folder.appendingPathComponent("Output/data/staff.csv"), encoding: .utf8)
    #expect(download == "id,name\r\np1,趙明遠\r\n")
}
