import Foundation
import PlacardContent
import PlacardDiagnostics
import PlacardFigures
import PlacardMarkdown
import PlacardTemplates

/// The build, as a list of named steps. Each step adds its problems to one
/// collection; the site is written only when no step found an error.
public enum SiteBuilder {
    /// The templates the pipeline renders, all with a `PageView`.
    static let pageTemplates = ["home", "page", "list", "notices", "404", "data", "search"]

    public static func build(_ options: BuildOptions, progress: any BuildProgress = SilentProgress()) -> BuildResult {
        build(options, progress: progress, session: nil)
    }

    /// With a session, only what changed since its last build is made again (see `BuildSession`).
    static func build(_ options: BuildOptions, progress: any BuildProgress, session: BuildSession?) -> BuildResult {
        var diagnostics = Diagnostics()
        let contentDirectory = options.siteDirectory.appendingPathComponent("Content")

        progress.started(step: "settings")
        if options.writeOutput, let reason = OutputFolder.refusal(of: options.outputDirectory, site: options.siteDirectory) {
            diagnostics.error("the output folder \(reason): build into a new or empty folder of its own (--output DIR)",
                              at: SourceLocation(file: options.outputDirectory.path))
            return BuildResult(diagnostics: diagnostics.sorted)
        }
        guard FileManager.default.fileExists(atPath: contentDirectory.appendingPathComponent("site.yaml").path) else {
            diagnostics.error("no site here: Content/site.yaml is missing (placard init DIR makes a new site)", at: SourceLocation(file: "Content/site.yaml"))
            return BuildResult(diagnostics: diagnostics.sorted)
        }
        // Only files inside the site folder are read: a link out of it, or a
        // file that cannot be read, stops the build before anything is read.
        let siteFiles = FileTree.siteFiles(under: contentDirectory.path, root: options.siteDirectory.path, display: "Content")
        diagnostics.append(contentsOf: siteFiles.problems)
        let templatesFolder = options.siteDirectory.appendingPathComponent("Templates")
        if FileManager.default.fileExists(atPath: templatesFolder.path) {
            diagnostics.append(contentsOf: FileTree.siteFiles(under: templatesFolder.path, root: options.siteDirectory.path, display: "Templates").problems)
        }
        guard !diagnostics.hasErrors else { return BuildResult(diagnostics: diagnostics.sorted) }
        guard let config = SiteLoader.loadConfig(siteDirectory: options.siteDirectory, diagnostics: &diagnostics) else {
            return BuildResult(diagnostics: diagnostics.sorted)
        }
        if options.strict || config.strict { diagnostics.treatWarningsAsErrors() }

        progress.started(step: "data")
        let data = SiteLoader.loadData(siteDirectory: options.siteDirectory, config: config, diagnostics: &diagnostics)

        progress.started(step: "narratives")
        var content: ContentFiles
        if let memo = session?.narrativeFiles {
            memo.next()
            content = ContentFiles.load(
                contentDirectory: contentDirectory, files: siteFiles.files, diagnostics: &diagnostics, reuse: memo.reuse, remember: memo.remember)
        } else {
            content = ContentFiles.load(contentDirectory: contentDirectory, files: siteFiles.files, diagnostics: &diagnostics)
        }
        if !options.includeDrafts {
            content.narratives.removeAll { $0.frontMatter.draft }
        }
        let organisationIDs = Set(data.organisations.map(\.id))
        // Not when organisations could not be read whole: its own errors say why (root cause first).
        for narrative in content.narratives where !data.incomplete.contains("organisations") {
            if let org = narrative.frontMatter.org, !organisationIDs.contains(org) {
                diagnostics.error("unknown organisation '\(org)' in 'org'\(didYouMean(org, among: data.organisations.map(\.id)))",
                                  at: narrative.frontMatter.orgLocation ?? SourceLocation(file: narrative.file))
            }
        }

        progress.started(step: "theme")
        var templates: TemplateSet?
        do {
            let theme = try Theme.load(overrides: options.siteDirectory.appendingPathComponent("Templates"))
            let (loaded, problems) = TemplateSet.load(theme)
            diagnostics.append(contentsOf: problems)
            for name in pageTemplates {
                diagnostics.append(contentsOf: loaded.check(name, renders: PageView.self))
            }
            templates = loaded
            let site = SiteContext(config: config, data: data, options: options, theme: theme)
            let themeKey = session.map { _ in BuildSession.themeKey(theme) } ?? ""
            let inputsKey = session.map { _ in BuildSession.inputsKey(options: options, content: content, themeKey: themeKey) } ?? ""
            let caches = session?.begin(inputsKey: inputsKey, themeKey: themeKey)

            progress.started(step: "markdown")
            let (datasets, computed) = concurrently({ DataTable.datasets(of: site) }, { DataTable.computed(from: site) })
            let tables = datasets + computed
            let blocks = PlacardBlocks(site: site, templates: loaded, tables: Dictionary(tables.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a }), charts: ChartSource(site: site))
            var pages = NarrativePages(site: site, narratives: content.narratives, staticFiles: content.staticFiles, blocks: blocks)
            content.narratives = []  // rendered, they are held as HTML: not their Markdown too (30 MB for 10,000)
            pages.renderAll(cache: caches?.markdown)
            diagnostics.append(contentsOf: pages.diagnostics)

            progress.started(step: "pages")
            let plan = SitePlan(site: site, narratives: pages, tables: tables)
            diagnostics.append(contentsOf: plan.diagnostics)

            guard !diagnostics.hasErrors, let templates else {
                if let caches { session?.giveBack(caches) }
                return BuildResult(diagnostics: diagnostics.sorted)
            }
            guard options.writeOutput else {
                if let caches { session?.giveBack(caches) }
                return BuildResult(diagnostics: diagnostics.sorted, pageCount: plan.pages.count)
            }

            progress.started(step: "write")
            let folder = OutputFolder(options.outputDirectory)
            let lock = try folder.lock()
            defer { lock.release() }
            let contents = try folder.contents()
            let writer: OutputWriter
            let outputCache = options.cacheDirectory.map { OutputCache(folder: $0, output: options.outputDirectory) }
            if let previous = caches?.previousFiles ?? outputCache?.unchangedFiles(), contents.exists {
                writer = OutputWriter(updating: folder, previous: previous, placards: contents.placards)
                outputCache?.forget()  // until this update is complete
            } else {
                writer = try OutputWriter(staging: folder)
            }
            plan.write(
                with: templates, staticFiles: content.staticFiles, contentDirectory: contentDirectory, to: writer,
                progress: progress, pageCache: caches?.pages, searchTerms: caches?.searchTerms, searchIndex: caches?.searchIndex,
                partTimes: options.pagePartTimes)
            diagnostics.append(contentsOf: writer.problems)
            if !writer.isUpdating {
                for conflict in folder.conflicts(writing: writer.digests.keys, over: contents) {
                    diagnostics.error(conflict, at: SourceLocation(file: options.outputDirectory.path))
                }
            }
            guard !diagnostics.hasErrors else {
                writer.discard()
                session?.forget()
                return BuildResult(diagnostics: diagnostics.sorted)
            }
            progress.started(step: "finish")
            try Manifest.write(writer.digests, in: writer.staging)
            do {
                try writer.commit(to: folder, over: contents)
            } catch {
                writer.discard()
                throw error
            }
            try outputCache?.record(writer.digests)
            if let session, let caches {
                let last = BuildSession.LastBuild(
                    options: options, narratives: pages, plan: plan, templates: templates, staticFiles: Set(content.staticFiles))
                session.finish(inputsKey: inputsKey, themeKey: themeKey, caches: caches, files: writer.digests, last: last)
            }
            let result = BuildResult(
                diagnostics: diagnostics.sorted, pageCount: plan.pages.count, fileCount: writer.claimedCount,
                pagesRendered: writer.pagesRendered, filesWritten: writer.filesWritten + 1)  // + the manifest
            freeLater(HeldValues([
                consume plan, consume pages, consume tables, consume datasets, consume computed, consume blocks,
                consume site, consume data, content, consume writer,
            ]))
            return result
        } catch {
            session?.forget()
            diagnostics.error("\(error.localizedDescription)", at: SourceLocation(file: options.outputDirectory.path))
            return BuildResult(diagnostics: diagnostics.sorted)
        }
    }
}

/// A build's values, handed to another thread to be freed.
private final class HeldValues: @unchecked Sendable {
    /// Never read: held only to be let go of.
    let values: [Any]
    init(_ values: [Any]) { self.values = values }
}

/// Frees a build's values on another thread: freeing a large site's values one
/// by one takes seconds (about two for 100,000 units), and `placard build` exits
/// without waiting for it.
private func freeLater(_ held: HeldValues) {
    DispatchQueue.global(qos: .utility).async { withExtendedLifetime(held) {} }
}

/// What every page of one build shares. A class: the code making pages
/// copies it often, and copying the struct retained every one of its fields.
final class SiteContext: Sendable {
    let config: SiteConfig
    let data: SiteData
    /// Every computed figure, computed once.
    let figures: Figures
    /// People, commitments and check-off updates by unit, grouped once.
    let index: DataIndex
    let theme: Theme
    let strings: UIStrings
    let addresses: Addresses
    /// `YYYY-MM-DD` of the build date, in UTC.
    let today: String
    let buildDate: DateText

    init(config: SiteConfig, data: SiteData, options: BuildOptions, theme: Theme) {
        self.config = config
        self.data = data
        self.theme = theme
        strings = UIStrings.forLanguage(config.uiLanguage)
        addresses = Addresses(fileURLs: options.fileURLs ?? config.fileURLs)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: options.now)
        today = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        buildDate = DateText(iso: today, text: strings.format(parts.year!, parts.month!, parts.day!))
        figures = Figures(data: data, config: config, buildDay: ISODate(today)!)
        index = DataIndex(data)
    }

    func text(_ localized: LocalizedText?) -> String {
        localized?.resolved(for: config.language) ?? ""
    }

    var language: String { config.uiLanguage }

    /// A unit's name in the site's language; the id when there is no such unit.
    func orgName(_ id: String) -> String {
        figures.organisations.name(of: id).map(text) ?? id
    }

    func percent(_ value: Decimal) -> String { FigureFormat.percent(value, language: language) }
    /// A rate a rule looks at, with the decimals it is shown with everywhere.
    func percent(_ value: Decimal, decimals: Int) -> String {
        FigureFormat.percent(value, decimals: decimals, language: language)
    }
    func number(_ value: Decimal, decimals: Int? = nil) -> String {
        FigureFormat.number(value, decimals: decimals ?? FigureFormat.decimalsNeeded(value), language: language)
    }
    func count(_ value: Int) -> String { FigureFormat.number(value, language: language) }
    /// `1,720,000.50 CNY`: at the currency's minor units, with its code.
    func money(_ value: Decimal, currency: String) -> String { FigureFormat.money(value, currency: currency, language: language) }
    func moneyChange(_ change: Change?, currency: String) -> String? {
        change.map { "\(FigureFormat.moneyChange($0.difference, currency: currency, language: language)) (\($0.previousYear))" }
    }
    func change(_ change: Change?, decimals: Int = 2) -> String? {
        change.map { "\(FigureFormat.change($0.difference, decimals: decimals, language: language)) (\($0.previousYear))" }
    }

    func dateText(_ date: ISODate) -> DateText {
        DateText(iso: date.iso, text: strings.format(date.year, date.month, date.day))
    }
}
