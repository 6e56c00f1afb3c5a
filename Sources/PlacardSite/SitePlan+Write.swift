import Foundation
import PlacardDiagnostics
import PlacardTemplates

extension SitePlan {
    /// Renders and writes every page, the theme's assets, the site's own files,
    /// and the sitemap, feed and robots.txt. Pages are written as they are made.
    /// With a page cache, a page given what it was given last time keeps its file.
    func write(
        with templates: TemplateSet, staticFiles: [String], contentDirectory: URL, to writer: OutputWriter,
        progress: any BuildProgress, pageCache: PageCache? = nil, searchTerms: SearchTermsCache? = nil,
        searchIndex: SearchIndexMemo? = nil, partTimes: PagePartTimes? = nil
    ) {
        // Claims first, in order, so a clash is reported the same way every time;
        // then pages are rendered and written on every core, none held in memory,
        // while the downloads are written on a thread of their own.
        // Positions, not copies of the pages (20 MB for 100,000 units).
        let claimed = pages.indices.filter { position in
            let page = pages[position], file = Addresses.file(for: page.address)
            return writer.claim(file, by: "the page '\(page.unit.map(site.orgName) ?? page.content.title)'", at: SourceLocation(file: file))
        }
        for (path, data) in site.theme.assets where path.hasPrefix("assets/") {
            let target = path == "assets/style.css" ? stylesheet : path
            if writer.claim(target, by: "the theme's \(path)", at: SourceLocation(file: "Templates/\(path)")) {
                writer.write(data, to: target)
            }
        }
        for path in staticFiles where writer.claim(path, by: "Content/\(path)", at: SourceLocation(file: "Content/\(path)")) {
            writer.copy(contentDirectory.appendingPathComponent(path), to: path)
        }
        let downloads = tables.flatMap { table in ["csv", "json"].map { (table: table, path: "data/\(table.name).\($0)", csv: $0 == "csv") } }
            .filter { writer.claim($0.path, by: "the table \($0.table.name)", at: SourceLocation(file: $0.path)) }
        let writesDataPackage = !tables.isEmpty
            && writer.claim("data/datapackage.json", by: "the data dictionary", at: SourceLocation(file: "data/datapackage.json"))
        let siteFiles = siteFiles().filter { writer.claim($0.path, by: $0.source, at: SourceLocation(file: $0.path)) }

        // Downloads are made one file at a time, not held whole, beside the pages:
        // a large site's are a long job that would otherwise wait for the last page.
        // The sitemap and the feed (all of a site's notices) are made there too.
        let downloadsDone = DispatchGroup()
        let plan = self
        DispatchQueue.global().async(group: downloadsDone) {
            var fieldTypes: [String: [String]] = [:]  // found while writing each CSV: no pass of their own
            for download in downloads {
                writer.write(to: download.path) { append in
                    if download.csv { fieldTypes[download.table.name] = download.table.csv(append) } else { download.table.json(append) }
                }
            }
            if writesDataPackage { writer.write(plan.dataPackage(plan.tables, fieldTypes: fieldTypes), to: "data/datapackage.json") }
            for file in siteFiles { writer.write(to: file.path, parts: file.parts) }
        }
        let counter = ProgressCounter(total: claimed.count, progress: progress)
        let siteViews = SiteViews()
        let writeSearchFile: @Sendable (String, Bool, () -> [UInt8]) -> Void = { path, changed, bytes in
            if writer.claim(path, by: "the search index", at: SourceLocation(file: path)), changed || !writer.keep(path) {
                writer.write(bytes(), to: path)
            }
        }
        // Each page's search document is taken while its content is at hand.
        // Without a session, the index is made while the pages are written; a
        // session keeps every document, to patch its index next time.
        var searchCount: Int32 = 0
        let searchNumbers = claimed.map { position -> Int32 in
            guard pages[position].inSearch else { return -1 }
            defer { searchCount += 1 }
            return searchCount
        }
        let stream = searchIndex == nil && searchTerms == nil
            ? StreamedSearchIndex(documents: Int(searchCount)) { path, bytes in writeSearchFile(path, true) { bytes } } : nil
        let kept = stream == nil ? KeptDocuments(count: Int(searchCount)) : nil
        concurrentForEach(Array(claimed.indices)) { index in
            let page = plan.pages[claimed[index]]
            var clock = PartClock(partTimes)
            let content = plan.content(of: page)
            clock.lap(.content)
            let site = siteViews.view(for: page.address, in: plan)
            let file = Addresses.file(for: page.address)
            if pageCache?.unchanged(page.address, template: page.template, view: PageView(site: site.view, page: content)) != true
                || !writer.keep(file) {
                let value = PageView.templateValue(site: site.value, page: content)
                clock.lap(.views)
                let bytes = templates.renderUTF8(page.template, converted: value)
                clock.lap(.render)
                writer.write(bytes, to: file)
                writer.rendered()
                clock.lap(.files)
            }
            counter.increment()
            let number = Int(searchNumbers[index])
            if number >= 0 {
                let document = plan.searchDocument(page, content)
                if let stream { stream.add(document, number: number) } else { kept?.set(document, at: number) }
            }
            clock.lap(.searchDocuments)
            clock.finish()
        }
        downloadsDone.wait()
        progress.started(step: "search index")
        guard let kept else {
            stream?.finish()
            return
        }
        // A session's last index is patched only where its files are still those on disk.
        let built = SearchIndex(documents: kept.documents).writeFiles(
            cache: searchTerms, previous: writer.isUpdating ? searchIndex?.previous : nil, keep: searchIndex != nil,
            writeSearchFile)
        searchIndex?.current = built
    }

    /// A session's search documents, set by number from any thread.
    private final class KeptDocuments: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [SearchIndex.Document?]
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ document: SearchIndex.Document, at number: Int) { lock.withLock { slots[number] = document } }
        var documents: [SearchIndex.Document] { lock.withLock { slots.map { $0! } } }
    }

    /// A file of the site made from the plan: its path, what makes it (named
    /// in a clash), and its bytes, made when asked and handed over a chunk at a time.
    private struct SiteFile: Sendable {
        let path: String
        let source: String
        let parts: @Sendable (_ append: (inout [UInt8]) -> Void) -> Void
    }

    /// robots.txt, and with a base_url the sitemap and the feed.
    private func siteFiles() -> [SiteFile] {
        let plan = self
        var files = [SiteFile(path: "robots.txt", source: "robots.txt", parts: { append in
            var bytes = Array(plan.robots().utf8)
            append(&bytes)
        })]
        if let base = site.config.baseURL {
            files.append(SiteFile(path: "sitemap.xml", source: "the sitemap", parts: { plan.sitemap(base: base, $0) }))
            files.append(SiteFile(path: "feed.xml", source: "the feed", parts: { plan.feed(base: base, $0) }))
        }
        return files
    }

    /// A link from the page at `page`; the 404 page is served at any depth, so
    /// its links are absolute when the site has a base_url.
    func url(from page: String, to target: String) -> String {
        if page == "404.html", let base = site.config.baseURL {
            return base + site.addresses.percentEncoded(target)
        }
        return site.addresses.link(from: page, to: target)
    }

    func siteView(for page: String) -> SiteView {
        let navigation = navLinks.map { link in
            Link(title: link.title, url: url(from: page, to: link.url), current: Self.isCurrent(link, on: page))
        }
        return SiteView(
            title: site.text(site.config.title),
            description: site.config.description.map(site.text),
            publisher: site.config.publisher.map(site.text),
            language: site.config.language,
            root: url(from: page, to: ""),
            homeURL: url(from: page, to: ""),
            stylesheetURL: url(from: page, to: stylesheet),
            searchURL: url(from: page, to: "search/"),
            searchScriptURL: url(from: page, to: "assets/search.js"),
            feedURL: site.config.baseURL == nil ? nil : url(from: page, to: "feed.xml"),
            nav: navigation,
            strings: site.strings,
            buildDate: site.buildDate)
    }

    /// Whether a navigation entry is the page's own section (or the page itself).
    static func isCurrent(_ link: Link, on page: String) -> Bool {
        link.url.isEmpty ? page.isEmpty : page.hasPrefix(link.url)
    }

    private func robots() -> String {
        var text = "User-agent: *\nAllow: /\n"
        if let base = site.config.baseURL { text += "Sitemap: \(base)sitemap.xml\n" }
        return text
    }

    /// Handed over in chunks: a site's sitemap and feed are as long as it has
    /// pages (the feed of 10,000 narratives is 12 MB).
    private func sitemap(base: String, _ append: (inout [UInt8]) -> Void) {
        ChunkedText.write(to: append) { xml in
            xml += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
            for position in pages.indices.sorted(by: { pages[$0].address < pages[$1].address }) where pages[position].address != "404.html" {
                let page = pages[position]
                // A unit's page is made when written: its date is the unit's as-of date.
                let updated = page.unit.flatMap { unitDates[$0]?.day.text } ?? page.content.updated.iso
                xml += "  <url><loc>\(escapeXML(base + site.addresses.percentEncoded(page.address)))</loc><lastmod>\(updated.prefix(10))</lastmod></url>\n"
            }
            xml += "</urlset>\n"
        }
    }

    /// An Atom feed of notices and reports, newest change first.
    private func feed(base: String, _ append: (inout [UInt8]) -> Void) {
        let entries = pages.indices.filter { pages[$0].inFeed }.sorted {
            (pages[$0].feedUpdated, pages[$0].address) > (pages[$1].feedUpdated, pages[$1].address)
        }
        // Without entries, the search page's date: the newest of every page and dataset.
        let newest = pages.first { $0.address == "search/" }?.content.updated.iso ?? site.today
        let updated = entries.map { Self.timestamp(pages[$0].content.updated.iso) }.max() ?? Self.timestamp(newest)
        ChunkedText.write(to: append) { xml in
            xml += """
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(escapeXML(site.config.language))">
                  <title>\(escapeXML(site.text(site.config.title)))</title>

                """
            if let description = site.config.description {
                xml += "  <subtitle>\(escapeXML(site.text(description)))</subtitle>\n"
            }
            xml += """
                  <link rel="self" href="\(escapeXML(base))feed.xml"/>
                  <link rel="alternate" type="text/html" href="\(escapeXML(base))"/>
                  <id>\(escapeXML(base))</id>
                  <updated>\(updated)</updated>
                  <author><name>\(escapeXML(site.text(site.config.publisher ?? site.config.title)))</name></author>

                """
            for position in entries {
                let entry = pages[position]
                let address = base + site.addresses.percentEncoded(entry.address)
                var content = entry.content.bodyHTML
                if !entry.content.changes.isEmpty {
                    content += "<h2>\(escapeXML(site.strings.changes))</h2><ul>"
                    content += entry.content.changes.map { "<li>\(escapeXML($0.date.text)): \(escapeXML($0.note))</li>" }.joined()
                    content += "</ul>"
                }
                xml += "  <entry>\n"
                xml += "    <title>\(escapeXML(entry.content.title))</title>\n"
                xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(escapeXML(address))\"/>\n"
                xml += "    <id>\(escapeXML(address))</id>\n"
                xml += "    <published>\(Self.timestamp(entry.content.published.iso))</published>\n"
                xml += "    <updated>\(Self.timestamp(entry.content.updated.iso))</updated>\n"
                if let summary = entry.content.summary {
                    xml += "    <summary>\(escapeXML(summary))</summary>\n"
                }
                xml += "    <content type=\"html\">\(escapeXML(content))</content>\n"
                xml += "  </entry>\n"
            }
            xml += "</feed>\n"
        }
    }

    /// RFC 3339, as Atom wants: a date alone is taken as midnight UTC.
    /// `2010`, `2010-01`, `2010-01-15` and `2010-01-15T08:00` become RFC 3339 timestamps.
    static func timestamp(_ iso: String) -> String {
        let parts = iso.split(separator: "T", maxSplits: 1)
    var day = String(parts[0])
    switch day.count {
    case 4: day += "-01-01"
    case 7: day += "-01"
    default: break
    }
    guard parts.count == 2 else { return day + "T00:00:00Z" }
    var time = String(parts[1])
    if time.count == 5 { time += ":00" }
    let hasZone = time.hasSuffix("Z") || time.dropFirst(8).contains("+") || time.dropFirst(8).contains("-")
    return day + "T" + time + (hasZone ? "" : "Z")
    }
}

func escapeXML(_ text: String) -> String {
    Escaping.xml(text)
}

/// The site's part of a page's view (links back to the root, the navigation
/// and which entry of it is current), made and converted once for each kind of
/// page and shared: the 100,000 unit pages of a large site all have the same.
private final class SiteViews: @unchecked Sendable {
    /// What a site view depends on: the way back to the root, which navigation
    /// entries are current, and whether it is the 404 page (absolute links).
    private struct Key: Hashable {
        var root: String
        var current: UInt64
        var notFound: Bool
    }

    private let lock = NSLock()
    private var made: [Key: (view: SiteView, value: TemplateValue)] = [:]

    func view(for page: String, in plan: SitePlan) -> (view: SiteView, value: TemplateValue) {
        guard plan.navLinks.count <= 64 else { return Self.make(for: page, in: plan) }
        var current: UInt64 = 0
        for (index, link) in plan.navLinks.enumerated() where SitePlan.isCurrent(link, on: page) { current |= 1 << UInt64(index) }
        let key = Key(root: plan.site.addresses.root(from: page), current: current, notFound: page == "404.html")
        if let found = lock.withLock({ made[key] }) { return found }
        let view = Self.make(for: page, in: plan)
        lock.withLock { made[key] = view }
        return view
    }

    private static func make(for page: String, in plan: SitePlan) -> (view: SiteView, value: TemplateValue) {
        let view = plan.siteView(for: page)
        return (view, view.templateValue)
    }
}

/// Counts pages written across workers and tells the progress every 500.
private final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    let total: Int
    let progress: any BuildProgress

    init(total: Int, progress: any BuildProgress) {
        self.total = total
        self.progress = progress
    }

    func increment() {
        lock.withLock {
            done += 1
            if done % 500 == 0 || done == total { progress.pagesWritten(done, of: total) }
        }
    }
}

/// Text handed over a chunk at a time, so a long file is never held whole.
struct ChunkedText {
    private var pending = ""
    private let chunk: Int
    private let append: (inout [UInt8]) -> Void

    /// `body` adds the text; what is left is handed over when it returns.
    static func write(chunk: Int = 1 << 20, to append: (inout [UInt8]) -> Void, _ body: (inout ChunkedText) -> Void) {
        withoutActuallyEscaping(append) { append in
            var text = ChunkedText(chunk: chunk, append: append)
            body(&text)
            text.flush()
        }
    }

    private init(chunk: Int, append: @escaping (inout [UInt8]) -> Void) {
        self.chunk = chunk
        self.append = append
    }

    static func += (text: inout ChunkedText, more: String) {
        text.pending += more
        if text.pending.utf8.count >= text.chunk { text.flush() }
    }

    private mutating func flush() {
        var bytes = Array(pending.utf8)
        append(&bytes)
        pending.removeAll(keepingCapacity: true)
    }
}
