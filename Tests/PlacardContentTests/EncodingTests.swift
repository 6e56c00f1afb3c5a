import Foundation
import Testing

import PlacardContent
import PlacardDiagnostics

/// Data files as Excel saves them: declared encodings and delimiters, UTF-16
/// with a BOM, and line endings of every kind, read to the same records as
/// the UTF-8 CSV with LF.
@Suite struct EncodingTests {
    /// The organisations every variant below holds: two units, one inside the other.
    static let utf8CSV = "id,name,level,parent\nzhanhua,沾化县😀,county,\nfuyuan,富源街道,township,zhanhua\n"

    /// ASCII text, or bytes written out.
    struct Part: ExpressibleByStringLiteral, ExpressibleByArrayLiteral {
        var bytes: [UInt8]
        init(stringLiteral text: String) { bytes = Array(text.utf8) }
        init(arrayLiteral bytes: UInt8...) { self.bytes = bytes }
    }

    /// ASCII text with the characters named by hex bytes spliced in, so the
    /// expected bytes come from the encodings' published tables (checked
    /// against Python's gb18030 and big5 codecs), not from Placard's converter.
    static func bytes(_ parts: [Part]) -> Data { Data(parts.flatMap(\.bytes)) }

    // 沾化县 D5B4 BBAF CFD8; 😀 (U+1F600) 9439FC36, a four-byte sequence; 富源街道 B8BB D4B4 BDD6 B5C0.
    static let gb18030 = bytes(["id,name,level,parent\nzhanhua,", [0xD5, 0xB4, 0xBB, 0xAF, 0xCF, 0xD8, 0x94, 0x39, 0xFC, 0x36],
                                ",county,\nfuyuan,", [0xB8, 0xBB, 0xD4, 0xB4, 0xBD, 0xD6, 0xB5, 0xC0], ",township,zhanhua\n"])
    // 沾化縣 AA67 A4C6 BFA4; 富源街道 B449 B7BD B5F3 B944 (trail bytes 'I' and 'D' are ASCII).
    static let big5 = bytes(["id,name,level,parent\nzhanhua,", [0xAA, 0x67, 0xA4, 0xC6, 0xBF, 0xA4],
                             ",county,\nfuyuan,", [0xB4, 0x49, 0xB7, 0xBD, 0xB5, 0xF3, 0xB9, 0x44], ",township,zhanhua\n"])

    /// UTF-16 made by Swift's own `utf16` view, with a BOM.
    static func utf16(_ text: String, bigEndian: Bool) -> Data {
        var data = Data(bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE])
        for unit in text.utf16 {
            data.append(contentsOf: bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)])
        }
        return data
    }

    static func organisations(_ data: Data, settings: String) -> (rows: [[String?]], messages: [String]) {
        let site = TestSite(bytes: ["Content/data/organisations.csv": data], settings: TestSite.defaultSettings + settings)
        let (_, loaded, messages) = site.load()
        return (loaded.organisations.map { [$0.id, $0.name.description, $0.level, $0.parent, $0.location.description] }, messages)
    }

    static let expected: [[String?]] = [
        ["zhanhua", "沾化县😀", "county", nil, "Content/data/organisations.csv:2:1"],
        ["fuyuan", "富源街道", "township", "zhanhua", "Content/data/organisations.csv:3:1"],
    ]

    @Test func utf8IsTheReferenceRead() {
        let read = Self.organisations(Data(Self.utf8CSV.utf8), settings: "")
        #expect(read.messages == [])
        #expect(read.rows == Self.expected)
    }

    @Test func gb18030DeclaredForTheDatasetGivesTheSameRecords() {
        let read = Self.organisations(Self.gb18030, settings: "datasets:\n  organisations: {encoding: gb18030}\n")
        #expect(read.messages == [])
        #expect(read.rows == Self.expected)
        // GBK, the name Windows gives it, is read as GB18030, which contains it.
        #expect(Self.organisations(Self.gb18030, settings: "datasets: {organisations: {encoding: GBK}}\n").rows == Self.expected)
    }

    @Test func big5DeclaredForTheSiteGivesTheSameRecords() {
        let read = Self.organisations(Self.big5, settings: "encoding: big5\n")
        #expect(read.messages == [])
        #expect(read.rows.map { $0[1] } == ["沾化縣", "富源街道"])
        #expect(read.rows.map { [$0[0], $0[2], $0[3], $0[4]] } == Self.expected.map { [$0[0], $0[2], $0[3], $0[4]] })
    }

    @Test func excelUnicodeTextIsUTF16WithTabs() {
        // Excel's "Unicode text": UTF-16LE with a BOM, tab-separated, CRLF; no encoding to declare, the BOM says it.
        let text = Self.utf8CSV.replacingOccurrences(of: ",", with: "\t").replacingOccurrences(of: "\n", with: "\r\n")
        let read = Self.organisations(Self.utf16(text, bigEndian: false), settings: "datasets:\n  organisations: {delimiter: \"\\t\"}\n")
        #expect(read.messages == [])
        #expect(read.rows == Self.expected)
        #expect(Self.organisations(Self.utf16(text, bigEndian: false), settings: "csv_delimiter: tab\n").rows == Self.expected)
        // Big-endian too.
        #expect(Self.organisations(Self.utf16(Self.utf8CSV, bigEndian: true), settings: "").rows == Self.expected)
    }

    @Test func semicolonsAsEuropeanExcelSavesThem() {
        // A comma is then part of a cell (a decimal comma), and a quoted cell may hold a semicolon.
        let text = "id;name;level;parent\nzhanhua;沾化县😀;county;\nfuyuan;\"富源街道\";township;zhanhua\n"
        let read = Self.organisations(Data(text.utf8), settings: "csv_delimiter: \";\"\n")
        #expect(read.messages == [])
        #expect(read.rows == Self.expected)
        let cells = Self.organisations(Data("id;name;level\na;\"x; y\";county\nb;1,5;county\n".utf8), settings: "csv_delimiter: \";\"\n")
        #expect(cells.rows.map { $0[1] } == ["x; y", "1,5"])
        // Undeclared, the same file is one column named 'id;name;level;parent': never guessed.
        #expect(Self.organisations(Data(text.utf8), settings: "").rows.isEmpty)
    }

    @Test func anInvalidByteIsOneErrorAtItsPlace() {
        // Line 3, after 'fuyuan,' and 富源 (9 characters): 0xFF is never a GB18030 byte.
        var broken = Self.bytes(["id,name,level,parent\nzhanhua,", [0xD5, 0xB4, 0xBB, 0xAF, 0xCF, 0xD8], ",county,\r\nfuyuan,",
                                 [0xB8, 0xBB, 0xD4, 0xB4, 0xFF, 0xD6], ",township,zhanhua\n"])
        let people = "id,name,org,role\nli,李明,zhanhua,first\nwang,王芳,fuyuan,first\n"
        let site = TestSite(bytes: ["Content/data/organisations.csv": broken, "Content/data/people.csv": Data(people.utf8)],
                            settings: TestSite.defaultSettings + "datasets: {organisations: {encoding: gb18030}}\n")
        // Only the file's own error: not 'unknown organisation' for each person.
        #expect(site.load().messages == [
            "Content/data/organisations.csv:3:10: error: the file is not valid GB18030 text, the encoding declared for it in site.yaml (bytes 0xFF 0xD6)",
        ])
        // Cut in the middle of a character.
        broken = Self.bytes(["id,name\nz,", [0xD5, 0xB4, 0xBB]])
        #expect(Self.organisations(broken, settings: "encoding: gb18030\n").messages == [
            "Content/data/organisations.csv:2:4: error: the file is not valid GB18030 text, the encoding declared for it in site.yaml (an incomplete character at the end)",
        ])
        // A lone surrogate in UTF-16 named by its BOM, on the second line of a CR-only file.
        var utf16 = Self.utf16("id,name\rz,ab", bigEndian: false)
        utf16.append(contentsOf: [0x00, 0xD8, 0x41, 0x00])
        #expect(Self.organisations(utf16, settings: "").messages == [
            "Content/data/organisations.csv:2:5: error: the file is not valid UTF-16LE text, the encoding its byte order mark names (bytes 0x00 0xD8)",
        ])
    }

    @Test func undeclaredNonUTF8SaysHowToDeclareIt() {
        // D5 B4 happens to be a UTF-8 character; BB, after 'zhanhua,' and it, is not.
        #expect(Self.organisations(Self.gb18030, settings: "").messages == [
            "Content/data/organisations.csv:2:10: error: the file is not valid UTF-8 text (if it was saved by Excel as GB18030/GBK or Big5, declare it in site.yaml: datasets: {organisations: {encoding: gb18030}})",
        ])
    }

    @Test func settingsAreCheckedWhereTheyAreWritten() {
        let site = TestSite([:], settings: """
            title: T
            encoding: latin-9
            csv_delimiter: "|"
            datasets:
              people: {encoding: big5, delimter: ";"}

            """)
        #expect(site.load().messages == [
            "Content/site.yaml:2:11: error: unknown encoding 'latin-9' (expected one of utf-8, utf-16le, utf-16be, gb18030, big5, big5-hkscs, windows-1252)",
            "Content/site.yaml:3:16: error: field 'csv_delimiter' must be \",\", \";\" or \"\\t\" (a tab), found '|'",
            "Content/site.yaml:5:28: error: unknown dataset setting 'delimter' (did you mean 'delimiter'?)",
        ])
        // A BOM and a declaration that disagree: neither is picked silently.
        let read = Self.organisations(Self.utf16(Self.utf8CSV, bigEndian: false), settings: "encoding: gb18030\n")
        #expect(read.messages == [
            "Content/data/organisations.csv:1:1: error: the file starts with a UTF-16LE byte order mark, but its encoding is declared as gb18030",
        ])
    }

    @Test func lineEndingsOfEveryKindReadAlike() {
        let lf = Self.organisations(Data(Self.utf8CSV.utf8), settings: "")
        for ending in ["\r\n", "\r"] {
            let text = Self.utf8CSV.replacingOccurrences(of: "\n", with: ending)
            #expect(Self.organisations(Data(text.utf8), settings: "") == lf)
        }
        var diagnostics = Diagnostics()
        #expect(TextFile.decode(Data("a\r\nb\rc\n\r\nd\r".utf8), file: "f", diagnostics: &diagnostics) == "a\nb\nc\n\nd\n")
        // Lines are counted per CR in a CR-only file, per CRLF in a Windows one.
        #expect(TextFile.decode(Data([0x61, 0x0D, 0x62, 0x0D, 0x0D, 0x63, 0xFF]), file: "f", diagnostics: &diagnostics) == nil)
        #expect(TextFile.decode(Data([0x61, 0x0D, 0x0A, 0x62, 0xFF]), file: "g", diagnostics: &diagnostics) == nil)
        #expect(diagnostics.all.map(\.location.description) == ["f:4:2", "g:2:2"])
    }

    @Test func jsonAndYAMLDatasetsSavedWithCRLFOrCRReadAlike() {
        // Kept JSON records are read again from the kept text by position: the positions must be the LF text's.
        let json = "[\n  {\"id\": \"zhanhua\", \"name\": \"沾化县😀\", \"level\": \"county\"},\n  {\"id\": \"fuyuan\",\n   \"name\": \"富源街道\", \"level\": \"township\", \"parent\": \"zhanhua\",\n   \"facts\": {\"residents\": \"many\"}}\n]\n"
        let yaml = "- id: zhanhua\n  name: 沾化县😀\n  level: county\n- id: fuyuan\n  name: 富源街道\n  level: township\n  parent: zhanhua\n  facts: {residents: many}\n"
        // Counted by hand: "many" on line 5, column 27 of the JSON; line 8, column 22 of the YAML.
        for (name, text, place) in [("organisations.json", json, "organisations.json:5:27: error: "),
                                    ("organisations.yaml", yaml, "organisations.yaml:8:22: error: ")] {
            func load(_ ending: String) -> (rows: [[String]], messages: [String]) {
                let site = TestSite(["Content/data/" + name: text.replacingOccurrences(of: "\n", with: ending)])
                let (_, data, messages) = site.load()
                return (data.organisations.map { [$0.id, $0.name.description, $0.parent ?? "-", $0.location.description] }, messages)
            }
            let lf = load("\n")
            #expect(lf.rows.map { $0[1] } == ["沾化县😀", "富源街道"])
            // The 'facts.residents' number that is text is a located error: at the same line and column in every file.
            #expect(lf.messages.count == 1 && lf.messages[0].hasPrefix("Content/data/" + place), "\(lf.messages)")
            #expect(load("\r\n") == lf)
            #expect(load("\r") == lf)
        }
    }

    @Test func aQuotedLineBreakIsLFHoweverTheFileWasSaved() {
        for ending in ["\n", "\r\n", "\r"] {
            let text = "id,name,level\nz,\"first line\nsecond line\",county\ny,Y,county\n".replacingOccurrences(of: "\n", with: ending)
            let read = Self.organisations(Data(text.utf8), settings: "")
            #expect(read.messages == [])
            #expect(read.rows.map { $0[1] } == ["first line\nsecond line", "Y"])
            // The next record's line counts the break inside the cell.
            #expect(read.rows.map { $0[4] } == ["Content/data/organisations.csv:2:1", "Content/data/organisations.csv:4:1"])
        }
    }
}
