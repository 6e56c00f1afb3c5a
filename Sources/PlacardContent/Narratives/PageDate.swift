import Foundation
/// A date as written in front matter: a year, a month, a day, or a moment.
/// Kept as written for display; compared by the interval it stands for.
public struct PageDate: Sendable, Hashable {
    /// Exactly as written: `2010`, `2010-01`, `2010-01-15`, `2018-06-08T13:47:00Z`.
    public let text: String
    public let year: Int
    public let month: Int?
    public let day: Int?
    /// The time of day as written after `T`, if any.
    public let time: String?

    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let datePart: Substring
        var time: String?
        if let t = trimmed.firstIndex(where: { $0 == "T" || $0 == " " }) {
            datePart = trimmed[..<t]
            let rest = String(trimmed[trimmed.index(after: t)...])
            guard Self.isTime(rest) else { return nil }
            time = rest
        } else {
            datePart = Substring(trimmed)
        }
        let parts = datePart.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]) else { return nil }
        var month: Int?
        var day: Int?
        if parts.count > 1 {
            guard parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return nil }
            month = m
        }
        if parts.count > 2 {
            guard parts[2].count == 2, let d = Int(parts[2]), (1...Self.days(inMonth: month!, year: year)).contains(d) else { return nil }
            day = d
        }
        if time != nil, day == nil { return nil }
        self.text = trimmed
        self.year = year
        self.month = month
        self.day = day
        self.time = time
    }

    /// The first day the date covers, `YYYY-MM-DD`.
    public var lowerBound: String {
        String(format: "%04d-%02d-%02d", year, month ?? 1, day ?? 1)
    }

    /// The last day the date covers, `YYYY-MM-DD`.
    public var upperBound: String {
        let m = month ?? 12
        return String(format: "%04d-%02d-%02d", year, m, day ?? Self.days(inMonth: m, year: year))
    }

    /// For `datetime` attributes and feeds: the date as written is valid ISO 8601.
    public var iso: String { text.replacingOccurrences(of: " ", with: "T") }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func isTime(_ text: String) -> Bool {
        // HH:MM[:SS[.fff]][Z|±HH:MM]
        let pattern = #"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$"#
        return text.range(of: pattern, options: .regularExpression) != nil
    }
}
