import Foundation

extension ISODate {
    /// The first day the date covers, `YYYY-MM-DD`: a notice from `2010-01` opens on the 1st.
    public var lowerBound: String {
        Self.day(year, month ?? 1, day ?? 1)
    }

    /// `YYYY-MM-DD`, as `%04d-%02d-%02d` writes it; without `String(format:)`,
    /// which was a tenth of planning a 10,000-page site (dates sort the notices).
    static func day(_ year: Int, _ month: Int, _ day: Int) -> String {
        func padded(_ number: Int, _ width: Int) -> String {
            guard number >= 0 else { return String(format: "%0\(width)d", number) }
            let digits = String(number)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2)
    }

    /// The last day the date covers, `YYYY-MM-DD`: a notice to `2010-01` closes on the 31st.
    public var upperBound: String {
        let lastMonth = month ?? 12
        let lastDay = day ?? Self.daysIn(month: lastMonth, year: year)
        return Self.day(year, lastMonth, lastDay)
    }

    /// For `datetime` attributes and feeds: the date as written, with `T` before a time.
    public var iso: String {
        // Without Foundation when there is nothing to replace: pages ask for it once per date shown.
        guard text.utf8.contains(UInt8(ascii: " ")) else { return text }
        return text.replacingOccurrences(of: " ", with: "T")
    }

}
