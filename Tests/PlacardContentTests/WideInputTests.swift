import Foundation
import Testing
@testable import PlacardContent
import PlacardDiagnostics

/// Wide input is read in time linear in its size: a header of 100,000 columns
/// took 174 s when each column was compared with every column before it. These
/// tests check what is read; the time is measured by `placard-bench --wide-csv 100000`.
@Suite struct WideInputTests {
    static let width = 100_000

    /// Where each of `cells` starts on its line (columns from 1), counted here by hand.
    static func columns(of cells: [String]) -> [Int] {
        var columns: [Int] = []
        var column = 1
        for cell in cells {
            columns.append(column)
            column += cell.count + 1
        }
        return columns
    }

    @Test func aHeaderOf100000ColumnsIsRead() throws {
        let names = (0..<Self.width).map { "c\($0)" }
        let values = (0..<Self.width).map { "v\($0)" }
        let (records, messages) = parseCSV(names.joined(separator: ",") + "\n" + values.joined(separator: ",") + "\n")
        #expect(messages == [])
        let record = try #require(records.first)
        #expect(records.count == 1)
        let at = Self.columns(of: values)
        for index in [0, 1, 50_000, Self.width - 1] {
            #expect(record["c\(index)"]?.text == "v\(index)")
            #expect(record["c\(index)"]?.at == "2:\(at[index])")
        }
        var diagnostics = Diagnostics()
        let fields = try #require(RecordFields(record, diagnostics: &diagnostics))
        #expect(fields.fields.map(\.key) == names)
        #expect(fields.string("c99999", &diagnostics) == "v99999")
    }

    @Test func wideDottedColumnsMakeOneWideNestedMap() throws {
        let names = ["id"] + (0..<Self.width).map { "g.c\($0)" }
        let values = ["x"] + (0..<Self.width).map { "\($0)" }
        let (records, messages) = parseCSV(names.joined(separator: ",") + "\n" + values.joined(separator: ",") + "\n")
        #expect(messages == [])
        let record = try #require(records.first)
        #expect(record.fields?.map(\.key) == ["id", "g"])
        let group = try #require(record["g"])
        #expect(group.fields?.count == Self.width)
        #expect(group.fields?.last?.key == "c99999")
        #expect(group["c99999"]?.text == "99999")
        // The nested map is placed where its first column's value is.
        #expect(group.at == "2:3")
    }

    @Test func duplicatesAndConflictsInAWideHeaderAreFoundWhereverTheyAre() {
        let names = (0..<Self.width).map { "c\($0)" } + ["c5", "c7.x", "g.h.i", "g.h", "g", "c99999"]
        let at = Self.columns(of: names)
        let (_, messages) = parseCSV(names.joined(separator: ",") + "\n")
        #expect(messages == [
            "f.csv:1:\(at[Self.width]): error: duplicate column 'c5' (first at column \(at[5]))",
            "f.csv:1:\(at[Self.width + 1]): error: column 'c7.x' conflicts with column 'c7'",
            "f.csv:1:\(at[Self.width + 3]): error: column 'g.h' conflicts with column 'g.h.i'",
            "f.csv:1:\(at[Self.width + 4]): error: column 'g' conflicts with column 'g.h.i'",
            "f.csv:1:\(at[Self.width + 5]): error: duplicate column 'c99999' (first at column \(at[Self.width - 1]))",
        ])
    }

    /// A record's map is walked recursively later on: a column name may nest as
    /// deep as JSON and YAML may (256 levels), not 100,000 (which overflowed the stack).
    @Test func aColumnNameNestingTooDeepIsAnError() throws {
        let deep = Array(repeating: "a", count: 100_000).joined(separator: ".")
        let (records, messages) = parseCSV("id,\(deep)\nx,1\n")
        #expect(messages == ["f.csv:1:4: error: column name '\(String(deep.prefix(57)))...' nests more than 256 levels deep"])
        #expect(records.first?.fields?.map(\.key) == ["id"])
        let deepest = Array(repeating: "a", count: 256).joined(separator: ".")
        let (kept, none) = parseCSV("id,\(deepest)\nx,1\n")
        #expect(none == [])
        var node = try #require(kept.first?["a"])
        for _ in 1..<255 { node = try #require(node["a"]) }
        #expect(node["a"]?.text == "1")
    }

    @Test func aConflictIsFoundInEitherOrder() {
        #expect(parseCSV("a.b,a\n").1 == ["f.csv:1:5: error: column 'a' conflicts with column 'a.b'"])
        #expect(parseCSV("a,a.b.c\n").1 == ["f.csv:1:3: error: column 'a.b.c' conflicts with column 'a'"])
        #expect(parseCSV("a.b,a.c,a.b.c\n").1 == ["f.csv:1:9: error: column 'a.b.c' conflicts with column 'a.b'"])
    }

    @Test func wideJSONAndYAMLMapsAreRead() throws {
        let keys = (0..<Self.width).map { "k\($0)" }
        let json = "{" + keys.map { "\"\($0)\": 1" }.joined(separator: ", ") + "}"
        let (object, jsonMessages) = parseJSON(json)
        #expect(jsonMessages == [])
        #expect(object?.fields?.map(\.key) == keys)
        let yaml = keys.map { "\($0): 1" }.joined(separator: "\n") + "\n"
        let (map, yamlMessages) = parseYAML(yaml)
        #expect(yamlMessages == [])
        #expect(map?.fields?.count == Self.width)
        #expect(map?["k99999"]?.at == "100000:9")
    }
}
