import Foundation
import Testing
@testable import PlacardContent
import PlacardDiagnostics

/// Inputs that once crashed or hung a reader (Tests/Fuzz/regressions, read by
/// every run of scripts/fuzz): each now gives its located error, at once.
@Suite struct FuzzRegressionTests {
    static let regressions = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz/regressions")

    static func regression(_ path: String) throws -> String {
        try String(contentsOf: regressions.appendingPathComponent(path), encoding: .utf8)
    }

    /// A key that is an alias of nine lines expanding to a billion values hung
    /// the reader: Yams hashes every key of a map in full, to find duplicates,
    /// while it builds the tree, and the tree's values were counted after that.
    /// They are now counted from libyaml's events, before the tree is built.
    @Test func aKeyThatExpandsToABillionValuesIsAnErrorNotAHang() throws {
        let laughs = try Self.regression("yaml/alias-key-laughs.yaml")
        let expected = ["f.yaml:1: error: the YAML expands to more than 2000000 values (through aliases?)"]
        #expect(parseYAML(laughs).1 == expected)
        // The same key in a flow map, and as a plain key.
        let lines = laughs.split(separator: "\n").prefix(9).joined(separator: "\n")
        #expect(parseYAML(lines + "\nj: {*i : 1}\n").1 == expected)
        #expect(parseYAML(lines + "\n*i : 1\n").1 == expected)
        // In front matter too (firstLine 2, after the fence).
        #expect(parseYAML(laughs, firstLine: 2).1 == ["f.yaml:2: error: the YAML expands to more than 2000000 values (through aliases?)"])
    }

    /// Counted from the events, values are those of the tree: each scalar,
    /// alias (as what it names) and collection, keys included.
    @Test func expandedValuesAreCountedAsTheTreeHasThem() {
        #expect(YAMLReader.expandedValueCount("a: 1\nb: [x, y]\n", limit: 100) == 7)  // map, a, 1, b, list, x, y
        #expect(YAMLReader.expandedValueCount("a: &l [x, y]\nb: *l\nc: *l\n", limit: 100) == 13)
        #expect(YAMLReader.expandedValueCount("a: &l [x, y]\nb: *l\n", limit: 5) == 6)  // stops just past the limit
        // What was read before the error; an alias of nothing counts as one (Yams reports it).
        #expect(YAMLReader.expandedValueCount("a: [x, *nothing\n", limit: 100) == 5)  // map, a, list, x, *nothing
    }
}
