import Testing
import PlacardMarkdown

@Suite struct SlugTests {
    @Test func keepsChineseAndOtherScripts() {
        #expect(Markdown.slug("2009年 工作總結!") == "2009年-工作總結")
        #expect(Markdown.slug("基層黨建：工作、總結。") == "基層黨建工作總結")
        #expect(Markdown.slug("Ελληνικά Κείμενα") == "ελληνικά-κείμενα")
    }

    @Test func lowercasesAndJoinsSeparators() {
        #expect(Markdown.slug("Hello, World -- Again") == "hello-world-again")
        #expect(Markdown.slug("  snake_case\tand  tabs ") == "snake-case-and-tabs")
        #expect(Markdown.slug("Version 1.2 (beta)") == "version-12-beta")
    }

    @Test func emptyBecomesSection() {
        #expect(Markdown.slug("") == "section")
        #expect(Markdown.slug("!?…") == "section")
    }

    @Test func duplicateHeadingsGetSuffixes() {
        let md = "## Intro\n\n## Intro\n\n## Intro-1\n\n## Intro\n\n## !!!\n"
        let result = Markdown.render(md, file: "a.md")
        #expect(result.headings.map(\.id) == ["intro", "intro-1", "intro-1-1", "intro-2", "section"])
        #expect(result.html == """
            <h2 id="intro">Intro</h2>
            <h2 id="intro-1">Intro</h2>
            <h2 id="intro-1-1">Intro-1</h2>
            <h2 id="intro-2">Intro</h2>
            <h2 id="section">!!!</h2>

            """)
    }
}

/// The slug keeps these ranges without looking up their category: every scalar in them must be a letter.
@Test func everyCJKIdeographTheSlugKeepsUnlookedIsALetter() {
    let ranges: [ClosedRange<UInt32>] = [0x3400...0x4DBF, 0x4E00...0x9FFF]
    let others = ranges.flatMap { $0 }.filter { Unicode.Scalar($0)!.properties.generalCategory != .otherLetter }
    #expect(others.isEmpty, "\(others.prefix(5).map { String($0, radix: 16) })")
}
