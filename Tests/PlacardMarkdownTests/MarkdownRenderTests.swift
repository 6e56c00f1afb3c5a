import Testing
import PlacardDiagnostics
import PlacardMarkdown

@Suite struct MarkdownRenderTests {
    @Test func rawHTMLOmittedByDefaultAndKeptWhenUnsafe() {
        let md = "<div class=\"x\">hi</div>\n\nsome <b>bold</b>\n"
        #expect(Markdown.render(md, file: "a.md").html == """
            <!-- raw HTML omitted -->
            <p>some <!-- raw HTML omitted -->bold<!-- raw HTML omitted --></p>

            """)
        #expect(Markdown.render(md, file: "a.md", options: MarkdownOptions(unsafeHTML: true)).html == """
            <div class="x">hi</div>
            <p>some <b>bold</b></p>

            """)
    }

    @Test func javascriptLinkRemovedByDefault() {
        let md = "[x](javascript:alert(1))\n"
        #expect(Markdown.render(md, file: "a.md").html == "<p><a href=\"\">x</a></p>\n")
        #expect(Markdown.render(md, file: "a.md", options: MarkdownOptions(unsafeHTML: true)).html
            == "<p><a href=\"javascript:alert(1)\">x</a></p>\n")
    }

    @Test func smartPunctuationOnlyWhenAsked() {
        let md = "\"Quoted\" -- it's...\n"
        #expect(Markdown.render(md, file: "a.md").html == "<p>&quot;Quoted&quot; -- it's...</p>\n")
        #expect(Markdown.render(md, file: "a.md", options: MarkdownOptions(smartPunctuation: true)).html
            == "<p>“Quoted” – it’s…</p>\n")
    }

    @Test func headingsGetIDsAndStayEscaped() {
        let md = "# Top & <b>bottom</b>\n\n- ## In *a* list\n\nSetext `code`\n---\n"
        let result = Markdown.render(md, file: "a.md", firstLine: 3)
        #expect(result.html == """
            <h1 id="top-bottom">Top &amp; <!-- raw HTML omitted -->bottom<!-- raw HTML omitted --></h1>
            <ul>
            <li>
            <h2 id="in-a-list">In <em>a</em> list</h2>
            </li>
            </ul>
            <h2 id="setext-code">Setext <code>code</code></h2>

            """)
        #expect(result.headings == [
            MarkdownHeading(level: 1, text: "Top & bottom", id: "top-bottom", location: SourceLocation(file: "a.md", line: 3, column: 1)),
            MarkdownHeading(level: 2, text: "In a list", id: "in-a-list", location: SourceLocation(file: "a.md", line: 5, column: 3)),
            MarkdownHeading(level: 2, text: "Setext code", id: "setext-code", location: SourceLocation(file: "a.md", line: 7, column: 1)),
        ])
        #expect(result.title == nil)
    }

    @Test func rawHeadingTagsDoNotConfuseIDs() {
        let md = "<h2>raw</h2>\n\n## Real\n"
        let result = Markdown.render(md, file: "a.md", options: MarkdownOptions(unsafeHTML: true))
        #expect(result.html == "<h2>raw</h2>\n<h2 id=\"real\">Real</h2>\n")
        #expect(result.headings.map(\.id) == ["real"])
    }

    @Test func leadingTitleTakenAndOtherH1Demoted() {
        let md = "# 2009年度 *工作* 總結\n\nText.\n\n# Part one\n\n## Detail\n"
        let result = Markdown.render(md, file: "a.md", takeLeadingTitle: true)
        #expect(result.title == "2009年度 工作 總結")
        #expect(result.html == """
            <p>Text.</p>
            <h2 id="part-one">Part one</h2>
            <h2 id="detail">Detail</h2>

            """)
        #expect(result.headings.map(\.level) == [2, 2])

        // Without takeLeadingTitle nothing moves.
        let kept = Markdown.render(md, file: "a.md")
        #expect(kept.title == nil)
        #expect(kept.headings.map(\.level) == [1, 1, 2])
    }

    @Test func noTitleWhenFirstBlockIsNotALevelOneHeading() {
        let result = Markdown.render("Intro.\n\n# Later\n", file: "a.md", takeLeadingTitle: true)
        #expect(result.title == nil)
        #expect(result.html == "<p>Intro.</p>\n<h2 id=\"later\">Later</h2>\n")
    }

    @Test func invalidUTF8IsReplacedNotACrash() {
        let bytes: [UInt8] = Array("# T\u{00e9}\n\nok ".utf8) + [0xff, 0xfe, 0xc3] + Array(" end\n".utf8) + [0]
        let result = Markdown.render(utf8: bytes, file: "bad.md")
        #expect(result.html == "<h1 id=\"té\">Té</h1>\n<p>ok \u{FFFD}\u{FFFD}\u{FFFD} end\n\u{FFFD}</p>\n")
        #expect(Markdown.render(utf8: [], file: "empty.md").html == "")
    }
}
