import Foundation
import PlacardDiagnostics
import PlacardMarkdown
import Testing

/// Inputs that scripts/fuzz found giving a place outside the file
/// (Tests/Fuzz/regressions/markdown, read by every run of scripts/fuzz).
@Suite struct MarkdownFuzzRegressionTests {
    static let regressions = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz/regressions/markdown")

    /// What the hook is given for each placard block, and its error at that place.
    func blocks(_ markdown: String) -> (requests: [String], diagnostics: [Diagnostic]) {
        var requests: [String] = []
        let hooks = MarkdownHooks(renderPlacardBlock: { yaml, location in
            requests.append("\(location.line):\(location.column) \(yaml.debugDescription)")
            return .failure(.error("a placard block holds a YAML map such as 'table: commitments'", at: location))
        })
        let diagnostics = Markdown.render(markdown, file: "a.md", hooks: hooks).diagnostics
        return (requests, diagnostics)
    }

    /// An empty placard block opened on the last line of a file (here in a
    /// block quote) was given the line after its fence, which the file does not
    /// have: its error read `a.md:5:3` in a file of four lines. An empty block
    /// now gets its fence's line.
    @Test func anEmptyBlockOnTheLastLineIsAtItsFence() throws {
        // As the fuzzer wrote it, with bytes that are not UTF-8 (the target reads them as U+FFFD).
        let bytes = try Data(contentsOf: Self.regressions.appendingPathComponent("empty-block-on-the-last-line.md"))
        let found = String(decoding: bytes, as: UTF8.self)
        #expect(found.split(separator: "\n", omittingEmptySubsequences: false).count == 4)
        let (requests, diagnostics) = blocks(found)
        #expect(requests == [#"4:3 """#])
        #expect(diagnostics == [.error("a placard block holds a YAML map such as 'table: commitments'", at: SourceLocation(file: "a.md", line: 4, column: 3))])
        #expect(blocks("Text.\n\n```placard").requests == [#"3:1 """#])
        #expect(blocks("```placard\n```\n").requests == [#"1:1 """#])
        // A block with a line keeps the place of its first line.
        #expect(blocks("Text.\n\n```placard\nchart: x").requests == [#"4:1 "chart: x\n""#])
    }
}
