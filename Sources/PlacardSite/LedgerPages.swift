import PlacardContent

extension SitePlan {
    /// How many rows a page of a long list holds; further rows go to numbered pages.
    static let rowsPerPage = 200

    /// `commitments/` (every year) and `commitments/<year>/`, each split into
    /// numbered pages `page-2/`, `page-3/` … so that no page grows without bound.
    mutating func planCommitmentPages() {
        let data = site.data
        guard !data.commitments.isEmpty else { return }
        let years = Set(data.commitments.compactMap(\.year)).sorted(by: >)

        var yearLinks: [PageItem] = []
        for year in years {
            let address = "commitments/\(year)/"
            let items = data.commitments.filter { $0.year == year }
            planLedger(items, title: "\(site.strings.commitments) · \(year)", address: address, summary: fulfilmentByUnit(year: year, from: address))
            yearLinks.append(PageItem(title: "\(year)", url: address))
        }
        planLedger(data.commitments, title: site.strings.commitments, address: "commitments/", years: yearLinks)
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
            ])
        }
        var block = ContentBlock(
            title: "\(strings.fulfilmentRate) · \(strings.byUnit)", id: "by-unit",
            note: strings.subtree,
            table: table("\(strings.fulfilmentRate) · \(year)", [(strings.organisation, false), (strings.made, true), (strings.fulfilled, true), (strings.dropped, true), (strings.fulfilmentRate, true)], rows, download: "fulfilment", from: page))
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

    private mutating func planLedger(_ items: [Commitment], title: String, address: String, years: [PageItem] = [], summary: ContentBlock? = nil) {
        let chunks = stride(from: 0, to: max(items.count, 1), by: Self.rowsPerPage).map { Array(items[$0..<min($0 + Self.rowsPerPage, items.count)]) }
        let pageAddresses = chunks.indices.map { $0 == 0 ? address : "\(address)page-\($0 + 1)/" }
        for (number, chunk) in chunks.enumerated() {
            let here = pageAddresses[number]
            var content = generatedContent(title: chunks.count > 1 && number > 0 ? "\(title) (\(number + 1))" : title, address: here)
            if number == 0, let summary { content.blocks.append(summary) }
            if !years.isEmpty {
                var block = ContentBlock(title: site.strings.years, id: "years")
                block.links = years.map { PageItem(title: $0.title, url: site.addresses.link(from: here, to: $0.url)) }
                content.blocks.append(block)
            }
            content.blocks.append(ContentBlock(
                title: site.strings.commitments, id: "ledger",
                table: commitmentTable(chunk, caption: title, from: here, showUnit: true)))
            if chunks.count > 1 {
                content.pagination = pageAddresses.enumerated().map { offset, target in
                    Link(title: "\(offset + 1)", url: site.addresses.link(from: here, to: target), current: offset == number)
                }
            }
            pages.append(PlannedPage(address: here, template: "data", content: content))
        }
    }
}
