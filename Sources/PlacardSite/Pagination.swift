/// A long list split into numbered pages: the first at the list's own address,
/// the others at `page-2/`, `page-3/` … below it. Each page links to a window
/// of the others (the first, the last, and a few on either side of itself),
/// so the links a page carries do not grow with the list.
struct Pagination: Sendable, Equatable {
    /// The address of the first page.
    let address: String
    /// How many rows the list has in all.
    let rowCount: Int
    let rowsPerPage: Int

    /// Pages shown on either side of the current one.
    static let radius = 2

    init(address: String, rowCount: Int, rowsPerPage: Int = SitePlan.rowsPerPage) {
        self.address = address
        self.rowCount = rowCount
        self.rowsPerPage = rowsPerPage
    }

    /// At least one page, even for an empty list.
    var pageCount: Int { max(1, (rowCount + rowsPerPage - 1) / rowsPerPage) }

    /// `number` counts from 0.
    func address(ofPage number: Int) -> String {
        number == 0 ? address : "\(address)page-\(number + 1)/"
    }

    /// The rows on page `number` (from 0); none past the last page.
    func rows(ofPage number: Int) -> Range<Int> {
        let start = min(number * rowsPerPage, rowCount)
        return start..<min(start + rowsPerPage, rowCount)
    }

    /// The pages page `current` links to, in order; nil where pages are left
    /// out. A gap of a single page shows that page instead.
    static func window(current: Int, count: Int, radius: Int = radius) -> [Int?] {
        guard count > 1 else { return [] }
        var shown = Set([0, count - 1])
        for number in max(0, current - radius)...min(count - 1, current + radius) { shown.insert(number) }
        var result: [Int?] = []
        var previous: Int?
        for number in shown.sorted() {
            if let previous, number - previous == 2 {
                result.append(previous + 1)
            } else if let previous, number - previous > 2 {
                result.append(nil)
            }
            result.append(number)
            previous = number
        }
        return result
    }

    /// The pagination of page `current` (from 0), with links relative to it:
    /// the previous page, the window of numbered pages, the next page.
    /// Empty when the list fits on one page.
    func links(current: Int, previous: String, next: String, link: (String) -> String) -> [PageLink] {
        let count = pageCount
        guard count > 1 else { return [] }
        var links: [PageLink] = []
        if current > 0 {
            links.append(PageLink(title: previous, url: link(address(ofPage: current - 1)), rel: "prev"))
        }
        for number in Self.window(current: current, count: count) {
            if let number {
                links.append(PageLink(title: "\(number + 1)", url: link(address(ofPage: number)), current: number == current))
            } else {
                links.append(PageLink(title: "…", url: nil))
            }
        }
        if current + 1 < count {
            links.append(PageLink(title: next, url: link(address(ofPage: current + 1)), rel: "next"))
        }
        return links
    }
}
