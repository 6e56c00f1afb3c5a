import Foundation
import PlacardDiagnostics

/// Where a commitment stands.
public enum CommitmentStatus: String, Sendable, CaseIterable {
    case pending, in_progress, fulfilled, dropped
}

/// An item a unit or a person promised for the year.
public struct Commitment: DataRecord {
    public var id: String
    public var org: String
    public var year: Int?
    public var text: LocalizedText
    public var category: String?
    public var due: ISODate?
    public var status: CommitmentStatus
    public var fulfilledOn: ISODate?
    public var evidence: String?
    public var quantity: Decimal?
    public var unit: String?
    public var person: String?
    public var source: SourceNode

    static let fields = ["id", "org", "year", "text", "category", "due", "status", "fulfilled_on", "evidence",
                         "quantity", "unit", "person"]

    static func read(_ records: [SourceNode], _ diagnostics: inout Diagnostics) -> [Commitment] {
        readRecords(records, known: fields, &diagnostics) { record, diagnostics in
            let id = record.id("id", required: true, &diagnostics)
            let org = record.string("org", required: true, &diagnostics)
            let year = record.int("year", &diagnostics)
            let text = record.localized("text", required: true, &diagnostics)
            let category = record.string("category", &diagnostics)
            let due = record.date("due", &diagnostics)
            let status = record.choice("status", as: CommitmentStatus.self, what: "status", &diagnostics)
            let fulfilledOn = record.date("fulfilled_on", &diagnostics)
            let evidence = record.string("evidence", &diagnostics)
            let quantity = record.decimal("quantity", &diagnostics)
            let unit = record.string("unit", &diagnostics)
            let person = record.string("person", &diagnostics)
            guard let id, let org, let text else { return nil }
            return Commitment(id: id, org: org, year: year, text: text, category: category, due: due,
                              status: status ?? .pending, fulfilledOn: fulfilledOn, evidence: evidence,
                              quantity: quantity, unit: unit, person: person,
                              source: record.record)
        }
    }
}

/// One entry of a commitment's public check-off history.
public struct CommitmentUpdate: DataRecord {
    public var commitment: String
    public var date: ISODate
    public var status: CommitmentStatus
    public var note: LocalizedText?
    public var source: SourceNode

    static let fields = ["commitment", "date", "status", "note"]

    static func read(_ records: [SourceNode], _ diagnostics: inout Diagnostics) -> [CommitmentUpdate] {
        readRecords(records, known: fields, &diagnostics) { record, diagnostics in
            let commitment = record.string("commitment", required: true, &diagnostics)
            let date = record.date("date", required: true, &diagnostics)
            let status = record.choice("status", as: CommitmentStatus.self, what: "status", required: true, &diagnostics)
            let note = record.localized("note", &diagnostics)
            guard let commitment, let date, let status else { return nil }
            return CommitmentUpdate(commitment: commitment, date: date, status: status, note: note,
                                    source: record.record)
        }
    }
}
