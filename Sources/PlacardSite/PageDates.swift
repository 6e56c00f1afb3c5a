import PlacardContent
import PlacardFigures

/// "Data as of" a data page's as-of date, for `<time datetime>`; `isBuildDate`
/// when the data gives no date, so the page says the date is the build date.
struct AsOfView: Decodable, Sendable, Equatable {
    var date: DateText
    var isBuildDate: Bool
}

/// A generated page's dates come from what it shows, never from the build
/// date where the data gives one: a data page is published and last changed on
/// its as-of date; a generated listing on the newest date of what it lists.
extension SitePlan {
    /// A data page's dates: its as-of date, also shown as "data as of".
    func dated(_ content: inout PageContent, asOf: AsOf) {
        let date = site.dateText(asOf.day)
        content.published = date
        content.updated = date
        content.wasUpdated = false
        content.dataAsOf = AsOfView(date: date, isBuildDate: asOf.source == .buildDate)
    }

    /// A generated listing's dates: the newest of `dates`; the build date when there is none.
    func listingDated(_ content: inout PageContent, newest dates: [ISODate]) {
        guard let newest = dates.max(by: { $0.lastDayNumber < $1.lastDayNumber }) else { return }
        content.published = site.dateText(newest)
        content.updated = content.published
        content.wasUpdated = false
    }

    /// A narrative's last change (`updated`, else its newest change, else `date`); nil when it has no date.
    static func lastChanged(_ matter: FrontMatter) -> ISODate? {
        matter.updated ?? matter.changes.first?.date ?? matter.date
    }

    /// The latest of dates from the data; the build date only when none is from the data.
    func latest(_ dates: [AsOf]) -> AsOf {
        AsOf.latest(dates.filter { $0.source != .buildDate }) ?? AsOf(day: site.figures.asOf.buildDay, source: .buildDate)
    }

    /// The as-of date of every dataset, the format's and the site's own.
    func datasetDates() -> [AsOf] {
        (SiteConfig.formatDatasets + site.data.generic.keys.sorted()).map { site.figures.asOf.dataset($0) }
    }

    /// A unit's page: the latest as-of date of the figures it shows, else the organisations' own.
    func unitAsOf(_ id: String) -> AsOf {
        let figures = site.figures, asOf = figures.asOf
        var dates: [AsOf] = []
        if figures.commitments.subtree(id).allYears.made > 0 { dates.append(asOf.dataset("commitments")) }
        if let year = figures.satisfaction.rates(org: id).last?.year { dates.append(asOf.dataset("evaluations", year: year)) }
        for (result, _) in figures.assessments.results(org: id) {
            dates.append(asOf.dataset("assessments", upTo: result.assessment.year.flatMap { ISODate("\($0)") }))
        }
        if let year = figures.funding.lines(org: id).map(\.line.year).max() { dates.append(asOf.dataset("funding", year: year)) }
        if let year = figures.indicators.figures(org: id).map(\.year).max() { dates.append(asOf.dataset("indicators", year: year)) }
        return dates.isEmpty ? asOf.dataset("organisations") : latest(dates)
    }

    /// A year's summary: the latest as-of date of that year's figures.
    func yearAsOf(_ year: Int) -> AsOf {
        let figures = site.figures, asOf = figures.asOf
        var dates: [AsOf] = []
        if figures.commitments.site.byYear[year] != nil { dates.append(asOf.dataset("commitments")) }
        if figures.satisfaction.years.contains(year) { dates.append(asOf.dataset("evaluations", year: year)) }
        if figures.funding.years.contains(year) { dates.append(asOf.dataset("funding", year: year)) }
        if figures.assessments.results.contains(where: { $0.assessment.year == year }) { dates.append(asOf.dataset("assessments", year: year)) }
        if figures.surveys.contains(where: { $0.date?.year == year }) { dates.append(asOf.dataset("surveys", year: year)) }
        if dates.isEmpty { dates.append(asOf.dataset("indicators", year: year)) }
        return latest(dates)
    }
}
