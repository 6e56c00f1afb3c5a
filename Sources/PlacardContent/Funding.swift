import Foundation
import PlacardDiagnostics

/// A budget line: an amount, or a per-head basis (`rate` x the organisation's fact `per`).
public struct Funding: DataRecord {
    public var year: Int
    public var org: String
    public var item: LocalizedText?
    /// As given; nil when only a per-head basis is given (see `SiteData.amount(of:)`).
    public var amount: Decimal?
    public var currency: String
    public var fundingSource: LocalizedText?
    public var purpose: LocalizedText?
    public var rate: Decimal?
    /// A fact name of the organisation (`residents`).
    public var per: String?
    public var source: SourceNode

    static let fields = ["year", "org", "item", "amount", "currency", "source", "purpose", "rate", "per"]

    /// `currency` is the site's (site.yaml), for lines that name none.
    static func read(_ records: [SourceNode], currency siteCurrency: String, _ diagnostics: inout Diagnostics) -> [Funding] {
        readRecords(records, known: fields, what: "a funding line", &diagnostics) { record, diagnostics in
            let year = record.int("year", required: true, &diagnostics)
            let org = record.string("org", required: true, &diagnostics)
            let item = record.localized("item", &diagnostics)
            let amount = record.decimal("amount", &diagnostics)
            let currency = record.currency("currency", &diagnostics) ?? siteCurrency
            let fundingSource = record.localized("source", &diagnostics)
            let purpose = record.localized("purpose", &diagnostics)
            let rate = record.decimal("rate", &diagnostics)
            let per = record.string("per", &diagnostics)
            let hasRate = record.value("rate") != nil, hasPer = record.value("per") != nil
            if hasRate && !hasPer {
                diagnostics.error("field 'rate' needs 'per' (the fact it multiplies)", at: record.location("rate"))
            } else if hasPer && !hasRate {
                diagnostics.error("field 'per' needs a 'rate'", at: record.location("per"))
            }
            if record.value("amount") == nil && record.value("rate") == nil {
                diagnostics.error("missing required field 'amount' (or 'rate' and 'per')", at: record.record.location)
            }
            guard let year, let org else { return nil }
            return Funding(year: year, org: org, item: item, amount: amount, currency: currency, fundingSource: fundingSource,
                           purpose: purpose, rate: rate, per: per,
                           source: record.record)
        }
    }
}

/// ISO 4217 currency codes, and the decimals ("minor units") an amount in each is shown with.
public enum Currency {
    /// The codes whose minor units are not 2 (ISO 4217); every other code has 2.
    static let minorUnits: [String: Int] = [
        "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0, "RWF": 0,
        "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
        "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
        "CLF": 4, "UYW": 4,
    ]

    /// The default when site.yaml names no currency.
    public static let siteDefault = "CNY"

    public static func minorUnits(of code: String) -> Int { minorUnits[code] ?? 2 }

    /// Three capital letters, as ISO 4217 writes codes (`CNY`, `USD`, `EUR`).
    public static func isCode(_ text: String) -> Bool {
        text.utf8.count == 3 && text.utf8.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
    }
}

extension RecordFields {
    /// A currency code: `cny` or `yuan` would split a total in two, so only codes are accepted.
    func currency(_ key: String, _ diagnostics: inout Diagnostics) -> String? {
        guard let text = string(key, &diagnostics) else { return nil }
        guard Currency.isCode(text) else {
            diagnostics.error("field '\(key)' must be a three-letter currency code such as CNY, USD or EUR (ISO 4217), found '\(SourceNode.shortened(text))'",
                              at: location(key))
            return nil
        }
        return text
    }
}
