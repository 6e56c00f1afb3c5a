import Foundation
import Testing
import PlacardMarkdown

/// Without hooks, Placard's output must be byte-identical to `cmark --unsafe`
/// (CommonMark 0.30 spec examples) apart from the ids on headings.
@Suite struct CommonMarkSpecTests {
    struct Example: Decodable {
        var example: Int
        var section: String
        var markdown: String
        var html: String
    }

    /// `<package root>/../shared/testdata/commonmark-spec.json`.
    static let specURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // PlacardMarkdownTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("../shared/testdata/commonmark-spec.json")
        .standardizedFileURL

    @Test func allExamplesMatchCmark() throws {
        // A missing file is a failure, not a skip.
        let data = try Data(contentsOf: Self.specURL)
        let examples = try JSONDecoder().decode([Example].self, from: data)
        #expect(examples.count == 652)

        var failing: [Int] = []
        for example in examples {
            let rendered = Markdown.render(
                example.markdown, file: "spec.md", firstLine: 1,
                options: MarkdownOptions(unsafeHTML: true, smartPunctuation: false),
                hooks: MarkdownHooks(), takeLeadingTitle: false)
            if stripHeadingIDs(rendered.html) != example.html {
                failing.append(example.example)
            }
        }
        #expect(failing.isEmpty, "failing examples: \(failing)")
    }

    @Test func stripsOnlyHeadingIDs() {
        #expect(stripHeadingIDs("<h2 id=\"a-b\">x</h2>\n<p id=\"k\">") == "<h2>x</h2>\n<p id=\"k\">")
    }
}

/// Removes ` id="..."` from `<h1>`…`<h6>` opening tags.
func stripHeadingIDs(_ html: String) -> String {
    var out = ""
    var rest = Substring(html)
    while let open = rest.range(of: "<h") {
        out += rest[..<open.upperBound]
        rest = rest[open.upperBound...]
        guard let digit = rest.first, ("1"..."6").contains(digit) else { continue }
        let afterDigit = rest.index(after: rest.startIndex)
        guard rest[afterDigit...].hasPrefix(" id=\""),
              let close = rest[afterDigit...].dropFirst(5).firstIndex(of: "\"") else { continue }
        out.append(digit)
        rest = rest[rest.index(after: close)...]
    }
    return out + rest
}
