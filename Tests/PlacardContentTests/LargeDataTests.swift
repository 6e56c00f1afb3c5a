import Foundation
import Testing
@testable import PlacardContent
import PlacardDiagnostics

/// The changes made for sites of 100,000 units keep every value, position and
/// message as they were: the CSV reader works on bytes, trimming no longer goes
/// through Foundation, records derive their field locations instead of storing
/// them, and private fields are removed without copying records that have none.
@Suite struct LargeDataTests {
    // MARK: CSV on bytes

    /// `row:col` of each field, row by row.
    static func positions(_ rows: [CSVReader.Row]) -> [[String]] {
        rows.map { row in row.fields.map { "\($0.text)@\($0.location.line):\($0.location.column)" } }
    }

    /// Datasets are parsed on every core, file by file, and a long one is read in
    /// parts of 20,000 records: the records come out in file and row order and
    /// every problem of every part and file is reported.
    @Test func datasetsReadInPartsKeepOrderAndEveryProblem() throws {
        func commitments(_ org: String, count: Int, badRows: Set<Int>) -> String {
            var text = "id,org,year,text,status\n"
            for row in 1...count {
                text += "c-\(org)-\(row),\(org),2024,Item \(row),\(badRows.contains(row) ? "finished" : "pending")\n"
            }
            return text
        }
        let site = TestSite([
            "Content/data/organisations.csv": "id,name,level\na,A,county\nb,B,county\n",
            "Content/data/commitments/1-a.csv": commitments("a", count: 45_000, badRows: [3, 25_000, 44_999]),
            "Content/data/commitments/2-b.csv": commitments("b", count: 10, badRows: [7]),
            "Content/data/people.yaml": "- {id: p, name: P, org: b, role: first, phone: '1'}\n- {id: q, name: Q, org: zz, role: first}\n",
        ])
        let (_, data, messages) = site.load()
        #expect(data.commitments.count == 45_010)
        #expect(data.commitments.map(\.id).prefix(2) == ["c-a-1", "c-a-2"])
        #expect(data.commitments[44_999].id == "c-a-45000" && data.commitments[45_000].id == "c-b-1")
        #expect(data.commitments.last?.id == "c-b-10")
        #expect(data.people.map(\.id) == ["p", "q"])
        let unknown = "error: unknown status 'finished' (expected pending, in_progress, fulfilled or dropped)"
        let expected = [
            "Content/data/commitments/1-a.csv:4:21: \(unknown)",
            "Content/data/commitments/1-a.csv:25001:29: \(unknown)",
            "Content/data/commitments/1-a.csv:45000:29: \(unknown)",
            "Content/data/commitments/2-b.csv:8:21: \(unknown)",
            "Content/data/people.yaml:2:25: error: unknown organisation 'zz' in field 'org'",
        ]
        #expect(messages == expected)
    }

    @Test func csvColumnsCountScalarsOfEveryWidth() {
        var diagnostics = Diagnostics()
        // 𠀀 is 4 bytes and 名 3 in UTF-8: each is one column. A lone CR ends a line.
        let rows = CSVReader.rows("id,名稱\n𠀀,\"沾\"\"化\"\rb,c", file: "f.csv", diagnostics: &diagnostics)
        #expect(diagnostics.all.isEmpty)
        #expect(Self.positions(rows) == [["id@1:1", "名稱@1:4"], ["𠀀@2:1", "沾\"化@2:3"], ["b@3:1", "c@3:3"]])
        #expect(rows.map(\.location.line) == [1, 2, 3])

        // Opening quote col 2, a col 3, newline, b col 2, c col 3, closing quote col 4, comma col 5.
        #expect(Self.positions(CSVReader.rows("\"a\nbc\",x\n", file: "f.csv", diagnostics: &diagnostics)) == [["a\nbc@1:1", "x@2:5"]])

        var stray = Diagnostics()
        #expect(Self.positions(CSVReader.rows("\"a\"沾,y", file: "f.csv", diagnostics: &stray)) == [["a沾@1:1", "y@1:6"]])
        #expect(stray.sorted.map(\.description) == ["f.csv:1:1: error: unexpected text after the closing quote of a field"])
    }

    /// The reader before it worked on bytes, scalar by scalar: the reference the new one must match.
    static func referenceRows(_ text: String, file: String, diagnostics: inout Diagnostics) -> [CSVReader.Row] {
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var rows: [CSVReader.Row] = []
        var fields: [CSVReader.Field] = []
        var line = 1, column = 1
        var rowStart = SourceLocation(file: file, line: 1, column: 1)
        var index = scalars.startIndex
        var rowOffset = 0
        var atFieldStart = true
        func isSeparator(_ c: Unicode.Scalar) -> Bool { c == "," || c == "\n" || c == "\r" }
        while index < scalars.endIndex || !atFieldStart {
            let fieldStart = SourceLocation(file: file, line: line, column: column)
            if fields.isEmpty {
                rowStart = SourceLocation(file: file, line: line, column: 1)
                rowOffset = text.utf8.distance(from: text.startIndex, to: index)
            }
            var value = String.UnicodeScalarView()
            if index < scalars.endIndex, scalars[index] == "\"" {
                index = scalars.index(after: index); column += 1
                var closed = false
                while index < scalars.endIndex {
                    let c = scalars[index]
                    index = scalars.index(after: index)
                    if c == "\"" {
                        column += 1
                        if index < scalars.endIndex, scalars[index] == "\"" {
                            value.append("\""); index = scalars.index(after: index); column += 1
                            continue
                        }
                        closed = true
                        break
                    }
                    value.append(c)
                    if c == "\n" { line += 1; column = 1 } else { column += 1 }
                }
                if !closed { diagnostics.error("unterminated quoted field", at: fieldStart) }
                var stray = false
                while index < scalars.endIndex, !isSeparator(scalars[index]) {
                    stray = true
                    value.append(scalars[index]); index = scalars.index(after: index); column += 1
                }
                if stray { diagnostics.error("unexpected text after the closing quote of a field", at: fieldStart) }
            } else {
                while index < scalars.endIndex, !isSeparator(scalars[index]) {
                    value.append(scalars[index]); index = scalars.index(after: index); column += 1
                }
            }
            fields.append(CSVReader.Field(text: String(value), location: fieldStart))
            if index == scalars.endIndex {
                rows.append(CSVReader.Row(fields: fields, location: rowStart, start: rowOffset))
                break
            }
            let separator = scalars[index]
            index = scalars.index(after: index)
            if separator == "," { column += 1; atFieldStart = false; continue }
            if separator == "\r", index < scalars.endIndex, scalars[index] == "\n" { index = scalars.index(after: index) }
            line += 1; column = 1
            rows.append(CSVReader.Row(fields: fields, location: rowStart, start: rowOffset))
            fields = []
            atFieldStart = true
        }
        return rows
    }

    @Test func csvRowsMatchTheScalarReader() {
        var random = RobustnessTests.Generator(state: 100_001)
        let pieces = ["\"", "\"\"", ",", "\n", "\r", "\r\n", "沾化", "𠀀", "e\u{301}", " ", "\u{3000}", "\u{FEFF}", "a", "12", ""]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...40, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            var expected = Diagnostics(), found = Diagnostics()
            let reference = Self.referenceRows(text, file: "f.csv", diagnostics: &expected)
            let rows = CSVReader.rows(text, file: "f.csv", diagnostics: &found)
            #expect(Self.positions(rows) == Self.positions(reference), "\(text.debugDescription)")
            #expect(rows.map(\.location) == reference.map(\.location), "\(text.debugDescription)")
            #expect(rows.map(\.start) == reference.map(\.start), "\(text.debugDescription)")
            #expect(found.sorted == expected.sorted, "\(text.debugDescription)")
        }
    }

    /// A record keeps only where its row starts and reads its cells again when
    /// asked: the cells read again are the row as first read, with the same places.
    @Test func csvRecordsReadTheirRowsAgainAsFirstRead() {
        var random = RobustnessTests.Generator(state: 4_200)
        let pieces = ["\"", "\"\"", ",", "\n", "\r\n", "沾化", "𠀀", "e\u{301}", " ", "a", "12", ""]
        var compared = 0
        for _ in 0..<2000 {
            let body = (0..<Int.random(in: 0...30, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let text = "\u{FEFF}a,b,c\n" + body
            var problems = Diagnostics()
            let rows = CSVReader.rows(text, file: "f.csv", diagnostics: &problems).dropFirst().filter { !$0.isBlank && $0.fields.count == 3 }
            let records = CSVReader.records(text, file: "f.csv", diagnostics: &problems)
            #expect(records.count == rows.count, "\(text.debugDescription)")
            for (record, row) in zip(records, rows) {
                let expected = zip(["a", "b", "c"], row.fields).filter { !$0.1.text.isBlank }.map { "\($0.0)=\($0.1.text)@\($0.1.location)" }
                let found = (record.fields ?? []).map { "\($0.key)=\($0.value.scalarText ?? "?")@\($0.value.location)" }
                #expect(found == expected, "\(text.debugDescription)")
                #expect(record.location == row.location)
                compared += 1
            }
        }
        #expect(compared > 250)  // 309 rows of three fields among the 2000 texts
    }

    @Test func csvRecordsReadRowByRow() {
        // Blank lines before the header and between rows, a short row, an empty cell.
        let (records, messages) = parseCSV("\n\nid,name,facts.residents\n\nz,沾化,4200\ny,,\nx\n")
        #expect(messages == ["f.csv:7: error: row has 1 field, the header has 3"])
        #expect(records.map(\.at) == ["5:1", "6:1"])
        #expect(records[0]["facts"]?["residents"]?.at == "5:6")
        #expect(records[0]["facts"]?.location == records[0]["facts"]?["residents"]?.location)
        #expect(records[1]["name"] == nil)
        #expect(records[1].fields?.map(\.key) == ["id"])
        #expect(records[1].fields?.first?.keyLocation.description == "f.csv:3:1")
    }

    // MARK: Trimming

    @Test func trimmingAgreesWithFoundationOnEveryScalar() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(Character(scalar))
            #expect(Whitespace.isSpace(scalar) == CharacterSet.whitespaces.contains(scalar), "U+\(String(value, radix: 16))")
            #expect(Whitespace.isSpaceOrNewline(scalar) == CharacterSet.whitespacesAndNewlines.contains(scalar), "U+\(String(value, radix: 16))")
            if value < 0x3100 {
                #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces))
            }
        }
    }

    @Test func trimmingAgreesWithFoundationOnText() {
        var random = RobustnessTests.Generator(state: 2024)
        let pieces = [" ", "\t", "\n", "\r\n", "\u{3000}", "\u{200B}", "\u{85}", "\u{2028}", "沾化", "e\u{301}", "\u{301}", "a b", ""]
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...8, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
            #expect(text.trimmingSpacesAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.debugDescription)")
            #expect(text.isBlank == text.trimmingCharacters(in: .whitespaces).isEmpty, "\(text.debugDescription)")
        }
        #expect(" \u{3000}沾化 \t".trimmingSpaces() == "沾化")
        #expect("\r\n 沾化\u{2028}".trimmingSpacesAndNewlines() == "沾化")
        #expect("\n沾化".trimmingSpaces() == "\n沾化")
    }

    // MARK: Records

    @Test func fieldLocationsAreDerivedFromTheRecord() throws {
        let site = TestSite([
            "Content/data/organisations.csv": "id,name\nz,沾化\n",
            "Content/data/commitments.csv": "id,org,text,status,fulfilled_on\nc1,z,修路,fulfilled,2009-05-01\n",
        ])
        let (_, data, messages) = site.load()
        #expect(messages == [])
        let commitment = try #require(data.commitments.first)
        #expect(commitment.location(of: "status").description == "Content/data/commitments.csv:2:9")
        #expect(commitment.location(of: "fulfilled_on").description == "Content/data/commitments.csv:2:19")
        #expect(commitment.location(of: "person").description == "Content/data/commitments.csv:2:1")
        #expect(commitment.fieldLocations.mapValues(\.description) == [
            "id": "Content/data/commitments.csv:2:1", "org": "Content/data/commitments.csv:2:4",
            "text": "Content/data/commitments.csv:2:6", "status": "Content/data/commitments.csv:2:9",
            "fulfilled_on": "Content/data/commitments.csv:2:19",
        ])
    }

    @Test func privateFieldsAreRemovedAtEveryDepthAndOthersKept() throws {
        let (parsed, messages) = parseYAML("""
        - id: a
          contacts:
            - {name: 王, phone: '1'}
            - {name: 李}
        - id: b
          contacts: [{name: 張}]
        """)
        #expect(messages == [])
        let node = try #require(parsed)
        let removed = node.removingFields(named: ["phone"])
        let contacts = removed.items?[0]["contacts"]?.items
        #expect(contacts?[0].fields?.map(\.key) == ["name"])
        #expect(contacts?[0]["name"]?.at == "3:14")
        #expect(contacts?[1]["name"]?.at == "4:14")
        #expect(removed.items?[1]["contacts"]?.items?[0]["name"]?.at == "6:21")
        #expect(removed.items?.map { $0["id"]?.text } == ["a", "b"])
        // Nothing to remove: the same values at the same places.
        let kept = node.removingFields(named: ["fax"])
        #expect(String(describing: kept.plainValue) == String(describing: node.plainValue))
        #expect(kept.items?[0]["contacts"]?.items?[0]["phone"]?.at == "3:24")
    }

    // MARK: CSV records kept as rows

    /// A record as text: every key with its place, every value with its place, at every depth.
    static func dump(_ node: SourceNode) -> String {
        switch node.kind {
        case .map(let fields):
            return "{" + fields.map { "\($0.key)@\($0.keyLocation.description)=\(dump($0.value))" }.joined(separator: ", ") + "}@\(node.location.description)"
        default:
            return "\(node.kindDescription)@\(node.location.description)"
        }
    }

    /// Records as the reader built them before rows were kept: every non-empty cell inserted into a map.
    static func referenceRecords(_ text: String) -> ([String], [String]) {
        var diagnostics = Diagnostics()
        let rows = referenceRows(text, file: "f.csv", diagnostics: &diagnostics).filter { !$0.isBlank }
        guard let header = rows.first else { return ([], diagnostics.sorted.map(\.description)) }
        var seen = Set<String>()
        let paths: [[String]?] = header.fields.map { field in
            let name = field.text.trimmingCharacters(in: .whitespaces)
            let path = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard !name.isEmpty, !path.contains(where: \.isEmpty), !seen.contains(where: { name.hasPrefix($0 + ".") || $0.hasPrefix(name + ".") }),
                  seen.insert(name).inserted else { return nil }
            return path
        }
        var records: [String] = []
        for row in rows.dropFirst() where row.fields.count == header.fields.count {
            var fields: [SourceField] = []
            for (column, cell) in row.fields.enumerated() {
                guard let path = paths[column], !cell.text.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
                referenceInsert(SourceNode(.string(cell.text), at: cell.location), at: path[...],
                                keyLocation: header.fields[column].location, into: &fields)
            }
            records.append(dump(SourceNode(.map(fields), at: row.location)))
        }
        return (records, [])
    }

    /// How the reader once made a record's map, a cell at a time (the reader now
    /// groups dotted columns by key, in linear time: `CSVReader.nest`).
    static func referenceInsert(_ value: SourceNode, at path: ArraySlice<String>, keyLocation: PlacardDiagnostics.SourceLocation, into fields: inout [SourceField]) {
        let key = path.first!
        if path.count == 1 {
            fields.append(SourceField(key: key, keyLocation: keyLocation, value: value))
            return
        }
        if let index = fields.firstIndex(where: { $0.key == key }), var inner = fields[index].value.fields {
            referenceInsert(value, at: path.dropFirst(), keyLocation: keyLocation, into: &inner)
            fields[index].value.kind = .map(inner)
        } else {
            var inner: [SourceField] = []
            referenceInsert(value, at: path.dropFirst(), keyLocation: keyLocation, into: &inner)
            fields.append(SourceField(key: key, keyLocation: keyLocation, value: SourceNode(.map(inner), at: value.location)))
        }
    }

    @Test func csvRecordsAreTheMapsTheyWere() {
        var random = RobustnessTests.Generator(state: 99_900)
        let names = ["id", "org", "facts.residents", "facts.members", "a.b.c", "a.b.d", "note", " name ", "id"]
        let cells = ["", " ", "沾化", "12", "\"x, y\"", "\"\"", "\"a\nb\"", "𠀀"]
        for _ in 0..<500 {
            let columns = (0..<Int.random(in: 1...5, using: &random)).map { _ in names.randomElement(using: &random)! }
            var text = columns.joined(separator: ",") + "\n"
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                text += columns.map { _ in cells.randomElement(using: &random)! }.joined(separator: ",") + (random.next() % 2 == 0 ? "\n" : "\r\n")
            }
            let (records, _) = parseCSV(text)
            #expect(records.map(Self.dump) == Self.referenceRecords(text).0, "\(text.debugDescription)")
            // Looking a field up gives what the map holds, without building it for a plain column.
            for record in records {
                for key in ["id", "org", "facts", "a", "note", "name", "missing"] {
                    let expected = record.fields?.first { $0.key == key }?.value
                    #expect(record[key].map(Self.dump) == expected.map(Self.dump), "\(key) in \(text.debugDescription)")
                }
            }
        }
    }

    @Test func privateColumnsAreRemovedFromCSVRecords() throws {
        let (records, _) = parseCSV("id,phone,contact.phone,contact.fax\nw,138,139,0543\nz,,,\n")
        let removed = records.map { $0.removingFields(named: ["phone"]) }
        #expect(Self.dump(removed[0]) == "{id@f.csv:1:1=text 'w'@f.csv:2:1, contact@f.csv:1:10={fax@f.csv:1:24=text '0543'@f.csv:2:11}@f.csv:2:7}@f.csv:2:1")
        #expect(Self.dump(removed[1]) == "{id@f.csv:1:1=text 'z'@f.csv:3:1}@f.csv:3:1")
        let kept = records[0].removingFields(named: ["fax2"])
        #expect(Self.dump(kept) == Self.dump(records[0]))
        #expect(kept["phone"]?.at == "2:3")
    }

    // MARK: Smaller typed records

    @Test func datesKeepTheirPartsInFewerBytes() throws {
        let day = try #require(ISODate(" 2024-02-29 "))
        #expect(day.text == "2024-02-29" && day.year == 2024 && day.month == 2 && day.day == 29 && day.time == nil)
        #expect(ISODate("2023-02-29") == nil && ISODate("2023-04-31") == nil && ISODate("2023-00-10") == nil)
        #expect(ISODate("2023-13-01") == nil && ISODate("2023-01-00") == nil && ISODate("2023-1-01") == nil)
        let month = try #require(ISODate("2009-07"))
        #expect(month.year == 2009 && month.month == 7 && month.day == nil && month.time == nil)
        let year = try #require(ISODate("2009"))
        #expect(year.month == nil && year.day == nil)
        let time = try #require(ISODate("2018-06-08T13:47:00Z"))
        #expect(time.day == 8 && time.time == "13:47:00Z" && time.iso == "2018-06-08T13:47:00Z")
        let spaced = try #require(ISODate("2018-06-08 13:47"))
        #expect(spaced.time == "13:47" && spaced.iso == "2018-06-08T13:47")
        #expect(ISODate("2009-07-01")! == ISODate("2009-07-01 ")! && Set([ISODate("2009-07-01")!, ISODate(" 2009-07-01")!]).count == 1)
        #expect(ISODate("2009-07-01")! < ISODate("2009-07-01T08:00")! && ISODate("2009-06-30")! < ISODate("2009-07")!)
        // Every day of three years, leap and not: the day count of each month.
        for year in [1900, 2000, 2023] {
            let days = (1...12).map { month in (1...31).filter { ISODate(String(format: "%04d-%02d-%02d", year, month, $0)) != nil }.count }
            #expect(days == [31, year == 2000 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
        }
        #expect(MemoryLayout<ISODate?>.size <= 32)
    }

    @Test func plainAndLanguageTextsAreEqualWhenTheirEntriesAre() {
        let plain = LocalizedText("沾化縣")
        let entry = LocalizedText(entries: [.init(language: "", text: "沾化縣")])
        #expect(plain == entry && Set([plain, entry]).count == 1)
        #expect(plain.entries == [.init(language: "", text: "沾化縣")])
        #expect(plain.resolved(for: "en") == "沾化縣" && plain.description == "沾化縣")
        let two = LocalizedText(entries: [.init(language: "zh-Hant", text: "沾化縣"), .init(language: "en", text: "Zhanhua")])
        #expect(two != plain && two.resolved(for: "en") == "Zhanhua" && two.resolved(for: "zh-Hans") == "沾化縣")
        var changed = plain
        changed.entries.append(.init(language: "en", text: "Zhanhua"))
        #expect(changed.resolved(for: "en") == "Zhanhua" && changed.description == "沾化縣")
    }

    @Test func wholeNumbersAreTheDecimalsFoundationReads() {
        var random = RobustnessTests.Generator(state: 18)
        let posix = Locale(identifier: "en_US_POSIX")
        var texts = ["0", "-0", "+5", "007", "-0012", "100", "999999999999999999", "-999999999999999999", "1000000000000000000"]
        texts += (0..<2000).map { _ in String(Int.random(in: -999_999_999_999_999_999...999_999_999_999_999_999, using: &random) >> Int.random(in: 0...60, using: &random)) }
        for text in texts {
            let literal = text.hasPrefix("+") ? String(text.dropFirst()) : text
            let expected = Decimal(string: literal, locale: posix)
            let found = DecimalLiteral.decimal(text)
            #expect(found == expected && found?.exponent == expected?.exponent && found?.significand == expected?.significand, "\(text)")
            #expect(found.map { "\($0)" } == expected.map { "\($0)" }, "\(text)")
        }
    }

    @Test func wholeNumberFieldsReadAsBefore() {
        let (records, _) = parseCSV("a,b,c,d,e,f\n2024,+5,-0012,999999999999,1000000000000, 12\n")
        var diagnostics = Diagnostics()
        let fields = RecordFields(records[0], diagnostics: &diagnostics)!
        #expect(["a", "b", "c", "d", "f"].map { fields.int($0, &diagnostics) } == [2024, 5, -12, 999_999_999_999, 12])
        #expect(fields.int("e", &diagnostics) == nil)
        #expect(diagnostics.sorted.map(\.description) == ["f.csv:2:28: error: field 'e' must be a whole number, found 1000000000000"])
    }

    // MARK: JSON records kept as places

    /// A node as text, every key and value with its place, lists and maps at every depth.
    static func fullDump(_ node: SourceNode) -> String {
        switch node.kind {
        case .map(let fields):
            return "{" + fields.map { "\($0.key)@\($0.keyLocation.description)=\(fullDump($0.value))" }.joined(separator: ", ") + "}@\(node.location.description)"
        case .list(let items):
            return "[" + items.map(fullDump).joined(separator: ", ") + "]@\(node.location.description)"
        default:
            return "\(node.kindDescription)@\(node.location.description)"
        }
    }

    /// A JSON dataset's objects are kept as their place in the file and read
    /// again when asked for: the same maps, at the same places, as the whole
    /// file parsed; columns counted in scalars after wide characters on the line.
    @Test func jsonRecordsReadAgainAreTheMapsFirstRead() throws {
        let text = "\u{FEFF}[{\"name\": \"沾化𠀀\", \"n\": 1},   {\"é\": \"\\u00e9\\n\\ud83d\\ude00\",\n"
            + "  \"facts\": {\"residents\": 36200, \"list\": [1, {\"a\": null}, true]}},\n"
            + "\t{\"text\": \"縣\\\"鄉\\\\村\"}, 12, {}\n]\n"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("placard-json-\(UUID().uuidString).json")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }

        // In the reader, with the byte order mark (counted as column 1, as in the whole file).
        var problems = Diagnostics()
        let records = try #require(JSONReader.records(text, file: "d.json", diagnostics: &problems)?.items)
        let whole = try #require(JSONReader.parse(text, file: "d.json", diagnostics: &problems)?.items)
        #expect(problems.sorted.isEmpty)
        #expect(records.map { $0.jsonRecord != nil } == [true, true, true, false, true])
        #expect(records.map(Self.fullDump) == whole.map(Self.fullDump))
        #expect(records[0]["name"]?.text == "沾化𠀀")
        #expect(records[0]["n"]?.at == "1:24")
        #expect(records[1].location.description == "d.json:1:30")
        #expect(records[1]["é"]?.text == "é\n😀")
        #expect(records[1]["facts"]?["list"]?.items?[1]["a"]?.at == "2:51")
        #expect(records[2]["text"]?.text == "縣\"鄉\\村")
        #expect(records[2]["text"]?.at == "3:11")

        // From the file, whose byte order mark is dropped when it is read.
        let dataset = readDataset(at: url, file: "d.json", diagnostics: &problems)
        let withoutMark = try #require(JSONReader.parse(String(text.dropFirst()), file: "d.json", diagnostics: &problems)?.items)
        #expect(dataset.map(Self.fullDump) == withoutMark.map(Self.fullDump))
        #expect(dataset.map { $0.jsonRecord != nil } == [true, true, true, false, true])
        #expect(problems.sorted.isEmpty)

        // Typed reading goes through the record read again once.
        var diagnostics = Diagnostics()
        let fields = try #require(RecordFields(dataset[0], diagnostics: &diagnostics))
        #expect(fields.string("name", &diagnostics) == "沾化𠀀")
        #expect(fields.location("n").description == "d.json:1:23")
    }

    /// A private field of a JSON record is removed whatever way its key is written.
    @Test func privateFieldsOfJSONRecordsAreRemoved() throws {
        let text = "[{\"id\": \"a\", \"ph\\u006fne\": \"123\"}, {\"id\": \"b\"}]"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("placard-json-\(UUID().uuidString).json")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        var problems = Diagnostics()
        let records = readDataset(at: url, file: "d.json", diagnostics: &problems)
        #expect(records[0]["phone"]?.text == "123")
        let removed = records.map { $0.removingFields(named: ["phone"]) }
        #expect(removed.map { $0.fields?.map(\.key) } == [["id"], ["id"]])
        #expect(removed[0]["id"]?.at == "1:9")
        // A file without the field keeps its records as places.
        #expect(records.map { $0.removingFields(named: ["fax"]).jsonRecord != nil } == [true, true])
    }
}
