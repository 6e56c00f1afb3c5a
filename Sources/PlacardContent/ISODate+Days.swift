extension ISODate {
    /// The first day the date covers as a number `YYYYMMDD`, for comparing
    /// days without making text (a million commitments are compared).
    public var firstDayNumber: Int { year * 10_000 + (month ?? 1) * 100 + (day ?? 1) }

    /// The last day the date covers, `YYYYMMDD`: `2009-12` ends on 20091231.
    public var lastDayNumber: Int {
        let lastMonth = month ?? 12
        return year * 10_000 + lastMonth * 100 + (day ?? Self.daysIn(month: lastMonth, year: year))
    }

    /// The last day the date covers, as a date of its own (`2009-12` → `2009-12-31`).
    public var lastDay: ISODate { ISODate(upperBound)! }
}
