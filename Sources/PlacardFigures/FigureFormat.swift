import Foundation
import PlacardContent

/// Numbers as the site's pages show them, from exact decimals (never Double):
/// rounded half up to the stated decimals, trailing zeros kept (59.80%),
/// thousands grouped (1,560). English and Chinese (zh, zh-Hans, zh-Hant),
/// Japanese and Korean share the same digits and separators; a few European
/// languages use their own separators. A minus sign is U+2212 (−).
public enum FigureFormat {
    struct Separators { var group: String; var decimal: String; var percent: String }

    /// Languages whose separators differ from English's, by their primary subtag
    /// (two letters, read as one number: no String is made per figure).
    private static let separatorsByLanguage: [UInt16: Separators] = {
        var table: [UInt16: Separators] = [:]
        func add(_ languages: [StaticString], _ separators: Separators) {
            for language in languages { table[code(language.utf8Start[0], language.utf8Start[1])] = separators }
        }
        add(["de", "es", "it", "nl", "pt", "id", "da", "tr"], Separators(group: ".", decimal: ",", percent: "\u{00A0}%"))
        add(["fr"], Separators(group: "\u{202F}", decimal: ",", percent: "\u{00A0}%"))
        add(["ru", "uk", "pl", "cs", "sv", "nb", "fi"], Separators(group: "\u{00A0}", decimal: ",", percent: "\u{00A0}%"))
        return table
    }()
    private static let englishSeparators = Separators(group: ",", decimal: ".", percent: "%")

    static func separators(_ language: String) -> Separators {
        // Every code above is two ASCII letters, so only a two-letter primary subtag
        // is looked up, lowercased byte by byte: this runs for every figure of every page.
        var bytes = language.utf8.makeIterator()
        guard let first = bytes.next(), let second = bytes.next(), first < 0x80, second < 0x80 else { return englishSeparators }
        if let third = bytes.next(), third != UInt8(ascii: "-") { return englishSeparators }
        func lowercased(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte + 0x20 : byte }
        return separatorsByLanguage[code(lowercased(first), lowercased(second))] ?? englishSeparators
    }

    private static func code(_ first: UInt8, _ second: UInt8) -> UInt16 { UInt16(first) << 8 | UInt16(second) }

    /// `1560` -> `1,560`; `value` rounded half up to `decimals` decimals, zeros kept.
    public static func number(_ value: Decimal, decimals: Int, language: String) -> String {
        let separators = separators(language)
        return formatted(value, decimals: decimals, group: separators.group, decimal: separators.decimal)
    }

    /// As `number` in English without thousands separators (`1560.50`, `−3`): the figures of downloads.
    public static func ungrouped(_ value: Decimal, decimals: Int) -> String {
        formatted(value, decimals: decimals, group: "", decimal: ".")
    }

    private static func formatted(_ value: Decimal, decimals: Int, group: String, decimal: String) -> String {
        let places = max(decimals, 0)
        // A value with no more decimals than shown is its own rounding: most
        // figures read from data are, and NSDecimalRound takes about a microsecond.
        let rounded = value.isFinite && value.exponent >= -places ? value : value.rounded(places)
        let negative = rounded < 0
        let magnitude = negative ? -rounded : rounded
        let (whole, fraction) = scaledDigits(magnitude, decimals: places) ?? describedDigits(magnitude, decimals: places)
        var text = group.isEmpty ? whole : grouped(whole, group)
        if places > 0 { text += decimal + fraction }
        return negative ? "\u{2212}" + text : text
    }

    /// Counts are grouped from their digits directly, as `number(Decimal(value), decimals: 0, ...)` would show them.
    public static func number(_ value: Int, language: String) -> String {
        let digits = grouped(String(value.magnitude), separators(language).group)
        return value < 0 ? "\u{2212}" + digits : digits
    }

    /// `1560` -> `1,560`.
    private static func grouped(_ whole: String, _ separator: String) -> String {
        var grouped: [UInt8] = []
        let digits = Array(whole.utf8)
        grouped.reserveCapacity(digits.count + digits.count / 3 * separator.utf8.count)
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped += separator.utf8 }
            grouped.append(digit)
        }
        return String(decoding: grouped, as: UTF8.self)
    }

    /// `59.8` -> `59.80%` (two decimals unless told).
    public static func percent(_ value: Decimal, decimals: Int = Percent.decimals, language: String) -> String {
        number(value, decimals: decimals, language: language) + separators(language).percent
    }

    /// An amount of money at its currency's minor units, with the currency's code:
    /// `1,720,000.50 CNY`, `3,000 JPY` (a no-break space before the code).
    /// `decimals` overrides the minor units (an inline figure's `decimals=N`).
    public static func money(_ value: Decimal, currency: String, decimals: Int? = nil, language: String) -> String {
        number(value, decimals: decimals ?? Currency.minorUnits(of: currency), language: language) + "\u{00A0}" + currency
    }

    /// A change of an amount of money: `+1,020,000.00 CNY`.
    public static func moneyChange(_ value: Decimal, currency: String, decimals: Int? = nil, language: String) -> String {
        change(value, decimals: decimals ?? Currency.minorUnits(of: currency), language: language) + "\u{00A0}" + currency
    }

    /// A change from the year before: `+1.25`, `−0.50`, and `0.00` for no change.
    public static func change(_ value: Decimal, decimals: Int = Percent.decimals, language: String) -> String {
        let text = number(value, decimals: decimals, language: language)
        return value.rounded(max(decimals, 0)) > 0 ? "+" + text : text
    }

    /// The decimals a value needs, up to `limit`: 1,020,000 has 0, 1.5 has 1, 91.85 has 2.
    public static func decimalsNeeded(_ value: Decimal, limit: Int = 2) -> Int {
        // A whole number's exponent says so without rounding it.
        if value.isFinite && value.exponent >= 0 { return 0 }
        for decimals in 0..<limit where value.rounded(decimals) == value { return decimals }
        return limit
    }

    /// The whole and fraction digits (`decimals` of them) of a non-negative
    /// value, from `Decimal`'s description. It takes about 2 µs a number.
    static func describedDigits(_ value: Decimal, decimals: Int) -> (whole: String, fraction: String) {
        // Decimal's description is locale-independent: digits, and "." before any fraction.
        let text = "\(value)"
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        fraction += String(repeating: "0", count: max(0, decimals - fraction.count))
        return (String(parts[0]), fraction)
    }

    /// The same digits from the value counted in units of 10^-decimals, when that
    /// count has at most 15 digits: the significand is then exact as a Double.
    /// Nil for anything else (large values, more decimals than rounded to), which
    /// `describedDigits` handles.
    static func scaledDigits(_ value: Decimal, decimals: Int) -> (whole: String, fraction: String)? {
        let shift = value.exponent + decimals
        guard value >= 0, (0...15).contains(decimals), (0...15).contains(shift) else { return nil }
        let significand = Double(truncating: value.significand as NSNumber)
        guard significand < 1e15 else { return nil }
        var scaled = Int64(significand)
        for _ in 0..<shift {
            let (product, overflow) = scaled.multipliedReportingOverflow(by: 10)
            guard !overflow, product < 1_000_000_000_000_000 else { return nil }
            scaled = product
        }
        var unit: Int64 = 1
        for _ in 0..<decimals { unit *= 10 }
        let fraction = String(scaled % unit)
        return (String(scaled / unit), decimals == 0 ? "" : String(repeating: "0", count: decimals - fraction.count) + fraction)
    }
}
