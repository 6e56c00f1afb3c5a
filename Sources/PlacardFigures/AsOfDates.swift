import PlacardContent

/// The date a dataset's figures describe, and where it comes from: a page
/// built from data says "data as of" it, and takes its own dates from it.
public struct AsOf: Sendable, Hashable {
    public enum Source: String, Sendable {
        /// `datasets: {NAME: {as_of: …}}` in site.yaml.
        case declared
        /// `as_of` in site.yaml.
        case site
        /// The latest dated record of the dataset (or of the page).
        case records
        /// Nothing dated: the build date.
        case buildDate
    }

    /// A whole day (`YYYY-MM-DD`).
    public var day: ISODate
    public var source: Source

    public init(day: ISODate, source: Source) {
        self.day = day.lastDay
        self.source = source
    }

    /// This date, or the last day of `date` where that is earlier: a page of
    /// one year's records is as of that year's end at the latest.
    public func notAfter(_ date: ISODate) -> AsOf {
        date.lastDayNumber < day.lastDayNumber ? AsOf(day: date, source: .records) : self
    }

    /// The later of two dates (a page that shows several datasets).
    public static func latest(_ dates: [AsOf]) -> AsOf? {
        dates.max { $0.day.lastDayNumber < $1.day.lastDayNumber }
    }
}

/// The as-of date of every dataset: its own declared one, else the site's
/// `as_of`, else the latest dated record it holds, else the build date.
///
/// The latest dated record: for commitments the latest `fulfilled_on` or
/// check-off update (due dates say what is to come, not what was seen); for
/// evaluations, funding, indicators and assessments the end of the latest
/// `year`; for surveys the latest `date`. Organisations, people and other
/// datasets hold no such record.
public struct AsOfDates: Sendable {
    public let buildDay: ISODate
    private let byDataset: [String: AsOf]
    private let site: AsOf?
    private let declared: [String: AsOf]

    public init(config: SiteConfig, data: SiteData, buildDay: ISODate) {
        self.buildDay = buildDay.lastDay
        site = config.asOf.map { AsOf(day: $0, source: .site) }
        declared = config.datasets.compactMapValues { settings in settings.asOf.map { AsOf(day: $0, source: .declared) } }
        func latest(_ dates: some Sequence<ISODate?>) -> ISODate? {
            var best: ISODate?
            for case let date? in dates where date.lastDayNumber > (best?.lastDayNumber ?? Int.min) { best = date }
            return best
        }
        func yearEnd(_ years: some Sequence<Int?>) -> ISODate? {
            years.compactMap { $0 }.max().flatMap { ISODate("\($0)") }
        }
        let updates = latest(data.commitmentUpdates.lazy.map(\.date))
        let records: [String: ISODate?] = [
            "commitments": latest([latest(data.commitments.lazy.map(\.fulfilledOn)), updates]),
            "commitment-updates": updates,
            "evaluations": yearEnd(data.evaluations.lazy.map(\.year)),
            "funding": yearEnd(data.funding.lazy.map(\.year)),
            "indicators": yearEnd(data.indicators.lazy.map(\.year)),
            "assessments": yearEnd(data.assessments.lazy.map(\.year)),
            "surveys": latest(data.surveys.lazy.map(\.date)),
        ]
        byDataset = records.compactMapValues { date in date.map { AsOf(day: $0, source: .records) } }
    }

    /// The as-of date of a dataset (`commitments`, `evaluations`, …).
    public func dataset(_ name: String) -> AsOf {
        declared[name] ?? site ?? byDataset[name] ?? AsOf(day: buildDay, source: .buildDate)
    }

    /// The as-of date of a page that shows a dataset's records up to `date`
    /// (one year's ratings, one survey): the dataset's, or the end of `date` where earlier.
    public func dataset(_ name: String, upTo date: ISODate?) -> AsOf {
        let whole = dataset(name)
        return date.map(whole.notAfter) ?? whole
    }

    /// The same for a page of one year.
    public func dataset(_ name: String, year: Int) -> AsOf {
        dataset(name, upTo: ISODate("\(year)"))
    }
}
