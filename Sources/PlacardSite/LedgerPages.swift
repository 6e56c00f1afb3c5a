import PlacardContent

extension SitePlan {
    /// How many rows a page of a long list holds; further rows go to numbered pages.
    static let rowsPerPage = 200

    /// `commitments/` (every year) and `commitments/<year>/`, each split into
    /// numbered pages `page-2/`, `page-3/` … so that no page grows without bound.
    /// Pages hold the positions of their commitments, not copies of them.
    mutating func planCommitmentPages() {
        let data = site.data
        guard !data.commitments.isEmpty else { return }
        var byYear: [Int: [Int32]] = [:]
        for (position, commitment) in data.commitments.enumerated() {
            if let year = commitment.year { byYear[year, default: []].append(Int32(position)) }
        }

        var yearLinks: [PageItem] = []
        for year in byYear.keys.sorted(by: >) {
            let address = "commitments/\(year)/"
            planLedger(byYear[year]!, title: "\(site.strings.commitments) · \(year)", address: address, summary: fulfilmentByUnit(year: year, from: address))
            yearLinks.append(PageItem(title: "\(year)", url: address))
        }
        byYear = [:]
        planLedger((0..<Int32(data.commitments.count)).map { $0 }, title: site.strings.commitments, address: "commitments/", years: yearLinks)
    }

    /// Fulfilment by unit for a year: the top units and the units under them,
    /// each with its whole subtree, as a chart and a table.
    private func fulfilmentByUnit(year: Int, from page: String) -> ContentBlock? {
        let figures = site.figures
        let units = figures.organisations.organisations.filter { org in
            let depth = figures.organisations.depth[org.id] ?? 0
            return depth <= 1 && figures.commitments.subtree(org.id).tally(year: year).made > 0
        }
        guard !units.isEmpty else { return nil }
        let strings = site.strings
        let rows = units.map { org -> RowView in
            let tally = figures.commitments.subtree(org.id).tally(year: year)
            return RowView(header: orgCell(org.id, from: page), cells: [
                CellView(text: site.count(tally.made), numeric: true), CellView(text: site.count(tally.fulfilled), numeric: true),
                CellView(text: site.count(tally.dropped), numeric: true), CellView(text: tally.rate.map(site.percent) ?? "", numeric: true),
                CellView(text: site.count(tally.overdue), numeric: true),
            ])
        }
        var block = ContentBlock(
            title: "\(strings.fulfilmentRate) · \(strings.byUnit)", id: "by-unit",
            note: strings.subtree,
            table: table("\(strings.fulfilmentRate) · \(year)", [(strings.organisation, false), (strings.made, true), (strings.fulfilled, true), (strings.dropped, true), (strings.fulfilmentRate, true), (strings.overdue, true)], rows, download: "fulfilment", from: page))
        if units.count <= Self.maximumBars {
            block.chart = ChartView(
                svgHTML: BarChart.svg(
                    bars: units.map { org in
                        let rate = figures.commitments.subtree(org.id).tally(year: year).rate
                        return .init(label: site.text(org.name), value: rate, text: rate.map(site.percent) ?? "")
                    },
                    maximum: 100, title: "\(strings.fulfilmentRate) · \(year)", description: strings.subtree, id: "chart-fulfilment"),
                caption: "\(strings.fulfilmentRate) · \(year)")
        }
        return block
    }

    private mutating func planLedger(_ positions: [Int32], title: String, address: String, years: [PageItem] = [], summary: ContentBlock? = nil) {
        let ledger = LongTable(rows: .commitments(caption: title, positions: positions), count: positions.count, block: "ledger")
        planPaginated(title: title, address: address, tables: [ledger]) { plan, number, here, title in
            var content = plan.generatedContent(title: title, address: here)
            // Statuses and overdue are those of the commitments' as-of date, on every page of a ledger.
            plan.dated(&content, asOf: plan.site.figures.asOf.dataset("commitments"))
            if number == 0, let summary { content.blocks.append(summary) }
            if !years.isEmpty {
                var block = ContentBlock(title: plan.site.strings.years, id: "years")
                block.links = years.map { PageItem(title: $0.title, url: plan.site.addresses.link(from: here, to: $0.url)) }
                content.blocks.append(block)
            }
            content.blocks.append(ContentBlock(title: plan.site.strings.commitments, id: "ledger"))
            return content
        }
    }
}

// MARK: Long tables

extension SitePlan {
    /// A long table to split over numbered pages: what its rows are, how many,
    /// and the id of the block that shows it.
    struct LongTable {
        var rows: PlannedTable.Rows
        var count: Int
        var block: String
    }

    /// Plans long tables over numbered pages of `rowsPerPage` rows each (see
    /// `Pagination`); where a page shows two, they are split together, page k
    /// showing the k-th part of each. `page` makes the content of page
    /// `number` (from 0) at address `here` with its title; a block whose id a
    /// long table names gets that table's rows for the page when the page is
    /// written (a page may leave out the block of a table it has no rows of).
    mutating func planPaginated(
        title: String, address: String, tables: [LongTable],
        page: (SitePlan, _ number: Int, _ here: String, _ title: String) -> PageContent
    ) {
        let paginations = tables.map { Pagination(address: address, rowCount: $0.count) }
        let pagination = paginations.max { $0.pageCount < $1.pageCount } ?? Pagination(address: address, rowCount: 0)
        for number in 0..<pagination.pageCount {
            let here = pagination.address(ofPage: number)
            var content = page(self, number, here, number > 0 ? "\(title) (\(number + 1))" : title)
            content.pagination = pagination.links(current: number, previous: site.strings.previousPage, next: site.strings.nextPage) {
                site.addresses.link(from: here, to: $0)
            }
            var planned: [PlannedTable] = []
            for (table, split) in zip(tables, paginations) {
                guard let block = content.blocks.firstIndex(where: { $0.id == table.block }) else { continue }
                planned.append(PlannedTable(block: block, rows: table.rows, range: split.rows(ofPage: number)))
            }
            pages.append(PlannedPage(address: here, template: "data", content: content, tables: planned))
        }
    }

    /// The table of one page of a long table.
    func tableView(_ table: PlannedTable, from page: String) -> TableView? {
        switch table.rows {
        case .commitments(let caption, let positions):
            return commitmentTable(positions[table.range], caption: caption, from: page, showUnit: true)
        case .satisfaction(let year):
            return satisfactionTable(year: year, rows: table.range, from: page)
        case .assessment(let id):
            return rankingTable(id, rows: table.range, from: page)
        case .consequences(let year):
            return consequencesTable(year: year, rows: table.range, from: page)
        }
    }
}
