import Foundation

extension ISODate {
    /// The first day the date covers, `YYYY-MM-DD`: a notice from `2010-01` opens on the 1st.
    public var lowerBound: String {
        String(format: "%04d-%02d-%02d", year, month ?? 1, day ?? 1)
    }

    /// The last day the date covers, `YYYY-MM-DD`: a notice to `2010-01` closes on the 31st.
    public var upperBound: String {
        let lastMonth = month ?? 12
        let lastDay = day ?? Self.daysIn(month: lastMonth, year: year)
        return String(format: "%04d-%02d-%02d", year, lastMonth, lastDay)
    }

    /// For `datetime` attributes and feeds: the date as written, with `T` before a time.
    public var iso: String {
        // Without Foundation when there is nothing to replace: pages ask for it once per date shown.
        guard text.utf8.contains(UInt8(ascii: " ")) else { return text }
        return text.replacingOccurrences(of: " ", with: "T")
    }

}
