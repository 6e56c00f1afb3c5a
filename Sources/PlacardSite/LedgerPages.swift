import PlacardContent

extension SitePlan {
    /// How many rows a page of a long list holds; further rows go to numbered pages.
    static let rowsPerPage = 200

    /// `commitments/` (every year) and `commitments/<year>/`, each split into
    /// numbered pages `page-2/`, `page-3/` … so that no page grows without bound.
    mutating func planCommitmentPages() {
        let data = site.data
        guard !data.commitments.isEmpty else { return }
        let index = DataIndex(data)
        let years = Set(data.commitments.compactMap(\.year)).sorted(by: >)

        var yearLinks: [PageItem] = []
        for year in years {
            let address = "commitments/\(year)/"
            let items = data.commitments.filter { $0.year == year }
            planLedger(items, title: "\(site.strings.commitments) · \(year)", address: address, index: index)
            yearLinks.append(PageItem(title: "\(year)", url: address))
        }
        planLedger(data.commitments, title: site.strings.commitments, address: "commitments/", index: index, years: yearLinks)
    }

    private mutating func planLedger(_ items: [Commitment], title: String, address: String, index: DataIndex, years: [PageItem] = []) {
        let chunks = stride(from: 0, to: max(items.count, 1), by: Self.rowsPerPage).map { Array(items[$0..<min($0 + Self.rowsPerPage, items.count)]) }
        let pageAddresses = chunks.indices.map { $0 == 0 ? address : "\(address)page-\($0 + 1)/" }
        for (number, chunk) in chunks.enumerated() {
            let here = pageAddresses[number]
            var content = generatedContent(title: chunks.count > 1 && number > 0 ? "\(title) (\(number + 1))" : title, address: here)
            if !years.isEmpty {
                var block = ContentBlock(title: site.strings.years, id: "years")
                block.links = years.map { PageItem(title: $0.title, url: site.addresses.link(from: here, to: $0.url)) }
                content.blocks.append(block)
            }
            content.blocks.append(ContentBlock(
                title: site.strings.commitments, id: "ledger",
                table: commitmentTable(chunk, index: index, caption: title, from: here, showUnit: true)))
            if chunks.count > 1 {
                content.pagination = pageAddresses.enumerated().map { offset, target in
                    Link(title: "\(offset + 1)", url: site.addresses.link(from: here, to: target), current: offset == number)
                }
            }
            pages.append(PlannedPage(address: here, template: "data", content: content))
        }
    }
}
