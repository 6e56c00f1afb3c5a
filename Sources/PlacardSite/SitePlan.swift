import Crypto
import Foundation
import PlacardContent
import PlacardDiagnostics
import PlacardFigures
import PlacardMarkdown
import PlacardTemplates

/// One page to write: its address, the template that renders it, and what the template shows.
struct PlannedPage: Sendable {
    var address: String
    var template: String
    /// Kept in a box: a `PageContent` is about 400 bytes, and the pages of
    /// 100,000 units share one placeholder (see `unit`).
    var content: PageContent {
        get { box.content }
        set { box = ContentBox(newValue) }
    }
    private var box: ContentBox
    /// Shown in the feed: notices and reports.
    var inFeed = false
    var feedUpdated: String = ""
    /// Listed in the search index (every page planned before the search page).
    var inSearch = false
    /// A unit's disclosure page: `content` is a placeholder shared by every unit
    /// (the build date, for the sitemap) until the page is written, so that
    /// 100,000 units are not all held at once.
    var unit: String?
    /// Long tables, one page of each: the table of `content.blocks[table.block]`
    /// is made when the page is written, for the same reason.
    var tables: [PlannedTable] = []

    init(address: String, template: String, content: PageContent, inFeed: Bool = false, feedUpdated: String = "", tables: [PlannedTable] = []) {
        self.address = address
        self.template = template
        box = ContentBox(content)
        self.inFeed = inFeed
        self.feedUpdated = feedUpdated
        self.tables = tables
    }

    init(address: String, template: String, unit: String, placeholder: ContentBox) {
        self.address = address
        self.template = template
        box = placeholder
        self.unit = unit
    }
}

final class ContentBox: Sendable {
    let content: PageContent
    init(_ content: PageContent) { self.content = content }
}

/// One page of a long table, to be made when its page is written.
struct PlannedTable: Sendable {
    enum Rows: Sendable {
        /// The commitments at these positions of `data.commitments`, in this order.
        case commitments(caption: String, positions: [Int32])
        /// The satisfaction rates of a year, in the order of the figures.
        case satisfaction(year: Int)
        /// The ranking of the assessment with this id.
        case assessment(id: String)
        /// The consequences the rules give for a year.
        case consequences(year: Int)
    }

    /// Which block of the page's content holds the table.
    var block: Int
    var rows: Rows
    /// The rows on this page, as positions in the whole list.
    var range: Range<Int>
}

/// Every page of the site, decided before anything is written, so that links
/// between pages can be checked and no two pages claim one address.
struct SitePlan {
    let site: SiteContext
    var pages: [PlannedPage] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// Nav entries: the home page, notices, and the top level of Content/.
    private(set) var navLinks: [Link] = []
    /// Every top-level page and folder of Content/, in navigation order.
    private var topLevel: [Link] = []
    let stylesheet: String
    /// What data/ publishes as CSV and JSON.
    let tables: [DataTable]


    private(set) var narrativeByAddress: [String: RenderedNarrative] = [:]
    private var folderTitles: [String: String] = [:]
    /// Narratives about each unit (front matter `org:`), for its page.
    var relatedNarratives: [String: [RenderedNarrative]] = [:]
    /// Each unit's as-of date, for its page and the sitemap (its page is made only when written).
    var unitDates: [String: AsOf] = [:]

    init(site: SiteContext, narratives: NarrativePages, tables: [DataTable]) {
        self.site = site
        self.tables = tables
        let css = site.theme.files["assets/style.css"]?.data ?? Data()
        let digest = Manifest.hex(SHA256.hash(data: css))
        stylesheet = "assets/style.\(digest.prefix(10)).css"

        for item in narratives.rendered {
            if let other = narrativeByAddress[item.narrative.address] {
                diagnostics.append(.error(
                    "this page and \(other.narrative.file) would both be published at '\(item.narrative.address)'",
                    at: SourceLocation(file: item.narrative.file, line: 1, column: 1)))
                continue
            }
            narrativeByAddress[item.narrative.address] = item
        }
        let folders = Self.folders(of: narratives.rendered.map(\.narrative.contentPath))
        for folder in folders {
            folderTitles[folder] = narrativeByAddress[folder]?.title ?? String(folder.dropLast().split(separator: "/").last ?? "")
        }
        folderTitles["notices/"] = narrativeByAddress["notices/"]?.title ?? site.strings.notices
        folderTitles["orgs/"] = site.strings.organisations
        folderTitles["commitments/"] = site.strings.commitments
        folderTitles["data/"] = site.strings.downloads
        navLinks = makeNav(folders: folders)
        planPages(folders: folders, narratives: narratives.rendered)
        planOrganisationPages(narratives: narratives.rendered)
        planCommitmentPages()
        planAssessmentPages()
        planEvaluationPages()
        planSurveyPages()
        planFundingPages()
        planYearPages(narratives: narratives.rendered)
        addHeadlineToHome()
        // Last: the index covers every other page.
        planSearch()
        planDataPage(tables: tables)
        checkLinks(narratives.pendingLinks, staticFiles: narratives.staticFiles)
    }

    /// Every folder of Content/ that holds a narrative, at any depth: `a/`, `a/b/`.
    static func folders(of contentPaths: [String]) -> [String] {
        var result = Set<String>()
        for path in contentPaths {
            var folder = ""
            for part in path.split(separator: "/").dropLast() {
                folder += part + "/"
                result.insert(folder)
            }
        }
        return result.sorted()
    }

    /// Generated pages that list the pages below them.
    static let generatedIndexes: Set<String> = ["orgs/", "commitments/", "data/", "notices/"]

    static func parent(of address: String) -> String {
        let parts = address.split(separator: "/")
        guard parts.count > 1 else { return "" }
        return parts.dropLast().joined(separator: "/") + "/"
    }

    /// Top-level pages and folders of Content/ shown in the navigation.
    static let navigationLimit = 10

    private mutating func makeNav(folders: [String]) -> [Link] {
        var links = [Link(title: site.strings.home, url: "")]
        var top: [(weight: Int, title: String, address: String)] = []
        for folder in folders where !folder.dropLast().contains("/") && folder != "notices/" {
            top.append((narrativeByAddress[folder]?.narrative.frontMatter.weight ?? Int.max, folderTitles[folder] ?? folder, folder))
        }
        for (address, item) in narrativeByAddress where !address.isEmpty && !address.dropLast().contains("/") && !folders.contains(address) {
            top.append((item.narrative.frontMatter.weight ?? Int.max, item.title, address))
        }
        top.sort { ($0.weight, $0.title, $0.address) < ($1.weight, $1.title, $1.address) }
        links.append(Link(title: site.strings.notices, url: "notices/"))
        if !site.data.organisations.isEmpty { links.append(Link(title: site.strings.organisations, url: "orgs/")) }
        if !site.data.commitments.isEmpty { links.append(Link(title: site.strings.commitments, url: "commitments/")) }
        if let latest = site.figures.years.last { links.append(Link(title: site.strings.years, url: "years/\(latest)/")) }
        links.append(Link(title: site.strings.downloads, url: "data/"))
        // A navigation of a hundred folders helps nobody (and costs on every page):
        // past the limit, the home page lists them all instead.
        topLevel = top.map { Link(title: $0.title, url: $0.address) }
        links += topLevel.prefix(Self.navigationLimit)
        return links
    }

    // MARK: Pages

    private mutating func planPages(folders: [String], narratives: [RenderedNarrative]) {
        // Grouped once: a site of 10,000 pages in 100 folders must not scan every page per folder.
        let byParent = Dictionary(grouping: narratives, by: { Self.parent(of: $0.narrative.address) })
        let folderSet = Set(folders)
        let notices = narratives.filter { $0.narrative.frontMatter.kind == .notice }
        let reports = narratives.filter { $0.narrative.frontMatter.kind == .report }

        // Narratives, except those whose address a generated page takes over (home, notices/).
        // Addresses sorted, not the narratives: moving large values about is what a sort costs.
        // Each narrative's content is made on every core: 10,000 of them took half a second on one.
        let addresses = narrativeByAddress.keys.sorted().filter { !$0.isEmpty && $0 != "notices/" }
        let plan = self
        let contents = concurrentMap(addresses) { plan.narrativeContent(plan.narrativeByAddress[$0]!) }
        for (address, var content) in zip(addresses, contents) {
            let item = narrativeByAddress[address]!
            if folderSet.contains(address) {
                content.sections = [section(site.strings.pages, id: "pages", items: children(of: address, byParent: byParent, folders: folderSet))]
            }
            let kind = item.narrative.frontMatter.kind
            pages.append(PlannedPage(
                address: address, template: "page", content: content,
                inFeed: kind == .notice || kind == .report, feedUpdated: content.updated.iso))
        }
        // Folders without an index.md get a listing, dated by the newest page below it
        // (found in one pass over the pages, each handing its date to the folders above it).
        var newestBelow: [String: ISODate] = [:]
        for item in narratives {
            guard let date = Self.lastChanged(item.narrative.frontMatter) else { continue }
            var folder = Self.parent(of: item.narrative.address)
            while !folder.isEmpty {
                if date.lastDayNumber > newestBelow[folder]?.lastDayNumber ?? Int.min { newestBelow[folder] = date }
                folder = Self.parent(of: folder)
            }
        }
        for folder in folders where narrativeByAddress[folder] == nil && folder != "notices/" {
            var content = generatedContent(title: folderTitles[folder] ?? folder, address: folder)
            listingDated(&content, newest: newestBelow[folder].map { [$0] } ?? [])
            content.sections = [section(site.strings.pages, id: "pages", items: children(of: folder, byParent: byParent, folders: folderSet))]
            pages.append(PlannedPage(address: folder, template: "list", content: content))
        }
        // Notices: current and upcoming first, then closed; newest first within each.
        let sortedNotices = Self.newestFirst(notices) { $0.narrative.frontMatter.notice?.from.lowerBound ?? "" }
        let current = sortedNotices.filter { noticeView($0.narrative.frontMatter.notice)?.state != "closed" }
        let closed = sortedNotices.filter { noticeView($0.narrative.frontMatter.notice)?.state == "closed" }
        var noticesPage = narrativeByAddress["notices/"].map(narrativeContent) ?? generatedContent(title: site.strings.notices, address: "notices/")
        if narrativeByAddress["notices/"] == nil { listingDated(&noticesPage, newest: notices.compactMap { Self.lastChanged($0.narrative.frontMatter) }) }
        noticesPage.sections = [
            section(site.strings.currentNotices, id: "current", items: current.map { item(for: $0, from: "notices/") }),
            section(site.strings.closedNotices, id: "closed", items: closed.map { item(for: $0, from: "notices/") }),
        ]
        pages.append(PlannedPage(address: "notices/", template: "notices", content: noticesPage))

        // Home: the site's index.md, the latest notices and reports.
        var home = narrativeByAddress[""].map(narrativeContent) ?? generatedContent(title: site.text(site.config.title), address: "")
        home.sections = [section(site.strings.latestNotices, id: "latest-notices", items: sortedNotices.prefix(5).map { item(for: $0, from: "") })]
        let latestReports = Self.newestFirst(reports) { $0.narrative.frontMatter.date?.lowerBound ?? "" }
        if !latestReports.isEmpty {
            home.sections.append(section(site.strings.reports, id: "reports", items: latestReports.prefix(5).map { item(for: $0, from: "") }))
        }
        if narrativeByAddress[""] == nil {
            // The latest year's figures are added later; their date is counted here.
            let shown = (sortedNotices.prefix(5) + latestReports.prefix(5)).compactMap { Self.lastChanged($0.narrative.frontMatter) }
            let figures = site.figures.years.last.map { yearAsOf($0) }.flatMap { $0.source == .buildDate ? nil : [$0.day] } ?? []
            listingDated(&home, newest: shown + figures)
        }
        if topLevel.count > Self.navigationLimit {
            home.sections.append(section(site.strings.pages, id: "pages", items: topLevel.map { PageItem(title: $0.title, url: site.addresses.link(from: "", to: $0.url)) }))
        }
        pages.append(PlannedPage(address: "", template: "home", content: home))

        var notFound = generatedContent(title: site.strings.notFoundTitle, address: "404.html")
        notFound.bodyHTML = ""
        pages.append(PlannedPage(address: "404.html", template: "404", content: notFound))
    }

    /// Newest first by `date`, then by title; each key made once, and the
    /// narratives, large values, moved once.
    private static func newestFirst(_ narratives: [RenderedNarrative], date: (RenderedNarrative) -> String) -> [RenderedNarrative] {
        let keys = narratives.map { (date: date($0), title: $0.title) }
        let order = keys.indices.sorted { (keys[$0].date, keys[$1].title) > (keys[$1].date, keys[$0].title) }
        return order.map { narratives[$0] }
    }

    private func children(of folder: String, byParent: [String: [RenderedNarrative]], folders: Set<String>) -> [PageItem] {
        var entries: [(weight: Int, date: String, title: String, item: PageItem)] = []
        for item in byParent[folder] ?? [] where item.narrative.address != folder {
            if folders.contains(item.narrative.address) { continue }  // listed as a folder below
            let matter = item.narrative.frontMatter
            entries.append((matter.weight ?? Int.max, matter.date?.lowerBound ?? "", item.title, self.item(for: item, from: folder)))
        }
        for sub in folders.sorted() where Self.parent(of: sub) == folder && sub != folder {
            let index = narrativeByAddress[sub]
            let title = folderTitles[sub] ?? sub
            let link = PageItem(title: title, url: site.addresses.link(from: folder, to: sub), summary: index?.narrative.frontMatter.summary)
            entries.append((index?.narrative.frontMatter.weight ?? Int.max, "", title, link))
        }
        // By weight, then newest first, then by title.
        entries.sort { a, b in
            if a.weight != b.weight { return a.weight < b.weight }
            if a.date != b.date { return a.date > b.date }
            return a.title < b.title
        }
        return entries.map(\.item)
    }

    private func item(for narrative: RenderedNarrative, from page: String) -> PageItem {
        let matter = narrative.narrative.frontMatter
        return PageItem(
            title: narrative.title, url: site.addresses.link(from: page, to: narrative.narrative.address),
            summary: matter.summary, date: matter.date.map(site.dateText), notice: noticeView(matter.notice))
    }

    private func section(_ title: String, id: String, items: [PageItem]) -> PageSection {
        PageSection(title: title, id: id, items: items, isEmpty: items.isEmpty)
    }

    private func noticeView(_ period: FrontMatter.NoticePeriod?) -> NoticeView? {
        guard let period else { return nil }
        let state: String
        let text: String
        if site.today < period.from.lowerBound {
            (state, text) = ("upcoming", site.strings.noticeUpcoming)
        } else if site.today > period.to.upperBound {
            (state, text) = ("closed", site.strings.noticeClosed)
        } else {
            (state, text) = ("open", site.strings.noticeOpen)
        }
        return NoticeView(from: site.dateText(period.from), to: site.dateText(period.to), state: state, stateText: text, isOpen: state == "open")
    }

    func narrativeContent(_ item: RenderedNarrative) -> PageContent {
        let matter = item.narrative.frontMatter
        let published = matter.date.map(site.dateText) ?? site.buildDate
        let updated = matter.updated.map(site.dateText) ?? matter.changes.first.map { site.dateText($0.date) } ?? published
        var content = generatedContent(title: item.title, address: item.narrative.address)
        content.kind = matter.kind.rawValue
        content.isNotice = matter.kind == .notice
        content.isReport = matter.kind == .report
        content.summary = matter.summary
        content.bodyHTML = item.html
        content.toc = Self.tableOfContents(item.headings)
        content.published = published
        content.updated = updated
        content.wasUpdated = updated.iso != published.iso
        content.notice = noticeView(matter.notice)
        content.tags = matter.tags
        content.changes = matter.changes.map { ChangeView(date: site.dateText($0.date), note: $0.note) }
        content.org = matter.org.flatMap(site.figures.organisations.organisation).map { site.text($0.name) }
        content.year = matter.year.map(String.init)
        content.params = OpenValues(Dictionary(matter.params.map { ($0.key, Self.plainValue($0.value)) }, uniquingKeysWith: { a, _ in a }))
        return content
    }

    func generatedContent(title: String, address: String) -> PageContent {
        PageContent(
            title: title, path: address, isHome: address.isEmpty,
            canonicalURL: address == "404.html" ? nil : site.config.baseURL.map { $0 + site.addresses.percentEncoded(address) },
            kind: "page", isNotice: false, isReport: false, summary: nil, bodyHTML: "", toc: [],
            published: site.buildDate, updated: site.buildDate, wasUpdated: false, notice: nil,
            breadcrumbs: breadcrumbs(for: address), sections: [], tags: [], changes: [], org: nil, year: nil,
            params: OpenValues([:]))
    }

    private func breadcrumbs(for address: String) -> [Link] {
        guard !address.isEmpty, address != "404.html" else { return [] }
        var crumbs = [Link(title: site.strings.home, url: site.addresses.link(from: address, to: ""))]
        var folder = Self.parent(of: address)
        var chain: [Link] = []
        while !folder.isEmpty {
            // Only folders that are pages: Content/ folders and the generated indexes.
            guard folderTitles[folder] != nil || Self.generatedIndexes.contains(folder) else {
                folder = Self.parent(of: folder)
                continue
            }
            chain.insert(Link(title: folderTitles[folder] ?? folder, url: site.addresses.link(from: address, to: folder)), at: 0)
            folder = Self.parent(of: folder)
        }
        crumbs += chain
        return crumbs
    }

    /// Long pages (three headings or more) get a contents list of their h2 and h3.
    static func tableOfContents(_ headings: [MarkdownHeading]) -> [TocEntry] {
        let listed = headings.filter { $0.level == 2 || $0.level == 3 }
        guard listed.count >= 3 else { return [] }
        var entries: [TocEntry] = []
        for heading in listed {
            if heading.level == 3, !entries.isEmpty {
                entries[entries.count - 1].children.append(TocChild(title: heading.text, id: heading.id))
            } else {
                entries.append(TocEntry(title: heading.text, id: heading.id, level: heading.level, children: []))
            }
        }
        return entries
    }

    /// Front matter values as templates see them: text, true/false, lists and maps.
    static func plainValue(_ node: SourceNode) -> Any {
        switch node.kind {
        case .null: return ""
        case .bool(let flag): return flag
        case .number(let literal): return literal
        case .string(let text): return text
        case .list(let items): return items.map(plainValue)
        case .map(let fields): return Dictionary(fields.map { ($0.key, plainValue($0.value)) }, uniquingKeysWith: { a, _ in a })
        }
    }

    // MARK: Links

    private mutating func checkLinks(_ links: [PendingLink], staticFiles: Set<String>) {
        diagnostics += problems(of: links, staticFiles: staticFiles)
    }

    /// What is wrong with these links: missing pages, files or headings.
    func problems(of links: [PendingLink], staticFiles: Set<String>) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let addresses = Set(pages.map(\.address))
        for link in links {
            var address = link.address
            if !addresses.contains(address), !staticFiles.contains(address), addresses.contains(address + "/") {
                address += "/"
            }
            guard addresses.contains(address) || staticFiles.contains(address) else {
                diagnostics.append(.error("link to a missing page or file '\(link.address.isEmpty ? "/" : link.address)'", at: link.location))
                continue
            }
            if let fragment = link.fragment, !fragment.isEmpty, let target = narrativeByAddress[address],
                !target.headings.contains(where: { $0.id == fragment })
            {
                diagnostics.append(.error("link to a missing heading '#\(fragment)' in \(target.narrative.file)", at: link.location))
            }
        }
        return diagnostics
    }
}
