import Foundation
import PlacardContent

/// Numbers as the site's pages show them, from exact decimals (never Double):
/// rounded half up to the stated decimals, trailing zeros kept (59.80%),
/// thousands grouped (1,560). English and Chinese (zh, zh-Hans, zh-Hant),
/// Japanese and Korean share the same digits and separators; a few European
/// languages use their own separators. A minus sign is U+2212 (−).
public enum FigureFormat {
    struct Separators { var group: String; var decimal: String; var percent: String }

    static func separators(_ language: String) -> Separators {
        // The primary subtag, without splitting: this runs for every figure of every page.
        let primary = String(language.prefix { $0 != "-" }).lowercased()
        switch primary {
        case "de", "es", "it", "nl", "pt", "id", "da", "tr": return Separators(group: ".", decimal: ",", percent: "\u{00A0}%")
        case "fr": return Separators(group: "\u{202F}", decimal: ",", percent: "\u{00A0}%")
        case "ru", "uk", "pl", "cs", "sv", "nb", "fi": return Separators(group: "\u{00A0}", decimal: ",", percent: "\u{00A0}%")
        default: return Separators(group: ",", decimal: ".", percent: "%")
        }
    }

    /// `1560` -> `1,560`; `value` rounded half up to `decimals` decimals, zeros kept.
    public static func number(_ value: Decimal, decimals: Int, language: String) -> String {
        let rounded = value.rounded(max(decimals, 0))
        let digits = plainDigits(rounded < 0 ? -rounded : rounded, decimals: max(decimals, 0), language: language)
        return rounded < 0 ? "\u{2212}" + digits : digits
    }

    /// Counts are grouped from their digits directly, as `number(Decimal(value), decimals: 0, ...)` would show them.
    public static func number(_ value: Int, language: String) -> String {
        let digits = grouped(String(value.magnitude), separators(language).group)
        return value < 0 ? "\u{2212}" + digits : digits
    }

    /// `1560` -> `1,560`.
    private static func grouped(_ whole: String, _ separator: String) -> String {
        var grouped = ""
        let count = whole.count
        for (index, digit) in whole.enumerated() {
            if index > 0 && (count - index) % 3 == 0 { grouped += separator }
            grouped.append(digit)
        }
        return grouped
    }

    /// `59.8` -> `59.80%` (two decimals unless told).
    public static func percent(_ value: Decimal, decimals: Int = Percent.decimals, language: String) -> String {
        number(value, decimals: decimals, language: language) + separators(language).percent
    }

    /// A change from the year before: `+1.25`, `−0.50`, and `0.00` for no change.
    public static func change(_ value: Decimal, decimals: Int = Percent.decimals, language: String) -> String {
        let text = number(value, decimals: decimals, language: language)
        return value.rounded(max(decimals, 0)) > 0 ? "+" + text : text
    }

    /// The decimals a value needs, up to `limit`: 1,020,000 has 0, 1.5 has 1, 91.85 has 2.
    public static func decimalsNeeded(_ value: Decimal, limit: Int = 2) -> Int {
        for decimals in 0..<limit where value.rounded(decimals) == value { return decimals }
        return limit
    }

    /// Digits of a non-negative, already rounded value.
    private static func plainDigits(_ value: Decimal, decimals: Int, language: String) -> String {
        let separators = separators(language)
        // Decimal's description is locale-independent: digits, and "." before any fraction.
        let text = "\(value)"
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = String(parts[0])
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        fraction += String(repeating: "0", count: max(0, decimals - fraction.count))
        let digits = grouped(whole, separators.group)
        return decimals > 0 ? digits + separators.decimal + fraction : digits
    }
}
