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
        var atFieldStart = true
        func isSeparator(_ c: Unicode.Scalar) -> Bool { c == "," || c == "\n" || c == "\r" }
        while index < scalars.endIndex || !atFieldStart {
            let fieldStart = SourceLocation(file: file, line: line, column: column)
            if fields.isEmpty { rowStart = SourceLocation(file: file, line: line, column: 1) }
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
                rows.append(CSVReader.Row(fields: fields, location: rowStart))
                break
            }
            let separator = scalars[index]
            index = scalars.index(after: index)
            if separator == "," { column += 1; atFieldStart = false; continue }
            if separator == "\r", index < scalars.endIndex, scalars[index] == "\n" { index = scalars.index(after: index) }
            line += 1; column = 1
            rows.append(CSVReader.Row(fields: fields, location: rowStart))
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
            #expect(found.sorted == expected.sorted, "\(text.debugDescription)")
        }
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
}
