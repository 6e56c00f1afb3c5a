import Foundation
import PlacardTemplates
import Testing

@testable import PlacardSite

/// A type's hand-written template fields must be exactly its stored properties,
/// or templates would see different names from what the checker allows.
private func fieldsMatchStoredProperties(_ value: some TemplateValueConvertible) -> Bool {
    let stored = Set(Mirror(reflecting: value).children.compactMap(\.label))
    guard case .object(let object) = value.templateValue else { return false }
    return stored == Set(object.fields.keys)
}

@Test func handWrittenTemplateFieldsAreTheStoredProperties() {
    let date = DateText(iso: "2010-01-15", text: "15 January 2010")
    let notice = NoticeView(from: date, to: date, state: "open", stateText: "Open", isOpen: true)
    let cell = CellView(text: "x", url: "u", numeric: true, state: "s", lines: ["a"])
    #expect(fieldsMatchStoredProperties(Link(title: "t", url: "u", current: true)))
    #expect(fieldsMatchStoredProperties(PageLink(title: "t", url: "u", current: true, rel: "next")))
    #expect(fieldsMatchStoredProperties(date))
    #expect(fieldsMatchStoredProperties(PageItem(title: "t", url: "u", summary: "s", date: date, notice: notice)))
    #expect(fieldsMatchStoredProperties(notice))
    #expect(fieldsMatchStoredProperties(TocEntry(title: "t", id: "i", level: 2, children: [TocChild(title: "c", id: "d")])))
    #expect(fieldsMatchStoredProperties(TocChild(title: "c", id: "d")))
    #expect(fieldsMatchStoredProperties(ColumnView(label: "l", numeric: false)))
    #expect(fieldsMatchStoredProperties(RowView(header: cell, cells: [cell])))
    #expect(fieldsMatchStoredProperties(cell))
    let site = SiteView(
        title: "t", description: "d", publisher: "p", language: "en", root: "./", homeURL: "./", stylesheetURL: "s",
        searchURL: "q", searchScriptURL: "j", feedURL: "f", nav: [], strings: UIStrings.forLanguage("en"), buildDate: date)
    let page = PageContent(
        title: "t", path: "p/", isHome: false, canonicalURL: nil, kind: "page", isNotice: false, isReport: false,
        summary: nil, bodyHTML: "", toc: [], published: date, updated: date, wasUpdated: false, notice: nil,
        breadcrumbs: [], sections: [], tags: [], changes: [], org: nil, year: nil, params: OpenValues([:]))
    let table = TableView(caption: "c", columns: [], rows: [], csvURL: nil, jsonURL: nil)
    let chart = ChartView(svgHTML: "<svg/>", caption: "c")
    #expect(fieldsMatchStoredProperties(site))
    #expect(fieldsMatchStoredProperties(page))
    #expect(fieldsMatchStoredProperties(PageView(site: site, page: page)))
    #expect(fieldsMatchStoredProperties(PageSection(title: "t", id: "i", items: [], isEmpty: true)))
    #expect(fieldsMatchStoredProperties(ChangeView(date: date, note: "n")))
    #expect(fieldsMatchStoredProperties(ContentBlock(title: "t", id: "i", note: nil, table: table, chart: chart)))
    #expect(fieldsMatchStoredProperties(FigureView(label: "l", value: "v", change: nil)))
    #expect(fieldsMatchStoredProperties(table))
    #expect(fieldsMatchStoredProperties(chart))
    #expect(fieldsMatchStoredProperties(TreeNode(name: "n", url: "u", level: "l", children: [])))
}

/// The UI words are converted once and reused while they stay the same: a
/// build in another language (serve after site.yaml changed) gets its own.
@Test func siteViewsCarryTheirOwnUIWords() {
    func searchWord(_ language: String) -> String? {
        let date = DateText(iso: "2010-01-15", text: "15 January 2010")
        let site = SiteView(
            title: "t", description: nil, publisher: nil, language: language, root: "./", homeURL: "./", stylesheetURL: "s",
            searchURL: "q", searchScriptURL: "j", feedURL: nil, nav: [], strings: UIStrings.forLanguage(language), buildDate: date)
        guard case .object(let object) = site.templateValue, case .object(let strings)? = object["strings"],
              case .text(let word)? = strings["search"] else { return nil }
        return word
    }
    #expect(searchWord("en") == UIStrings.forLanguage("en").search)
    #expect(searchWord("zh-Hant") == UIStrings.forLanguage("zh-Hant").search)
    #expect(searchWord("en") == UIStrings.forLanguage("en").search)
    #expect(UIStrings.forLanguage("en").search != UIStrings.forLanguage("zh-Hant").search)
}
