import Foundation
import Testing

@testable import PlacardServe

private func injected(_ html: String) -> String {
    String(decoding: ReloadScript.inject(into: Data(html.utf8)), as: UTF8.self)
}

@Test func theScriptGoesBeforeTheLastClosingBody() {
    #expect(injected("<html><body><p>x</p></body></html>\n") == "<html><body><p>x</p>" + ReloadScript.tag + "</body></html>\n")
    #expect(injected("<BODY>x</BODY>") == "<BODY>x" + ReloadScript.tag + "</BODY>")
    #expect(injected("<p>&lt;/body&gt;</p></body></body>") == "<p>&lt;/body&gt;</p></body>" + ReloadScript.tag + "</body>")
}

@Test func aPageWithoutClosingBodyGetsTheScriptAtTheEnd() {
    #expect(injected("<p>fragment</p>") == "<p>fragment</p>" + ReloadScript.tag)
    #expect(injected("") == ReloadScript.tag)
}

@Test func injectionKeepsEveryOtherByte() {
    // Not valid UTF-8: the bytes around the script must come through unchanged.
    let page = Data([0xFF, 0xFE]) + Data("中文</body>".utf8)
    let result = ReloadScript.inject(into: page)
    #expect(result == Data([0xFF, 0xFE]) + Data("中文".utf8) + Data(ReloadScript.tag.utf8) + Data("</body>".utf8))
}

@Test func theScriptListensForReloadAndShowsProblemsAsText() {
    #expect(ReloadScript.tag.contains("new EventSource(\"/_placard/events\")"))
    #expect(ReloadScript.tag.contains("addEventListener(\"reload\""))
    // Back after the server restarted: the new server built afresh.
    #expect(ReloadScript.tag.contains("addEventListener(\"open\", function () { if (lost) location.reload(); })"))
    #expect(ReloadScript.tag.contains("box.textContent ="))
    #expect(!ReloadScript.tag.contains("innerHTML"))
}

@Test func eventsHaveADataLinePerLine() {
    #expect(ReloadEvents.format("reload", data: "") == "event: reload\ndata: \n\n")
    #expect(ReloadEvents.format("error", data: "a.md:1:2: error: x\r\nb.md: error: y") == "event: error\ndata: a.md:1:2: error: x\ndata: b.md: error: y\n\n")
}

@Test func contentTypesByExtension() {
    let expected = [
        "a/index.html": "text/html; charset=utf-8",
        "assets/style.css": "text/css; charset=utf-8",
        "assets/search.js": "text/javascript; charset=utf-8",
        "data.json": "application/json",
        "feed.xml": "application/xml",
        "chart.svg": "image/svg+xml",
        "logo.png": "image/png",
        "photo.JPG": "image/jpeg",
        "table.csv": "text/csv; charset=utf-8",
        "robots.txt": "text/plain; charset=utf-8",
        "report.pdf": "application/pdf",
        "font.woff2": "font/woff2",
        "README": "application/octet-stream",
        "archive.zip": "application/octet-stream",
    ]
    for (path, type) in expected {
        #expect(ContentType.of(path) == type, "\(path)")
    }
}
