import Foundation
import PlacardDiagnostics

/// A value of an indicator defined in site.yaml, for one unit and year.
public struct IndicatorValue: DataRecord {
    public var year: Int
    public var org: String
    public var indicator: String
    public var value: Decimal
    /// Optional denominator: `value` of `of` gives a share.
    public var of: Decimal?
    public var unit: String?
    public var target: Decimal?
    public var source: SourceNode

    static let fields = ["year", "org", "indicator", "value", "of", "unit", "target"]

    static func read(_ records: [SourceNode], _ diagnostics: inout Diagnostics) -> [IndicatorValue] {
        readRecords(records, known: fields, what: "an indicator value", &diagnostics) { record, diagnostics in
            let year = record.int("year", required: true, &diagnostics)
            let org = record.string("org", required: true, &diagnostics)
            let indicator = record.string("indicator", required: true, &diagnostics)
            let value = record.decimal("value", required: true, &diagnostics)
            let of = record.decimal("of", &diagnostics)
            let unit = record.string("unit", &diagnostics)
            let target = record.decimal("target", &diagnostics)
            if let of, of <= 0 {
                diagnostics.error("field 'of' must be more than 0", at: record.location("of"))
            } else if let of, let value {
                // A share is part of a whole: 489 of 442 would publish 110.63%.
                if value > of {
                    diagnostics.error("'value' (\(value)) is more than 'of' (\(of))", at: record.location("value"))
                } else if value < 0 {
                    diagnostics.error("'value' (\(value)) is negative, but 'of' makes it a part of \(of)", at: record.location("value"))
                }
                if let target, target > of {
                    diagnostics.error("'target' (\(target)) is more than 'of' (\(of))", at: record.location("target"))
                }
            }
            guard let year, let org, let indicator, let value else { return nil }
            return IndicatorValue(year: year, org: org, indicator: indicator, value: value, of: of, unit: unit, target: target,
                                  source: record.record)
        }
    }
}
