import Testing
import PlacardDiagnostics
import PlacardMarkdown

@Suite struct MarkdownHooksTests {
    @Test func linksRewrittenAndErrorsAtFileLines() {
        let md = """
            Intro with [inline](other.md) and
            a ![picture](img/a.png "Title").
            Broken [link](missing.md) here,
            [ref] and <https://example.org>.

            [ref]: ../ref.md
            """
        var seen: [String] = []
        let hooks = MarkdownHooks(resolveLink: { destination, location in
            seen.append("\(destination)@\(location.line)")
            switch destination {
            case "other.md": return .replace("../other/")
            case "../ref.md": return .replace("../../ref/")
            case "missing.md": return .error("no page missing.md")
            default: return .keep
            }
        })
        let result = Markdown.render(md, file: "Content/a.md", firstLine: 5, hooks: hooks)
        #expect(seen == ["other.md@5", "img/a.png@6", "missing.md@7", "../ref.md@8", "https://example.org@8"])
        #expect(result.diagnostics == [.error("no page missing.md", at: SourceLocation(file: "Content/a.md", line: 7, column: 8))])
        #expect(result.html == """
            <p>Intro with <a href="../other/">inline</a> and
            a <img src="img/a.png" alt="picture" title="Title" />.
            Broken <a href="missing.md">link</a> here,
            <a href="../../ref/">ref</a> and <a href="https://example.org">https://example.org</a>.</p>

            """)
    }

    @Test func lineCountingSurvivesWhatCmarkMiscounts() {
        // cmark 0.30 gives wrong lines for these inline nodes; Placard counts them itself.
        let md = """
            [r]: /r
            after def [a](a)

            <span
            class="x"></span> [b](b) [multi
            line](c)

            A [t](t "two
            lines") [d](d)
            """
        var lines: [String: Int] = [:]
        _ = Markdown.render(md, file: "a.md", firstLine: 1, hooks: MarkdownHooks(resolveLink: { destination, location in
            lines[destination] = location.line
            return .keep
        }))
        #expect(lines == ["a": 2, "b": 5, "c": 5, "t": 8, "d": 9])
    }

    @Test func placardBlockAndFigureReplaced() {
        let md = """
            # Report

            ```placard
            table: commitments
            org: zhanhua
            ```

            Fulfilled: `=commitments.fulfilled org=zhanhua`, plain `code`.

            ```yaml
            not: ours
            ```
            """
        var requests: [String] = []
        let hooks = MarkdownHooks(
            renderPlacardBlock: { yaml, location in
                requests.append("block@\(location.line):\(location.column) \(yaml)")
                return .success("<table class=\"placard\"><tr><td>42</td></tr></table>")
            },
            renderFigure: { expression, location in
                requests.append("figure@\(location.line):\(location.column) \(expression)")
                return .success("<span class=\"figure\">87%</span>")
            })
        let result = Markdown.render(md, file: "a.md", firstLine: 4, hooks: hooks)
        #expect(requests == [
            "block@7:1 table: commitments\norg: zhanhua\n",
            "figure@11:13 commitments.fulfilled org=zhanhua",
        ])
        #expect(result.diagnostics.isEmpty)
        #expect(result.html == """
            <h1 id="report">Report</h1>
            <table class="placard"><tr><td>42</td></tr></table>
            <p>Fulfilled: <span class="figure">87%</span>, plain <code>code</code>.</p>
            <pre><code class="language-yaml">not: ours
            </code></pre>

            """)
    }

    @Test func hookErrorsBecomeDiagnosticsAndNodesStay() {
        let md = "Intro.\n\n```placard\nbogus: 1\n```\n\nSee `=nope.figure`.\n"
        let hooks = MarkdownHooks(
            renderPlacardBlock: { _, location in
                .failure(.error("unknown key bogus", at: location))
            },
            renderFigure: { expression, location in
                .failure(.error("unknown figure \(expression)", at: location))
            })
        let result = Markdown.render(md, file: "n.md", firstLine: 10, hooks: hooks)
        #expect(result.diagnostics == [
            .error("unknown key bogus", at: SourceLocation(file: "n.md", line: 13, column: 1)),
            .error("unknown figure nope.figure", at: SourceLocation(file: "n.md", line: 16, column: 6)),
        ])
        #expect(result.html == """
            <p>Intro.</p>
            <pre><code class="language-placard">bogus: 1
            </code></pre>
            <p>See <code>=nope.figure</code>.</p>

            """)
    }

    @Test func hookOutputIsVerbatimEvenWhenSafe() {
        let hooks = MarkdownHooks(
            renderPlacardBlock: { _, _ in .success("<svg><script>x</script></svg>") },
            renderFigure: { _, _ in .success("<b>1</b>") })
        let result = Markdown.render("```placard\n```\n\n`=x` <i>raw</i>\n", file: "a.md", hooks: hooks)
        #expect(result.html == "<svg><script>x</script></svg>\n<p><b>1</b> <!-- raw HTML omitted -->raw<!-- raw HTML omitted --></p>\n")
    }

    @Test func withoutHooksNodesAreLeftAlone() {
        let result = Markdown.render("```placard\na: 1\n```\n\n`=x`\n", file: "a.md")
        #expect(result.html == "<pre><code class=\"language-placard\">a: 1\n</code></pre>\n<p><code>=x</code></p>\n")
    }

    @Test func titleContentIsNotPassedToHooks() {
        var calls = 0
        let hooks = MarkdownHooks(resolveLink: { _, _ in calls += 1; return .keep })
        let result = Markdown.render("# See [x](y)\n\n[z](w)\n", file: "a.md", hooks: hooks, takeLeadingTitle: true)
        #expect(result.title == "See x")
        #expect(calls == 1)
        #expect(result.html == "<p><a href=\"w\">z</a></p>\n")
    }
}
