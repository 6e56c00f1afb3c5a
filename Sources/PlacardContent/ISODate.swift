/// An ISO 8601 date as a publisher writes it: a year (`2009`), a month
/// (`2009-07`), a day (`2009-07-01`), or a day with a time
/// (`2018-06-08T13:47:00Z`). The text is kept as written for display.
public struct ISODate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let text: String
    // Packed (0: none), with the time read from `text`: 24 bytes instead of 72,
    // for two dates in each of a million commitments.
    private let packedYear: Int32
    private let packedMonth: UInt8
    private let packedDay: UInt8

    public var year: Int { Int(packedYear) }
    public var month: Int? { packedMonth == 0 ? nil : Int(packedMonth) }
    public var day: Int? { packedDay == 0 ? nil : Int(packedDay) }
    /// Everything after `T` (or the space), as written (`13:47:00Z`).
    public var time: String? {
        text.firstIndex(where: Self.isTimeSeparator).map { String(text[text.index(after: $0)...]) }
    }

    public var description: String { text }

    private static func isTimeSeparator(_ character: Character) -> Bool { character == "T" || character == " " }

    /// nil when `text` is not one of the accepted forms or names no real day.
    public init?(_ text: String) {
        let trimmed = text.trimmingSpaces()
        if let (year, month, day) = Self.plainDay(trimmed) {
            guard day <= Self.daysIn(month: month, year: year) else { return nil }
            self.text = trimmed
            packedYear = Int32(year)
            packedMonth = UInt8(month)
            packedDay = UInt8(day)
            return
        }
        var datePart = Substring(trimmed)
        var timePart: Substring?
        if let t = trimmed.firstIndex(where: Self.isTimeSeparator) {
            datePart = trimmed[..<t]
            timePart = trimmed[trimmed.index(after: t)...]
        }
        let pieces = datePart.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(pieces.count),
              pieces[0].count == 4, let year = Self.number(pieces[0]) else { return nil }
        var month = 0, day = 0
        if pieces.count >= 2 {
            guard pieces[1].count == 2, let number = Self.number(pieces[1]), (1...12).contains(number) else { return nil }
            month = number
        }
        if pieces.count == 3 {
            guard pieces[2].count == 2, let number = Self.number(pieces[2]),
                  number >= 1, number <= Self.daysIn(month: month, year: year) else { return nil }
            day = number
        }
        if let timePart {
            guard day != 0, Self.isTime(timePart) else { return nil }
        }
        self.text = trimmed
        packedYear = Int32(year)
        packedMonth = UInt8(month)
        packedDay = UInt8(day)
    }

    public static func < (a: ISODate, b: ISODate) -> Bool {
        (a.year, a.month ?? 0, a.day ?? 0, a.time ?? "") < (b.year, b.month ?? 0, b.day ?? 0, b.time ?? "")
    }

    /// `YYYY-MM-DD` read from its bytes, the form nearly every date has; nil
    /// for any other form (read by the general steps below, which agree on this one).
    private static func plainDay(_ text: String) -> (Int, Int, Int)? {
        let parsed = text.utf8.withContiguousStorageIfAvailable { bytes -> (Int, Int, Int)? in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
            func digits(_ range: ClosedRange<Int>) -> Int? {
                var value = 0
                for index in range {
                    guard bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") else { return nil }
                    value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                }
                return value
            }
            guard let year = digits(0...3), let month = digits(5...6), let day = digits(8...9),
                  (1...12).contains(month), day >= 1 else { return nil }
            return (year, month, day)
        }
        return parsed ?? nil
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
