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

    static func read(_ records: [SourceNode], _ diagnostics: inout Diagnostics) -> [Funding] {
        readRecords(records, known: fields, &diagnostics) { record, diagnostics in
            let year = record.int("year", required: true, &diagnostics)
            let org = record.string("org", required: true, &diagnostics)
            let item = record.localized("item", &diagnostics)
            let amount = record.decimal("amount", &diagnostics)
            let currency = record.string("currency", &diagnostics) ?? "CNY"
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
