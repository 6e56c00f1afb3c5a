import Foundation
import Testing

import PropertyBased
@testable import PlacardSite

private func page(_ files: [String: String], _ path: String, now: Date = goldenNow, configure: (inout BuildOptions) -> Void = { _ in }) throws -> String {
    let site = try temporaryFolder(UUID().uuidString)
    try makeSite(files, in: site)
    let output = site.appendingPathComponent("Output")
    let result = build(site, into: output, now: now, configure: configure)
    #expect(result.succeeded, "\(result.diagnostics.map(\.description))")
    return tree(output)[path].map { String(decoding: $0, as: UTF8.self) } ?? ""
}

@Test func draftsArePublishedOnlyWhenAskedFor() throws {
    let files = ["Content/site.yaml": "title: T\n", "Content/wip.md": "---\ndraft: true\n---\n# Work in progress\n"]
    #expect(try page(files, "wip/index.html") == "")
    #expect(try page(files, "wip/index.html") { $0.includeDrafts = true }.contains("<h1>Work in progress</h1>"))
}

@Test func aNoticeIsOpenOrClosedAgainstTheBuildDate() throws {
    let files = [
        "Content/site.yaml": "title: T\nlanguage: en\n",
        "Content/notices/n.md": "---\ntitle: N\nkind: notice\nnotice: {from: 2026-01-05, to: 2026-01-12}\n---\nText.\n",
    ]
    let during = try page(files, "notices/n/index.html", now: Date(timeIntervalSince1970: 1_767_916_800))  // 2026-01-09
    #expect(during.contains("<p class=\"notice-state\"><strong>Open for comment</strong></p>"))
    let after = try page(files, "notices/n/index.html", now: Date(timeIntervalSince1970: 1_768_262_400))  // 2026-01-13
    #expect(after.contains("<p class=\"notice-state\"><strong>Closed</strong></p>"))
    #expect(after.contains("Notice period: <time datetime=\"2026-01-05\">5 January 2026</time> – <time datetime=\"2026-01-12\">12 January 2026</time>"))
}

@Test func linksBetweenMarkdownFilesBecomeRelativeLinksToTheirPages() throws {
    let files = [
        "Content/site.yaml": "title: T\n",
        "Content/a/b.md": "# B\n\n[c](../c.md#part-two) [home](../index.md) [pdf](files/x.pdf) [out](https://example.org/)\n",
        "Content/a/files/x.pdf": "%PDF",
        "Content/c.md": "# C\n\n## Part two\n",
        "Content/index.md": "# Home\n",
    ]
    let html = try page(files, "a/b/index.html")
    #expect(html.contains("<a href=\"../../c/#part-two\">c</a> <a href=\"../../\">home</a> <a href=\"../../a/files/x.pdf\">pdf</a> <a href=\"https://example.org/\">out</a>"))
    let fileURLs = try page(files, "a/b/index.html") { $0.fileURLs = true }
    #expect(fileURLs.contains("<a href=\"../../c/index.html#part-two\">c</a> <a href=\"../../index.html\">home</a>"))
}

@Test func rawHTMLIsOmittedUnlessTheSiteAsksForIt() throws {
    let body = "# P\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))\n"
    let safe = try page(["Content/site.yaml": "title: T\n", "Content/p.md": body], "p/index.html")
    #expect(!safe.contains("<script>alert"))
    #expect(safe.contains("<!-- raw HTML omitted -->"))
    #expect(safe.contains("<a href=\"\">x</a>"))
    let unsafe = try page(["Content/site.yaml": "title: T\nunsafe_html: true\n", "Content/p.md": body], "p/index.html")
    #expect(unsafe.contains("<script>alert(1)</script>"))
}

@Test func valuesFromDataAndFrontMatterAreEscaped() throws {
    let html = try page([
        "Content/site.yaml": "title: \"A & B <i>\"\npublisher: \"<b>P</b>\"\n",
        "Content/p.md": "---\ntitle: \"<script>x</script>\"\nsummary: \"\\\"quoted\\\" & <em>\"\n---\nBody.\n",
    ], "p/index.html")
    #expect(html.contains("<title>&lt;script&gt;x&lt;/script&gt; · A &amp; B &lt;i&gt;</title>"))
    #expect(html.contains("<meta name=\"description\" content=\"&quot;quoted&quot; &amp; &lt;em&gt;\">"))
    #expect(html.contains("<p class=\"site-publisher\">&lt;b&gt;P&lt;/b&gt;</p>"))
    #expect(!html.contains("<script>x"))
}

@Test func aLongPageGetsATableOfContentsAndOneH1() throws {
    let html = try page([
        "Content/site.yaml": "title: T\n",
        "Content/p.md": "# 標題\n\n## 第一\n\n### 細節\n\n## 第二\n\n# Another top\n",
    ], "p/index.html")
    #expect(html.components(separatedBy: "<h1").count == 2)
    #expect(html.contains("<li><a href=\"#第一\">第一</a><ol><li><a href=\"#細節\">細節</a></li></ol></li>"))
    #expect(html.contains("<h2 id=\"another-top\">Another top</h2>"))
}

@Test func theFeedAndSitemapExistOnlyWithABaseURL() throws {
    let base = ["Content/site.yaml": "title: T\nbase_url: https://example.org/x\n", "Content/r.md": "---\nkind: report\ndate: 2026-01-02\n---\n# R\n"]
    let feed = try page(base, "feed.xml")
    #expect(feed.contains("<id>https://example.org/x/r/</id>"))
    #expect(feed.contains("<published>2026-01-02T00:00:00Z</published>"))
    #expect(try page(base, "sitemap.xml").contains("<loc>https://example.org/x/r/</loc>"))
    #expect(try page(base, "robots.txt") == "User-agent: *\nAllow: /\nSitemap: https://example.org/x/sitemap.xml\n")
    #expect(try page(["Content/site.yaml": "title: T\n"], "feed.xml") == "")
}

@Test func longSiteFilesAreHandedOverInChunksThatJoinToTheWholeText() {
    var chunks: [[UInt8]] = []
    ChunkedText.write(chunk: 8, to: { chunks.append($0) }) { text in
        for part in ["<a>", "長文字", "", "0123456789", "z"] { text += part }
    }
    #expect(chunks.map { String(decoding: $0, as: UTF8.self) } == ["<a>長文字", "0123456789", "z"])
}

@Test func initMakesASiteThatBuildsAtOnce() throws {
    let folder = try temporaryFolder()
    try NewSite.write(to: folder, language: "zh-Hant")
    let result = build(folder, into: folder.appendingPathComponent("Output"))
    #expect(result.diagnostics.map(\.description) == [])
    #expect(result.pageCount > 2)
    #expect(throws: NewSite.Problem.self) { try NewSite.write(to: folder, language: "en") }
}

/// A Simplified Chinese site is written in Simplified characters: none of the
/// Traditional forms of the words it uses (我們 網站 辦公室 縣 鄉 責任 歡迎 …).
@Test func initInSimplifiedChineseWritesSimplifiedCharacters() throws {
    let folder = try temporaryFolder()
    try NewSite.write(to: folder, language: "zh-Hans")
    let traditional = Set("們網辦縣鄉責諾與況歡這個編輯檔後執內寫裡")
    for (path, data) in tree(folder.appendingPathComponent("Content")) {
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.filter { traditional.contains($0) } == "", "\(path)")
    }
    let site = try String(contentsOf: folder.appendingPathComponent("Content/site.yaml"), encoding: .utf8)
    #expect(site.contains("title: 我们的公示网站\nlanguage: zh-Hans\n"))
    #expect(build(folder, into: folder.appendingPathComponent("Output")).diagnostics.map(\.description) == [])
}

@Test func aLongNavigationIsCappedAndTheHomePageListsEverything() throws {
    var files = ["Content/site.yaml": "title: T\nlanguage: en\n", "Content/index.md": "# Home\n"]
    for n in 1...12 { files["Content/section\(String(format: "%02d", n))/page.md"] = "# Page \(n)\n" }
    let home = try page(files, "index.html")
    let nav = home.components(separatedBy: "<nav class=\"site-nav\"")[1].components(separatedBy: "</nav>")[0]
    #expect(nav.contains(">section10<"))
    #expect(!nav.contains(">section11<"))
    let list = home.components(separatedBy: "id=\"placard-list-pages\"")[1]
    #expect(list.contains("<a href=\"section11/\">section11</a>") && list.contains("<a href=\"section12/\">section12</a>"))
}

/// Links are made on bytes: the way back to the root counts the same folders as
/// splitting the address, and an address with nothing to escape is kept as it is.
@Test func linksCountFoldersAndEscapeAsBefore() async {
    let addresses = Addresses(fileURLs: false)
    func splitRoot(_ page: String) -> String {
        let depth = page.split(separator: "/").count - (page.hasSuffix("/") || page.isEmpty ? 0 : 1)
        return depth == 0 ? "./" : String(repeating: "../", count: depth)
    }
    await propertyCheck(count: 500, input: Gen.element(of: ["a", "/", "b.html", "名", "-", " "]).array(of: 0...8)) { parts in
        let page = parts.compactMap { $0 }.joined()
        #expect(addresses.root(from: page) == splitRoot(page), "\(page)")
    }
    #expect(addresses.link(from: "orgs/t001/", to: "orgs/t001-v001/") == "../../orgs/t001-v001/")
    #expect(addresses.link(from: "", to: "reports/年報 2024/", fragment: "第一") == "reports/%E5%B9%B4%E5%A0%B1%202024/#%E7%AC%AC%E4%B8%80")
    #expect(addresses.percentEncoded("a~b_c.d/e-f") == "a~b_c.d/e-f")
}

/// A link with a scheme is left as written; anything else is a path in the site.
@Test(arguments: [
    ("https://example.org/", true), ("mailto:office@example.org", true), ("tel:+8613800000000", true),
    ("c++.x-y:z", true), ("HTTP://EXAMPLE.ORG", true),
    ("reports/2009.md", false), ("../orgs/fuyuan/", false), ("#top", false), ("", false),
    (":no-scheme", false), ("1http://x", false), ("a b:c", false), ("é:x", false), ("a/b:c", false), ("http", false),
])
func aLinkHasASchemeOnlyAsRFC3986SpellsOne(link: String, hasScheme: Bool) {
    #expect(NarrativePages.hasScheme(link) == hasScheme)
}
