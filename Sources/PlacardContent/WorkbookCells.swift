import Foundation

/// How a cell style shows a number that is a date: which parts its format
/// has. A date cell holds a serial number of days (and a fraction of a day for
/// the time); Placard writes it as the CSV would hold it: `2010-01-01`,
/// `2010-01` for a format with a month and no day, `2010-01-01T08:30` with a time.
struct DateStyle: Equatable {
    var hasDay = true, hasMonth = true, hasYear = true
    var hasTime = false, hasSeconds = false

    /// The formats Excel numbers itself (ECMA-376 18.8.30, with the East Asian ones).
    init?(builtIn id: Int) {
        switch id {
        case 14, 15, 16, 22, 27...31, 36, 50...58: hasTime = id == 22
        case 17: hasDay = false
        case 18, 20, 32, 33: hasDay = false; hasMonth = false; hasYear = false; hasTime = true
        case 19, 21, 45, 46, 47, 34, 35:
            hasDay = false; hasMonth = false; hasYear = false; hasTime = true; hasSeconds = true
        default: return nil
        }
    }

    /// A format's code (`yyyy\-mm\-dd`, `[$-804]yyyy"年"m"月"`), read outside
    /// quoted text, escaped characters and brackets; only its first section
    /// (positive numbers) counts. nil for a format of plain numbers.
    init?(formatCode: String) {
        var letters: [Character] = []
        var quoted = false, escaped = false, bracket = false, bracketed = ""
        for character in formatCode {
            if escaped { escaped = false; continue }
            if quoted { if character == "\"" { quoted = false }; continue }
            if bracket {
                // Colours and locales ([Red], [$-804]) say nothing; elapsed time ([h]:mm:ss) does.
                if character == "]" {
                    bracket = false
                    if let first = bracketed.first, "hms".contains(first), bracketed.allSatisfy({ $0 == first }) { letters.append(first) }
                } else {
                    bracketed.append(Character(character.lowercased()))
                }
                continue
            }
            if character == ";" { break }
            switch character {
            case "\"": quoted = true
            case "\\", "_", "*": escaped = true
            case "[": bracket = true; bracketed = ""
            default: letters.append(Character(character.lowercased()))
            }
        }
        // AM/PM and A/P mark a 12-hour clock: their letters are no month or minute.
        letters = Array(String(letters).replacingOccurrences(of: "am/pm", with: "").replacingOccurrences(of: "a/p", with: ""))
        let hasYear = letters.contains("y")
        let hasDay = letters.contains("d")
        let hasHour = letters.contains("h")
        let hasSeconds = letters.contains("s")
        // `m` is minutes right after an hour or right before seconds, otherwise a month.
        var hasMonth = false
        let significant = letters.filter { "ydhms".contains($0) }
        for (index, letter) in significant.enumerated() where letter == "m" {
            let before = significant[..<index].last { $0 != "m" }
            let after = significant[(index + 1)...].first { $0 != "m" }
            if before != "h" && after != "s" { hasMonth = true }
        }
        guard hasYear || hasDay || hasMonth || hasHour || hasSeconds else { return nil }
        // A time alone has no date parts; a date is as precise as its smallest part.
        self.hasYear = hasYear || hasMonth || hasDay
        self.hasMonth = hasMonth || hasDay
        self.hasDay = hasDay
        hasTime = hasHour || hasSeconds
        self.hasSeconds = hasSeconds
    }

    var isTimeOnly: Bool { !hasYear }
}

/// Cell values as text, exactly: numbers are the decimal text the workbook
/// stores, never passed through binary floating point.
enum CellValue {
    /// A number's stored text in plain decimal notation: `81.45` as it is,
    /// `1.5E-3` as `0.0015`. nil when it is not a number.
    static func plainNumber(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var negative = false
        if index < scalars.count, scalars[index] == "-" || scalars[index] == "+" { negative = scalars[index] == "-"; index += 1 }
        var digits = "", fractionDigits = 0, sawPoint = false, sawDigit = false
        while index < scalars.count, scalars[index] == "." || ("0"..."9").contains(scalars[index]) {
            let scalar = scalars[index]
            if scalar == "." {
                guard !sawPoint else { return nil }
                sawPoint = true
            } else {
                digits.unicodeScalars.append(scalar)
                sawDigit = true
                if sawPoint { fractionDigits += 1 }
            }
            index += 1
        }
        guard sawDigit else { return nil }
        var exponent = 0
        if index < scalars.count {
            guard scalars[index] == "E" || scalars[index] == "e", let value = Int(String(String.UnicodeScalarView(scalars[(index + 1)...]))),
                  abs(value) < 400 else { return nil }
            exponent = value
        } else {
            return text.hasPrefix("+") ? String(text.dropFirst()) : text
        }
        // digits × 10^(exponent − fractionDigits), written out.
        let shift = exponent - fractionDigits
        var integer: String, fraction: String
        if shift >= 0 {
            integer = digits + String(repeating: "0", count: shift)
            fraction = ""
        } else if -shift < digits.count {
            integer = String(digits.dropLast(-shift))
            fraction = String(digits.suffix(-shift))
        } else {
            integer = "0"
            fraction = String(repeating: "0", count: -shift - digits.count) + digits
        }
        while integer.count > 1, integer.hasPrefix("0") { integer.removeFirst() }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let magnitude = fraction.isEmpty ? integer : integer + "." + fraction
        return negative && magnitude.contains(where: { $0 != "0" && $0 != "." }) ? "-" + magnitude : magnitude
    }

    /// A date serial (days, with the time as a fraction) as ISO 8601 text, in
    /// the 1900 system (serial 1 is 1900-01-01; Excel counts a 1900-02-29 that
    /// never was, serial 60) or the 1904 system (serial 0 is 1904-01-01).
    static func date(serial text: String, style: DateStyle, uses1904: Bool) -> Result<String, CellProblem> {
        guard let plain = plainNumber(text), !plain.hasPrefix("-") else { return .failure(.notADate(text)) }
        let parts = plain.split(separator: ".", maxSplits: 1)
        guard var days = Int(parts[0]) else { return .failure(.notADate(text)) }
        // The time to the nearest second, from the fraction's digits (exact: no floating point).
        var seconds = 0
        if parts.count == 2 {
            let fraction = Decimal(string: "0." + parts[1], locale: Locale(identifier: "en_US_POSIX")) ?? 0
            var scaled = fraction * 86_400, rounded = Decimal()
            NSDecimalRound(&rounded, &scaled, 0, .plain)
            seconds = NSDecimalNumber(decimal: rounded).intValue
            if seconds == 86_400 { days += 1; seconds = 0 }
        }
        let time = String(format: "%02d:%02d", seconds / 3600, seconds / 60 % 60) + (style.hasSeconds ? String(format: ":%02d", seconds % 60) : "")
        if style.isTimeOnly { return .success(time) }
        let first: DateComponents  // the day serial 0 stands for
        if uses1904 {
            first = DateComponents(year: 1904, month: 1, day: 1)
        } else {
            guard days != 60 else { return .failure(.leapDay1900) }
            guard days > 0 else { return .failure(.notADate(text)) }
            // Serials after the false leap day count one day too many.
            first = DateComponents(year: 1899, month: 12, day: days < 60 ? 31 : 30)
        }
        guard days < 3_000_000, let start = utc.date(from: first), let date = utc.date(byAdding: .day, value: days, to: start) else {
            return .failure(.notADate(text))
        }
        let civil = utc.dateComponents([.year, .month, .day], from: date)
        guard let year = civil.year, let month = civil.month, let day = civil.day, year <= 9999 else { return .failure(.notADate(text)) }
        var result = String(format: "%04d", year)
        if style.hasMonth { result += String(format: "-%02d", month) }
        if style.hasDay { result += String(format: "-%02d", day) }
        if style.hasTime, style.hasDay { result += "T" + time }
        return .success(result)
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}

/// What is wrong with one cell, said in the cell's place.
enum CellProblem: Error, Equatable {
    case notADate(String)
    case leapDay1900
    case notANumber(String)
    case formulaError(String)
    case noCachedValue
    case noSharedString(String)

    var message: String {
        switch self {
        case .notADate(let text): return "the cell is formatted as a date but holds \(text), which is no day of the workbook's date system"
        case .leapDay1900:
            return "the cell holds 1900-02-29, a day that did not exist (Excel's 1900 date system counts it): correct the date"
        case .notANumber(let text): return "the cell is a number cell but holds '\(SourceNode.shortened(text))'"
        case .formulaError(let code): return "the cell holds the error \(code): correct its formula or its value"
        case .noCachedValue:
            return "the cell's formula has no saved value: open the workbook in a spreadsheet program and save it (Placard does not compute formulas)"
        case .noSharedString(let index): return "the cell names shared string \(index), which the workbook does not have"
        }
    }
}
