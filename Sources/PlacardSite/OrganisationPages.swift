import Foundation
import PlacardContent
import PlacardDiagnostics
import PlacardFigures

/// Lookups the figures do not already keep (the organisation tree is
/// `Figures.organisations`), built once per build: a site may have 100,000 units.
struct DataIndex: Sendable {
    /// Positions in `data.people` and `data.commitments`, in file order: not
    /// copies of the records.
    let people: [String: [Int32]]
    let commitments: [String: [Int32]]
    let updates: [String: [CommitmentUpdate]]

    init(_ data: SiteData) {
        var people: [String: [Int32]] = [:]
        for (position, person) in data.people.enumerated() {
            if let org = person.org { people[org, default: []].append(Int32(position)) }
        }
        self.people = people
        var commitments: [String: [Int32]] = [:]
        for (position, commitment) in data.commitments.enumerated() {
            commitments[commitment.org, default: []].append(Int32(position))
        }
        self.commitments = commitments
        updates = Dictionary(grouping: data.commitmentUpdates, by: \.commitment).mapValues { $0.sorted { $0.date < $1.date } }
    }
}

extension SitePlan {
    /// `orgs/` (the tree) and `orgs/<id>/` (one unit's disclosure page).
    mutating func planOrganisationPages(narratives: [RenderedNarrative]) {
        let data = site.data
        guard !data.organisations.isEmpty else { return }
        let related = Dictionary(grouping: narratives.filter { $0.narrative.frontMatter.org != nil }, by: { $0.narrative.frontMatter.org! })

        var treePage = generatedContent(title: site.strings.organisations, address: "orgs/")
        // Each unit's date, once: its page, the sitemap and this tree (the newest of them) use it.
        let plan = self
        unitDates = Dictionary(uniqueKeysWithValues: zip(data.organisations.map(\.id), concurrentMap(data.organisations) { plan.unitAsOf($0.id) }))
        dated(&treePage, asOf: latest(Array(unitDates.values)))
        // Two levels on the tree page; each unit's page lists the units under it.
        let tree = site.figures.organisations
        treePage.tree = tree.organisations.filter { tree.depth[$0.id] == 0 }.map { treeNode($0, from: "orgs/", depth: 2) }
        pages.append(PlannedPage(address: "orgs/", template: "data", content: treePage))

        relatedNarratives = related
        let placeholder = ContentBox(generatedContent(title: "", address: "orgs/"))
        for org in data.organisations {
            pages.append(PlannedPage(address: "orgs/\(org.id)/", template: "data", unit: org.id, placeholder: placeholder))
        }
    }

    /// A unit's page, made when it is written.
    func unitContent(_ id: String) -> PageContent? {
        guard let org = site.figures.organisations.organisation(id) else { return nil }
        let address = "orgs/\(org.id)/"
        var content = generatedContent(title: site.text(org.name), address: address)
        content.summary = org.summary.map(site.text)
        content.breadcrumbs = breadcrumbTrail(for: org, from: address)
        content.blocks = unitBlocks(org, from: address, related: relatedNarratives[org.id] ?? [])
        dated(&content, asOf: unitDates[org.id] ?? unitAsOf(org.id))
        return content
    }

    /// What a page shows: made now for a unit's page and a page of a long
    /// table, planned for the others.
    func content(of page: PlannedPage) -> PageContent {
        if let unit = page.unit, let content = unitContent(unit) { return content }
        var content = page.content
        for table in page.tables {
            content.blocks[table.block].table = tableView(table, from: page.address)
        }
        return content
    }

    private func treeNode(_ org: Organisation, from page: String, depth: Int) -> TreeNode {
        let children = depth > 1 ? childUnits(of: org.id).map { treeNode($0, from: page, depth: depth - 1) } : []
        return TreeNode(name: site.text(org.name), url: site.addresses.link(from: page, to: "orgs/\(org.id)/"), level: levelLabel(org.level), children: children)
    }

    func levelLabel(_ id: String?) -> String {
        guard let id else { return "" }
        return site.config.level(id).map { site.text($0.label) } ?? id
    }

    /// The units directly under a unit, in the order of the organisations file.
    func childUnits(of id: String) -> [Organisation] {
        (site.figures.organisations.children[id] ?? []).compactMap(site.figures.organisations.organisation)
    }

    private func breadcrumbTrail(for org: Organisation, from page: String) -> [Link] {
        var crumbs = [
            Link(title: site.strings.home, url: site.addresses.link(from: page, to: "")),
            Link(title: site.strings.organisations, url: site.addresses.link(from: page, to: "orgs/")),
        ]
        for ancestor in site.figures.organisations.ancestors(of: org.id).reversed() {
            crumbs.append(Link(title: site.orgName(ancestor), url: site.addresses.link(from: page, to: "orgs/\(ancestor)/")))
        }
        return crumbs
    }

    private func unitBlocks(_ org: Organisation, from page: String, related: [RenderedNarrative]) -> [ContentBlock] {
        var blocks: [ContentBlock] = []
        let strings = site.strings

        // Facts: level, the unit above, named numbers.
        var factRows = [RowView(header: CellView(text: strings.level), cells: [CellView(text: levelLabel(org.level))])]
        if let parent = org.parent.flatMap(site.figures.organisations.organisation) {
            factRows.append(RowView(header: CellView(text: strings.parentUnit), cells: [CellView(text: site.text(parent.name), url: site.addresses.link(from: page, to: "orgs/\(parent.id)/"))]))
        }
        for fact in org.facts {
            factRows.append(RowView(header: CellView(text: fact.name), cells: [CellView(text: site.number(fact.value, decimals: FigureFormat.decimalsNeeded(fact.value, limit: 6)), numeric: true)]))
        }
        blocks.append(ContentBlock(
            title: strings.facts, id: "facts",
            table: TableView(caption: strings.facts, columns: [ColumnView(label: strings.item, numeric: false), ColumnView(label: strings.value, numeric: false)], rows: factRows)))

        // People by role, in the order site.yaml lists the roles.
        let roleOrder = Dictionary(site.config.roles.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let people = (site.index.people[org.id] ?? []).map { site.data.people[Int($0)] }.sorted { (roleOrder[$0.role ?? ""] ?? Int.max, $0.since?.text ?? "") < (roleOrder[$1.role ?? ""] ?? Int.max, $1.since?.text ?? "") }
        if !people.isEmpty {
            let rows = people.map { person in
                RowView(header: CellView(text: person.role.flatMap { site.config.role($0) }.map { site.text($0.label) } ?? person.role ?? ""), cells: [
                    CellView(text: site.text(person.name)),
                    CellView(text: person.title.map(site.text) ?? ""),
                    CellView(text: person.since.map { site.dateText($0).text } ?? ""),
                    CellView(text: person.until.map { site.dateText($0).text } ?? ""),
                ])
            }
            blocks.append(ContentBlock(
                title: strings.responsiblePeople, id: "people",
                table: TableView(caption: strings.responsiblePeople, columns: [strings.role, strings.person, strings.position, strings.since, strings.until].map { ColumnView(label: $0, numeric: false) }, rows: rows)))
        }

        blocks += figureBlocks(org, from: page)

        // Commitments with their public check-off history.
        let positions = site.index.commitments[org.id] ?? []
        if !positions.isEmpty {
            blocks.append(ContentBlock(
                title: strings.commitments, id: "commitments",
                table: commitmentTable(positions, caption: strings.commitments, from: page, showUnit: false)))
        }

        // Units under it.
        let children = childUnits(of: org.id)
        if !children.isEmpty {
            let latestRating = site.figures.satisfaction.years.last
            let rows = children.map { child -> RowView in
                let tally = site.figures.commitments.subtree(child.id).allYears
                let rating = latestRating.flatMap { site.figures.satisfaction.rate(org: child.id, year: $0) }
                return RowView(header: CellView(text: site.text(child.name), url: site.addresses.link(from: page, to: "orgs/\(child.id)/")), cells: [
                    CellView(text: levelLabel(child.level)),
                    CellView(text: tally.made > 0 ? "\(tally.fulfilled)/\(tally.made)" : "", numeric: true),
                    CellView(text: tally.rate.map(site.percent) ?? "", numeric: true),
                    CellView(text: rating.map { site.percent($0.rate, decimals: $0.rateDecimals) } ?? "", numeric: true),
                ])
            }
            blocks.append(ContentBlock(
                title: strings.childUnits, id: "units",
                table: table(strings.childUnits, [
                    (strings.name, false), (strings.level, false), (strings.commitments, true), (strings.fulfilmentRate, true),
                    ("\(strings.satisfactionRate)\(latestRating.map { " \($0)" } ?? "")", true),
                ], rows)))
        }

        if !related.isEmpty {
            var block = ContentBlock(title: strings.relatedPages, id: "pages")
            block.links = related.sorted { $0.narrative.address < $1.narrative.address }.map { item in
                PageItem(title: item.title, url: site.addresses.link(from: page, to: item.narrative.address), summary: item.narrative.frontMatter.summary, date: item.narrative.frontMatter.date.map(site.dateText))
            }
            blocks.append(block)
        }
        return blocks
    }

    /// Commitments as a table: the status in words (and by style), when each was
    /// struck off, and every step of its public check-off history. Given by
    /// position in `data.commitments`.
    func commitmentTable(_ positions: some Collection<Int32>, caption: String, from page: String, showUnit: Bool) -> TableView {
        let strings = site.strings
        var columns = [strings.commitment]
        if showUnit { columns.append(strings.organisation) }
        columns += [strings.year, strings.due, strings.status, strings.fulfilledOn, strings.history]
        let commitments = site.data.commitments
        let rows = positions.map { commitmentRow(commitments[Int($0)], from: page, showUnit: showUnit) }
        return TableView(caption: caption, columns: columns.map { ColumnView(label: $0, numeric: false) }, rows: rows)
    }

    private func commitmentRow(_ item: Commitment, from page: String, showUnit: Bool) -> RowView {
        var cells: [CellView] = []
        cells.reserveCapacity(6)
        if showUnit {
            cells.append(CellView(text: site.orgName(item.org), url: site.addresses.link(from: page, to: "orgs/\(item.org)/")))
        }
        let history = (site.index.updates[item.id] ?? []).map { update in
            "\(site.dateText(update.date).text) \(statusText(update.status))" + (update.note.map { ": " + site.text($0) } ?? "")
        }
        let wording = item.wording
        var text = site.text(wording.text)
        if let quantity = wording.quantity {
            let unit = wording.unit ?? ""
            text += " (\(site.number(quantity, decimals: FigureFormat.decimalsNeeded(quantity, limit: 6)))\(unitSpacing(before: unit))\(unit))"
        }
        // Appended one by one: an array literal added to them was an allocation per row.
        cells.append(CellView(text: item.year.map(String.init) ?? ""))
        cells.append(CellView(text: item.due.map { site.dateText($0).text } ?? ""))
        cells.append(statusCell(item))
        cells.append(CellView(text: item.fulfilledOn.map { site.dateText($0).text } ?? ""))
        cells.append(CellView(text: "", lines: history))
        return RowView(header: CellView(text: text), cells: cells)
    }

    /// The typed status, and beside it "Overdue" when the due date has passed
    /// on the commitments' as-of date ("In progress · Overdue"), in words and by style.
    func statusCell(_ item: Commitment) -> CellView {
        guard site.figures.commitments.isOverdue(item) else { return CellView(text: statusText(item.status), state: item.status.rawValue) }
        return CellView(text: "\(statusText(item.status)) · \(site.strings.overdue)", state: "overdue")
    }

    func statusText(_ status: CommitmentStatus) -> String {
        switch status {
        case .pending: return site.strings.statusPending
        case .in_progress: return site.strings.statusInProgress
        case .fulfilled: return site.strings.statusFulfilled
        case .dropped: return site.strings.statusDropped
        }
    }
}


extension SitePlan {
    /// A unit's figures: fulfilment, assessments, satisfaction and its
    /// consequences, funding, indicators.
    func figureBlocks(_ org: Organisation, from page: String) -> [ContentBlock] {
        let strings = site.strings
        let figures = site.figures
        var blocks: [ContentBlock] = []

        let own = figures.commitments.own(org.id)
        let subtree = figures.commitments.subtree(org.id)
        if subtree.allYears.made > 0 {
            let rows = subtree.years.reversed().map { year -> RowView in
                let a = own.tally(year: year), b = subtree.tally(year: year)
                return RowView(header: CellView(text: "\(year)"), cells: [
                    CellView(text: "\(a.fulfilled)/\(a.made)", numeric: true), CellView(text: a.rate.map(site.percent) ?? "", numeric: true),
                    CellView(text: "\(b.fulfilled)/\(b.made)", numeric: true), CellView(text: b.rate.map(site.percent) ?? "", numeric: true),
                    CellView(text: site.change(subtree.rateChange(year: year)) ?? "", numeric: true),
                ])
            }
            var block = ContentBlock(
                title: strings.fulfilmentRate, id: "fulfilment",
                table: table(strings.fulfilmentRate, [
                    (strings.year, false), ("\(strings.own): \(strings.fulfilled)/\(strings.made)", true), (strings.own, true),
                    ("\(strings.subtree): \(strings.fulfilled)/\(strings.made)", true), (strings.subtree, true), (strings.yearBefore, true),
                ], rows, download: "fulfilment", from: page))
            if let rate = subtree.allYears.rate {
                block.figures = [FigureView(label: "\(strings.fulfilmentRate) (\(strings.subtree))", value: site.percent(rate), change: nil)]
            }
            block.figures.append(FigureView(label: "\(strings.overdue) (\(strings.subtree))", value: site.count(subtree.allYears.overdue), change: nil))
            let overdueRules = figures.rules.triggers(org: org.id).filter { $0.rule.metric == .overdue }
            if !overdueRules.isEmpty {
                block.note = "\(strings.consequences): " + overdueRules.map { "\($0.year) \(site.text($0.rule.label))" }.joined(separator: strings.listSeparator)
            }
            blocks.append(block)
        }

        for (result, unit) in figures.assessments.results(org: org.id) {
            let rows = unit.components.map { component in
                RowView(header: CellView(text: site.text(component.label)), cells: [
                    CellView(text: site.number(component.weight), numeric: true),
                    CellView(text: component.score.map { site.number($0, decimals: 2) } ?? "", numeric: true),
                    CellView(text: site.number(component.points, decimals: 2), numeric: true),
                ])
            }
            var block = ContentBlock(
                title: site.text(result.assessment.title), id: "assessment-\(result.id)",
                figures: [
                    FigureView(label: strings.total, value: site.number(unit.total, decimals: unit.totalDecimals), change: site.change(unit.change)),
                    FigureView(label: strings.grade, value: unit.grade.map { site.text($0.label) } ?? "—", change: nil),
                    FigureView(label: strings.rank, value: "\(unit.rank) \(strings.rankOf) \(unit.rankedCount)", change: nil),
                ],
                table: table(site.text(result.assessment.title), [(strings.component, false), (strings.weight, true), (strings.score, true), (strings.points, true)], rows))
            block.chart = ChartView(
                svgHTML: BarChart.svg(
                    bars: unit.components.map { .init(label: site.text($0.label), value: $0.score, text: $0.score.map { site.number($0, decimals: 2) } ?? "") },
                    maximum: 100, title: "\(site.text(result.assessment.title)) · \(strings.score)", description: strings.component, id: "chart-\(result.id)"),
                caption: "\(strings.score) (0–100)")
            block.links = [PageItem(title: site.text(result.assessment.title), url: site.addresses.link(from: page, to: "assessments/\(result.id)/"))]
            blocks.append(block)
        }

        for rate in figures.satisfaction.rates(org: org.id).reversed() {
            let rows = rate.groups.map { group in
                RowView(header: CellView(text: group.group.map(site.text) ?? "—"), cells: [
                    CellView(text: site.count(group.satisfied), numeric: true), CellView(text: site.count(group.total), numeric: true),
                    CellView(text: site.percent(group.rate, decimals: group.rateDecimals), numeric: true),
                ])
            }
            let triggers = figures.rules.ratingTriggers(org: org.id, year: rate.year)
            blocks.append(ContentBlock(
                title: "\(strings.satisfactionRate) · \(rate.year)", id: "satisfaction-\(rate.year)",
                note: triggers.isEmpty ? strings.noneTriggered : "\(strings.consequences): " + triggers.map { site.text($0.rule.label) }.joined(separator: strings.listSeparator),
                figures: [FigureView(label: strings.satisfactionRate, value: site.percent(rate.rate, decimals: rate.rateDecimals), change: site.change(rate.change))],
                table: table("\(strings.satisfactionRate) · \(rate.year)", [(strings.group, false), (strings.satisfied, true), (strings.raters, true), (strings.satisfactionRate, true)], rows)))
        }

        let lines = figures.funding.lines(org: org.id)
        if !lines.isEmpty {
            let rows = lines.map { entry in
                RowView(header: CellView(text: "\(entry.line.year)"), cells: [
                    CellView(text: entry.line.item.map(site.text) ?? ""), CellView(text: entry.line.fundingSource.map(site.text) ?? ""),
                    CellView(text: entry.amount.map { site.money($0, currency: entry.line.currency) } ?? "", numeric: true),
                ])
            }
            blocks.append(ContentBlock(
                title: strings.funding, id: "funding",
                table: table(strings.funding, [(strings.year, false), (strings.item, false), (strings.source, false), (strings.amount, true)], rows)))
        }

        let indicators = figures.indicators.figures(org: org.id)
        if !indicators.isEmpty {
            let rows = indicators.map { figure in
                RowView(header: CellView(text: site.config.indicator(figure.indicator).map { site.text($0.label) } ?? figure.indicator), cells: [
                    CellView(text: "\(figure.year)"),
                    CellView(text: site.number(figure.value), numeric: true),
                    CellView(text: figure.of.map { site.number($0) } ?? "", numeric: true),
                    CellView(text: figure.share.map(site.percent) ?? "", numeric: true),
                    CellView(text: figure.target.map { site.number($0) } ?? "", numeric: true),
                ])
            }
            blocks.append(ContentBlock(
                title: strings.indicators, id: "indicators",
                table: table(strings.indicators, [(strings.indicator, false), (strings.year, false), (strings.value, true), ("/", true), (strings.share, true), (strings.target, true)], rows)))
        }
        return blocks
    }
}

/// The space between a quantity and its unit: "2,950 laptops", "12.4 km",
/// but "46個", "6.9萬米" and "95%" as Chinese and percentages are written.
func unitSpacing(before unit: String) -> String {
    guard let first = unit.unicodeScalars.first, first != "%" else { return "" }
    return first.properties.isIdeographic || (0x3000...0x30FF).contains(first.value) || (0xFF00...0xFFEF).contains(first.value) ? "" : " "
}
