import Foundation
import Testing

@testable import PlacardSite

/// A site saved by Windows (CRLF) or old Mac (CR) editors builds exactly as
/// the same site saved with LF: its front matter, YAML, CSV, JSON, Markdown
/// and templates are read alike.
@Suite struct LineEndingTests {
    /// The files Placard reads as text; the rest (images, PDFs, stylesheets) are published as they are.
    static let textExtensions: Set<String> = ["md", "yaml", "yml", "csv", "json", "mustache"]

    /// Copies `Content/` and `Templates/` of `site` to `target`, every LF of a text file turned into `lineBreak`.
    static func copy(_ site: URL, to target: URL, lineBreak: String) throws -> Int {
        var converted = 0
        for folder in ["Content", "Templates"] {
            let root = site.appendingPathComponent(folder)
            for (path, data) in tree(root) {
                var data = data
                if textExtensions.contains((path as NSString).pathExtension) {
                    let text = String(decoding: data, as: UTF8.self)
                    #expect(!text.contains("\r"), "\(folder)/\(path) is not saved with LF")
                    data = Data(text.replacingOccurrences(of: "\n", with: lineBreak).utf8)
                    converted += 1
                }
                let url = target.appendingPathComponent(folder).appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
        }
        return converted
    }

    /// The site built from an LF copy and from a copy with `lineBreak`: both outputs, and whether the second
    /// reported the same problems (warnings here) at the same lines and columns.
    static func builds(of site: URL, lineBreak: String, now: Date) throws -> (lf: [String: Data], other: [String: Data], sameProblems: Bool) {
        let folder = try temporaryFolder("line-endings-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let lf = folder.appendingPathComponent("lf"), other = folder.appendingPathComponent("other")
        _ = try copy(site, to: lf, lineBreak: "\n")
        #expect(try copy(site, to: other, lineBreak: lineBreak) > 10)
        let lfResult = build(lf, into: lf.appendingPathComponent("Output"), now: now)
        let otherResult = build(other, into: other.appendingPathComponent("Output"), now: now)
        #expect(lfResult.succeeded)
        #expect(otherResult.diagnostics.map(\.description) == lfResult.diagnostics.map(\.description))
        return (tree(lf.appendingPathComponent("Output")), tree(other.appendingPathComponent("Output")),
                otherResult.diagnostics.map(\.description) == lfResult.diagnostics.map(\.description))
    }

    @Test(arguments: ["\r\n", "\r"])
    func theExampleSiteBuildsTheSameBytes(lineBreak: String) throws {
        // The example site has warnings of its own (survey figures): the same ones, at the same places.
        let (lf, other, sameProblems) = try Self.builds(of: packageRoot, lineBreak: lineBreak, now: goldenNow)
        #expect(sameProblems)
        #expect(lf.count > 80)
        #expect(differences(other, lf) == [])
        // Its draft (reports/2010-summary.md, draft: true) stays out: no page, no search entry, no sitemap line.
        #expect(!other.keys.contains { $0.contains("2010-summary") })
        let draftSummary = "2010年度總結的草稿"
        #expect(!other.contains { String(decoding: $0.value, as: UTF8.self).contains(draftSummary) || String(decoding: $0.value, as: UTF8.self).contains("2010-summary") })
    }

    @Test(arguments: ["\r\n", "\r"])
    func theEnglishSiteBuildsTheSameBytes(lineBreak: String) throws {
        let site = testsFolder.appendingPathComponent("Fixtures/english-site")
        let (lf, other, sameProblems) = try Self.builds(of: site, lineBreak: lineBreak, now: Date(timeIntervalSince1970: 1_763_164_800))
        #expect(sameProblems)
        #expect(lf.count > 30)
        #expect(differences(other, lf) == [])
    }

    @Test func templatesSavedWithABOMOrAsUTF16RenderTheSame() throws {
        let site = testsFolder.appendingPathComponent("Fixtures/english-site")
        let folder = try temporaryFolder()
        let plain = folder.appendingPathComponent("plain"), marked = folder.appendingPathComponent("marked")
        _ = try Self.copy(site, to: plain, lineBreak: "\n")
        _ = try Self.copy(site, to: marked, lineBreak: "\n")
        let themeFolder = packageRoot.appendingPathComponent("Templates")
        let page = try String(contentsOf: themeFolder.appendingPathComponent("page.mustache"), encoding: .utf8)
        let layout = try String(contentsOf: themeFolder.appendingPathComponent("layout.mustache"), encoding: .utf8)
        try makeSite(["Templates/page.mustache": page, "Templates/layout.mustache": layout], in: plain)
        try makeSite(["Templates/layout.mustache": ""], in: marked)
        // page: UTF-16LE with its BOM and CRLF (made by Swift's utf16 view); layout: UTF-8 with a BOM.
        let utf16: [UInt8] = [0xFF, 0xFE] + page.replacingOccurrences(of: "\n", with: "\r\n").utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        try Data(utf16).write(to: marked.appendingPathComponent("Templates/page.mustache"))
        try Data([0xEF, 0xBB, 0xBF] + Array(layout.utf8)).write(to: marked.appendingPathComponent("Templates/layout.mustache"))
        let now = Date(timeIntervalSince1970: 1_763_164_800)
        #expect(build(plain, into: plain.appendingPathComponent("Output"), now: now).succeeded)
        let result = build(marked, into: marked.appendingPathComponent("Output"), now: now)
        #expect(result.diagnostics.map(\.description) == [])
        #expect(differences(tree(marked.appendingPathComponent("Output")), tree(plain.appendingPathComponent("Output"))) == [])
    }

    @Test(arguments: ["\r\n", "\r"])
    func aDraftSavedOnWindowsOrOldMacStaysUnpublished(lineBreak: String) throws {
        let draft = "---\ntitle: Secret plan\ndraft: true\n---\n# Secret plan\n\nHidden words.\n".replacingOccurrences(of: "\n", with: lineBreak)
        let (result, files) = try site([
            "Content/site.yaml": "title: T\nlanguage: en\nbase_url: https://example.org/\n".replacingOccurrences(of: "\n", with: lineBreak),
            "Content/index.md": "# Home\n\nWelcome.\n".replacingOccurrences(of: "\n", with: lineBreak),
            "Content/plan.md": draft,
        ])
        #expect(result.succeeded, "\(result.diagnostics.map(\.description))")
        #expect(files["index.html"].map { String(decoding: $0, as: UTF8.self).contains("Welcome.") } == true)
        #expect(files["sitemap.xml"] != nil)
        #expect(files.count > 3)
        for (path, data) in files {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!path.contains("plan") && !text.contains("Secret plan") && !text.contains("Hidden words") && !text.contains("plan/"), "\(path)")
        }
    }
}
