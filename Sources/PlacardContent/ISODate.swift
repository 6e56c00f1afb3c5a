/// An ISO 8601 date as a publisher writes it: a year (`2009`), a month
/// (`2009-07`), a day (`2009-07-01`), or a day with a time
/// (`2018-06-08T13:47:00Z`). The text is kept as written for display.
public struct ISODate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int?
    public var day: Int?
    /// Everything after `T`, as written (`13:47:00Z`).
    public var time: String?
    public var text: String

    public var description: String { text }

    /// nil when `text` is not one of the accepted forms or names no real day.
    public init?(_ text: String) {
        let trimmed = text.trimmingSpaces()
        var datePart = Substring(trimmed)
        var timePart: Substring?
        if let t = trimmed.firstIndex(where: { $0 == "T" || $0 == " " }) {
            datePart = trimmed[..<t]
            timePart = trimmed[trimmed.index(after: t)...]
        }
        let pieces = datePart.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(pieces.count),
              pieces[0].count == 4, let year = Self.number(pieces[0]) else { return nil }
        self.year = year
        self.text = trimmed
        if pieces.count >= 2 {
            guard pieces[1].count == 2, let month = Self.number(pieces[1]), (1...12).contains(month) else { return nil }
            self.month = month
        }
        if pieces.count == 3 {
            guard pieces[2].count == 2, let day = Self.number(pieces[2]),
                  day >= 1, day <= Self.daysIn(month: self.month!, year: year) else { return nil }
            self.day = day
        }
        if let timePart {
            guard day != nil, Self.isTime(timePart) else { return nil }
            time = String(timePart)
        }
    }

    public static func < (a: ISODate, b: ISODate) -> Bool {
        (a.year, a.month ?? 0, a.day ?? 0, a.time ?? "") < (b.year, b.month ?? 0, b.day ?? 0, b.time ?? "")
    }

    private static func number(_ text: Substring) -> Int? {
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `HH:MM`, `HH:MM:SS`, `HH:MM:SS.fff`, then optionally `Z` or `+HH:MM`.
    private static func isTime(_ text: Substring) -> Bool {
        var rest = text
        var zone: Substring = ""
        if rest.hasSuffix("Z") {
            rest = rest.dropLast()
        } else if let sign = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            zone = rest[rest.index(after: sign)...]
            rest = rest[..<sign]
            guard isClock(zone, allowSeconds: false) else { return false }
        }
        return isClock(rest, allowSeconds: true)
    }

    private static func isClock(_ text: Substring, allowSeconds: Bool) -> Bool {
        var main = text
        if allowSeconds, let dot = text.firstIndex(of: ".") {
            let fraction = text[text.index(after: dot)...]
            guard !fraction.isEmpty, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            main = text[..<dot]
        }
        let parts = main.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || (allowSeconds && parts.count == 3) else { return false }
        let limits = [23, 59, 60]
        for (index, part) in parts.enumerated() {
            guard part.count == 2, let value = number(part), value <= limits[index] else { return false }
        }
        return true
    }
}

import Foundation
