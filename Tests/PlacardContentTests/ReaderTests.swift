import Foundation
import Testing
@testable import PlacardContent
import PlacardDiagnostics

@Suite struct YAMLReaderTests {
    @Test func scalarsAndPositions() throws {
        let (node, messages) = parseYAML("""
        name: 沾化縣
        year: 2009
        rate: 81.45
        since: 2009-07-01
        quoted: "12"
        done: true
        answer: no
        empty:
        items:
          - a
          - {x: 1}
        """)
        #expect(messages == [])
        let root = try #require(node)
        #expect(root["name"]?.text == "沾化縣" && root["name"]?.at == "1:7")
        guard case .number("2009")? = root["year"]?.kind else { Issue.record("year"); return }
        guard case .number("81.45")? = root["rate"]?.kind else { Issue.record("rate"); return }
        guard case .string("2009-07-01")? = root["since"]?.kind else { Issue.record("date"); return }
        guard case .string("12")? = root["quoted"]?.kind else { Issue.record("quoted"); return }
        guard case .bool(true)? = root["done"]?.kind else { Issue.record("bool"); return }
        guard case .string("no")? = root["answer"]?.kind else { Issue.record("no"); return }
        #expect(root["empty"]?.isNull == true)
        let items = try #require(root["items"]?.items)
        #expect(items[0].at == "10:5")
        #expect(items[1]["x"]?.at == "11:9")
        #expect(root.fields?.first { $0.key == "items" }?.keyLocation.description == "f.yaml:9:1")
    }

    @Test func syntaxErrorHasItsLine() {
        let (node, messages) = parseYAML("title: a\nlevels: [a, b\nroles: x\n")
        #expect(node == nil)
        #expect(messages.count == 1)
        #expect(messages[0].hasPrefix("f.yaml:3:"), "\(messages)")
        #expect(messages[0].contains("error: invalid YAML: "))
    }

    @Test func syntaxErrorLineCountsFromFirstLine() {
        let (_, messages) = parseYAML("a: b\n  c: d\n", firstLine: 5)
        #expect(messages == ["f.yaml:6:4: error: invalid YAML: mapping values are not allowed in this context"])
    }

    @Test func duplicateKey() {
        let (_, messages) = parseYAML("id: a\nname: x\nid: b\n")
        #expect(messages == ["f.yaml:1:1: error: duplicate key 'id'"])
    }

    /// Keys are compared as text, quoted or not; plain values are typed by
    /// Placard's own rules (not YAML 1.1's: `yes` and `0x1F` stay text), quoted
    /// and `!!str` values are text.
    @Test func keysAreComparedAsTextAndPlainValuesTypedByPlacard() {
        let (_, messages) = parseYAML("1: a\n'1': b\n")
        #expect(messages == ["f.yaml:1:1: error: duplicate key '1'"])
        let (node, problems) = parseYAML("a: 12\nb: '12'\nc: !!str 12\nd: yes\ne: 0x1F\nf: 1.50\ng: ~\nh: True\ni: 2024-05-01\n")
        #expect(problems == [])
        let kinds = (node?.fields ?? []).map { field -> String in
            switch field.value.kind {
            case .number(let text): "number \(text)"
            case .string(let text): "text \(text)"
            case .bool(let flag): "bool \(flag)"
            case .null: "null"
            default: "other"
            }
        }
        #expect(kinds == ["number 12", "text 12", "text 12", "text yes", "text 0x1F", "number 1.50", "null", "bool true", "text 2024-05-01"])
    }

    @Test func emptyDocumentIsNull() {
        let (node, messages) = parseYAML("")
        #expect(messages == [] && node?.isNull == true)
    }

    @Test func hostileInputsAreErrorsNotCrashes() {
        #expect(parseYAML(String(repeating: "[", count: 100_000)).1.first?.contains("nests more than 256 levels") == true)
        #expect(parseYAML(String(repeating: "- ", count: 100_000) + "x").1.first?.contains("nests more than 256 levels") == true)
        let laughs = """
        a: &a [x, x, x, x, x, x, x, x, x, x]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
        e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
        f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
        g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
        """
        #expect(parseYAML(laughs).1 == ["f.yaml:1: error: the YAML expands to more than 2000000 values (through aliases?)"])
        #expect(parseYAML("a: *nothing").1.first?.contains("error: invalid YAML") == true)
        #expect(parseYAML("a: \u{0}b").1.first?.contains("error: invalid YAML") == true)
        #expect(parseYAML("a:\n\t- b").1 == ["f.yaml:2:1: error: invalid YAML: a tab cannot indent or separate YAML (use spaces)"])
        #expect(parseYAML("--- a\n--- b\n").1.first?.contains("error: invalid YAML") == true)
        #expect(parseYAML("? [a]\n: b\n").1 == ["f.yaml:1:3: error: a key must be text, found a list"])
    }
}

@Suite struct JSONReaderTests {
    @Test func valuesAndPositions() throws {
        let (node, messages) = parseJSON("[\n\t{\"id\": \"zhanhua\", \"rate\": 81.45,\n\t \"ok\": true, \"none\": null, \"esc\": \"a\\u00e9\\n\"}\n]")
        #expect(messages == [])
        let record = try #require(node?.items?.first)
        #expect(record.at == "2:2")
        #expect(record["id"]?.at == "2:9")
        guard case .number("81.45")? = record["rate"]?.kind else { Issue.record("rate"); return }
        #expect(record["rate"]?.at == "2:28")
        #expect(record["ok"]?.at == "3:9")
        #expect(record["none"]?.isNull == true)
        #expect(record["esc"]?.text == "aé\n")
    }

    @Test func errorsHaveLineAndColumn() {
        #expect(parseJSON("{\"a\": 1,\n \"b\" 2}").1 == ["f.json:2:6: error: invalid JSON: expected ':' after a key, found '2'"])
        #expect(parseJSON("[1, 2").1 == ["f.json:1:6: error: invalid JSON: expected ',' or ']', found the end of the file"])
        #expect(parseJSON("{\"a\": 1, \"a\": 2}").1 == ["f.json:1:10: error: duplicate key 'a' (first at line 1)"])
        #expect(parseJSON("[01.5.3]").1 == ["f.json:1:2: error: invalid JSON: invalid number '01.5.3'"])
        #expect(parseJSON("\"abc").1 == ["f.json:1:5: error: invalid JSON: unterminated string"])
        #expect(parseJSON("[1] x").1 == ["f.json:1:5: error: invalid JSON: unexpected text after the JSON value"])
        #expect(parseJSON(String(repeating: "[", count: 100_000)).1.first?.contains("nested more than 256 levels") == true)
        #expect(parseJSON("\"\\ud800\"").1.first?.contains("invalid") == true)
    }
}

@Suite struct CSVReaderTests {
    @Test func quotesNewlinesAndPositions() throws {
        let (records, messages) = parseCSV("id,name,note\nzhanhua,\"Zhanhua, County\",\"said \"\"yes\"\"\nand left\"\nfuyuan,富源,\n")
        #expect(messages == [])
        #expect(records.count == 2)
        #expect(records[0]["name"]?.text == "Zhanhua, County")
        #expect(records[0]["name"]?.at == "2:9")
        #expect(records[0]["note"]?.text == "said \"yes\"\nand left")
        #expect(records[0]["note"]?.at == "2:27")
        #expect(records[1].at == "4:1")
        #expect(records[1]["name"]?.at == "4:8")
        #expect(records[1]["note"] == nil) // empty cell = absent
    }

    @Test func bomAndCRLF() throws {
        let (records, messages) = parseCSV("\u{FEFF}id,name\r\na,甲\r\nb,乙\r\n")
        #expect(messages == [])
        #expect(records.map { $0["id"]?.text } == ["a", "b"])
        #expect(records[1]["name"]?.at == "3:3")
        #expect(records[0].fields?.first?.key == "id")
    }

    @Test func dottedHeaderFillsNestedMap() throws {
        let (records, messages) = parseCSV("id,facts.residents,facts.party_members\ndaidong,4200,32\n")
        #expect(messages == [])
        let facts = try #require(records.first?["facts"])
        #expect(facts["residents"]?.text == "4200" && facts["residents"]?.at == "2:9")
        #expect(facts["party_members"]?.text == "32")
    }

    @Test func problems() {
        #expect(parseCSV("a,b\n1,2,3\n4\n5,6\n").1 == [
            "f.csv:2: error: row has 3 fields, the header has 2",
            "f.csv:3: error: row has 1 field, the header has 2",
        ])
        #expect(parseCSV("a,b\n\"1,2\n").1 == ["f.csv:2: error: row has 1 field, the header has 2", "f.csv:2:1: error: unterminated quoted field"])
        #expect(parseCSV("a,a,,b.,b\n").1 == [
            "f.csv:1:3: error: duplicate column 'a' (first at column 1)",
            "f.csv:1:5: error: empty column name in the header",
            "f.csv:1:6: error: invalid column name 'b.'",
        ])
        #expect(parseCSV("a,a.b\n").1 == ["f.csv:1:3: error: column 'a.b' conflicts with column 'a'"])
        #expect(parseCSV("a\n\"x\"y\n").1 == ["f.csv:2:1: error: unexpected text after the closing quote of a field"])
        #expect(parseCSV("").1 == [] && parseCSV("").0.isEmpty)
    }
}

@Suite struct ValueTests {
    @Test func decimalsStayExact() throws {
        let value = try #require(DecimalLiteral.decimal("81.45"))
        #expect(value.description == "81.45")
        #expect(try #require(DecimalLiteral.decimal("0.1")) + #require(DecimalLiteral.decimal("0.2")) == #require(DecimalLiteral.decimal("0.3")))
        #expect(DecimalLiteral.decimal("12abc") == nil)
        #expect(DecimalLiteral.decimal("1e999999") == nil)
        #expect(DecimalLiteral.decimal(String(repeating: "9", count: 50)) == nil)
        #expect(DecimalLiteral.decimal("-.5") == Decimal(string: "-0.5"))
        #expect(DecimalLiteral.fractionDigits("0.08") == 2)
    }

    @Test func dates() {
        #expect(ISODate("2009") != nil && ISODate("2009-07") != nil && ISODate("2009-07-01") != nil)
        #expect(ISODate("2018-06-08T13:47:00Z") != nil && ISODate("2018-06-08T13:47+08:00") != nil)
        #expect(ISODate("2009-13") == nil && ISODate("2009-02-29") == nil && ISODate("2008-02-29") != nil)
        #expect(ISODate("09-07-01") == nil && ISODate("2009-7-1") == nil && ISODate("") == nil)
        #expect(ISODate("2009-07")! < ISODate("2009-07-01")!)
    }

    @Test func localizedTextResolution() {
        let text = LocalizedText(entries: [.init(language: "zh-Hant", text: "沾化縣"), .init(language: "en", text: "Zhanhua County")])
        #expect(text.resolved(for: "en") == "Zhanhua County")
        #expect(text.resolved(for: "zh-Hant") == "沾化縣")
        #expect(text.resolved(for: "zh") == "沾化縣")
        #expect(text.resolved(for: "zh-Hans") == "沾化縣")
        #expect(text.resolved(for: "EN-gb") == "Zhanhua County")
        #expect(text.resolved(for: "fr") == "沾化縣")
        #expect(LocalizedText("x").resolved(for: "en") == "x")
    }
}
