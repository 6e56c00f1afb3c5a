import Foundation
import PlacardDiagnostics

/// A satisfaction rating of a unit by one group for one year.
public struct Evaluation: DataRecord {
    public var org: String
    public var year: Int
    /// Who rated (黨員, 村民代表...).
    public var group: LocalizedText?
    public var satisfied: Int
    public var total: Int
    public var source: SourceNode

    static let fields = ["org", "year", "group", "satisfied", "total"]

    static func read(_ records: [SourceNode], _ diagnostics: inout Diagnostics) -> [Evaluation] {
        readRecords(records, known: fields, what: "an evaluation", &diagnostics) { record, diagnostics in
            let org = record.string("org", required: true, &diagnostics)
            let year = record.int("year", required: true, &diagnostics)
            let group = record.localized("group", &diagnostics)
            let satisfied = record.count("satisfied", required: true, &diagnostics)
            let total = record.count("total", required: true, &diagnostics)
            guard let org, let year, let satisfied, let total else { return nil }
            if total == 0 {
                diagnostics.error("field 'total' must be more than 0", at: record.location("total"))
                return nil
            }
            if satisfied > total {
                diagnostics.error("'satisfied' (\(satisfied)) is more than 'total' (\(total))", at: record.location("satisfied"))
                return nil
            }
            return Evaluation(org: org, year: year, group: group, satisfied: satisfied, total: total,
                              source: record.record)
        }
    }
}
