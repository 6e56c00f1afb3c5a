import Foundation
import PlacardContent
import PlacardDiagnostics
import PlacardMarkdown
@testable import PlacardSite
import PlacardTemplates

/// Markdown with Placard's directives, rendered as a narrative's body is:
/// links resolved, ```` ```placard ```` blocks (tables, inline CSV, charts)
/// and `` `=figure` `` spans computed, against one fixed site loaded once:
/// the site folder in PLACARD_FUZZ_SITE (scripts/fuzz gives the example site).
func fuzzMarkdown(_ bytes: UnsafeRawBufferPointer) -> [Diagnostic] {
    let body = String(decoding: bytes, as: UTF8.self)
    var narrative = FixedSite.shared.narrative
    narrative.body = body
    let result = FixedSite.shared.pages.markdown(narrative, options: FixedSite.shared.pages.markdownOptions)
    checkLocated(result.diagnostics, in: body, "markdown")
    return result.diagnostics
}

private struct FixedSite: @unchecked Sendable {
    let pages: NarrativePages
    let narrative: Narrative

    static let shared = FixedSite()

    private init() {
        let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["PLACARD_FUZZ_SITE"] ?? ".")
        var diagnostics = Diagnostics()
        guard let config = SiteLoader.loadConfig(siteDirectory: folder, diagnostics: &diagnostics) else {
            fatalError("markdown: no site at \(folder.path) (set PLACARD_FUZZ_SITE): \(diagnostics.all)")
        }
        let data = SiteLoader.loadData(siteDirectory: folder, config: config, diagnostics: &diagnostics)
        guard let theme = try? Theme.load(overrides: folder.appendingPathComponent("Templates")) else { fatalError("markdown: no theme") }
        let (templates, problems) = TemplateSet.load(theme)
        diagnostics.append(contentsOf: problems)
        guard !diagnostics.hasErrors else { fatalError("markdown: the fixed site has errors: \(diagnostics.errors)") }
        let site = SiteContext(config: config, data: data, options: BuildOptions(siteDirectory: folder, now: Date(timeIntervalSince1970: 0)), theme: theme)
        let tables = DataTable.datasets(of: site) + DataTable.computed(from: site)
        let blocks = PlacardBlocks(
            site: site, templates: templates, tables: Dictionary(tables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first }),
            charts: ChartSource(site: site))
        var none = Diagnostics()
        let content = ContentFiles.load(contentDirectory: folder.appendingPathComponent("Content"), diagnostics: &none)
        pages = NarrativePages(site: site, narratives: content.narratives, staticFiles: content.staticFiles, blocks: blocks)
        narrative = Narrative.read(text: "", file: "Content/reports/fuzz.md", contentPath: "reports/fuzz.md", diagnostics: &none)
    }
}
