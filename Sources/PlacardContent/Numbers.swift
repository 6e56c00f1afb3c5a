import Foundation

/// Exact decimal numbers from their literal text. Never through `Double`:
/// 81.45 must stay 81.45 on every page and in every sum.
public enum DecimalLiteral {
    /// Whether `text` is a plain decimal literal: `12`, `-3.5`, `.5`, `1e3`.
    /// Hex, octal, `.inf`, `.nan` and thousands separators are not numbers here.
    public static func isNumber(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        if let first = scalars.first, first == "+" || first == "-" { scalars = scalars.dropFirst() }
        var digits = 0
        while let c = scalars.first, isDigit(c) { digits += 1; scalars = scalars.dropFirst() }
        if scalars.first == "." {
            scalars = scalars.dropFirst()
            while let c = scalars.first, isDigit(c) { digits += 1; scalars = scalars.dropFirst() }
        }
        guard digits > 0 else { return false }
        if let e = scalars.first, e == "e" || e == "E" {
            scalars = scalars.dropFirst()
            if let sign = scalars.first, sign == "+" || sign == "-" { scalars = scalars.dropFirst() }
            var exponentDigits = 0
            while let c = scalars.first, isDigit(c) { exponentDigits += 1; scalars = scalars.dropFirst() }
            guard exponentDigits > 0 else { return false }
        }
        return scalars.isEmpty
    }

    /// The exact value of a literal, or nil when it is not a number or lies
    /// beyond what `Decimal` holds exactly (38 significant digits) or safely:
    /// `Decimal`'s `*` traps when an exponent passes ±128, so inputs keep
    /// theirs within ±40 and products of a few figures stay far from it.
    public static func decimal(_ text: String) -> Decimal? {
        let trimmed = text.trimmingSpaces()
        // Whole numbers skip Foundation's parser: the same Decimal, exponent and digits alike.
        if let whole = plainInteger(trimmed, digits: 18) { return Decimal(whole) }
        guard isNumber(trimmed) else { return nil }
        var literal = trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed
        if literal.hasPrefix(".") { literal = "0" + literal }
        if literal.hasPrefix("-.") { literal = "-0" + literal.dropFirst() }
        let mantissa = literal.prefix { $0 != "e" && $0 != "E" }
        let significant = mantissa.filter(\.isNumber).drop { $0 == "0" }
        guard significant.count <= 38 else { return nil }
        if let e = literal.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let exponent = Int(literal[literal.index(after: e)...]), abs(exponent) <= 100 else { return nil }
        }
        guard let value = Decimal(string: literal, locale: posix),
              value.isZero || (-40...40).contains(value.exponent) else { return nil }
        return value
    }

    /// An optional sign and 1 to `digits` ASCII digits (at most 18, so it fits an Int), as an Int; nil for anything else.
    static func plainInteger(_ text: String, digits: Int) -> Int? {
        var body = text.utf8[...]
        if let sign = body.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { body = body.dropFirst() }
        guard !body.isEmpty, body.count <= min(digits, 18),
              body.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return Int(text)
    }

    /// Made once, not for every number read.
    private static let posix = Locale(identifier: "en_US_POSIX")

    /// The number of digits after the decimal point as written: 0.08 has 2.
    public static func fractionDigits(_ text: String) -> Int {
        guard let dot = text.firstIndex(of: ".") else { return 0 }
        return text[text.index(after: dot)...].prefix(while: \.isNumber).count
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
}

extension Decimal {
    /// Rounded half away from zero to `scale` decimals, as people round by hand.
    public func rounded(_ scale: Int) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, .plain)
        return result
    }

    /// Whole part, rounded down: for ordering and integer checks.
    var isWhole: Bool {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, 0, .down)
        return result == self
    }
}
