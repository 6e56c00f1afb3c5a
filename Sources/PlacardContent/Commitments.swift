import Foundation
import PlacardDiagnostics

/// Where a commitment stands.
public enum CommitmentStatus: String, Sendable, CaseIterable {
    case pending, in_progress, fulfilled, dropped
}

/// An item a unit or a person promised for the year.
///
/// Keeps what figures and checks need; its wording (text, quantity, unit) is
/// read again from `source` when a page shows it: held, it took about 190 MB at
/// a million commitments, for values read once. Category and evidence stay in
/// `source` only, for dataset tables.
public struct Commitment: DataRecord {
    public var id: String
    public var org: String
    public var year: Int?
    public var due: ISODate?
    public var status: CommitmentStatus
    public var fulfilledOn: ISODate?
    public var person: String?
    public var source: SourceNode

    static let fields = ["id", "org", "year", "text", "category", "due", "status", "fulfilled_on", "evidence",
                         "quantity", "unit", "person"]

    static func read(_ records: [SourceNode], _ diagnostics: inout Diagnostics) -> [Commitment] {
        readRecords(records, known: fields, what: "a commitment", &diagnostics) { record, diagnostics in
            let id = record.id("id", required: true, &diagnostics)
            let org = record.string("org", required: true, &diagnostics)
            let year = record.int("year", &diagnostics)
            let wording = CommitmentWording(record, &diagnostics)
            _ = record.string("category", &diagnostics)  // checked; kept in `source` only
            let due = record.date("due", &diagnostics)
            let status = record.choice("status", as: CommitmentStatus.self, what: "status", &diagnostics)
            let fulfilledOn = record.date("fulfilled_on", &diagnostics)
            _ = record.string("evidence", &diagnostics)  // the same
            let person = record.string("person", &diagnostics)
            guard let id, let org, wording != nil else { return nil }
            return Commitment(id: id, org: org, year: year, due: due, status: status ?? .pending,
                              fulfilledOn: fulfilledOn, person: person, source: record.record)
        }
    }

    /// The wording, from the record checked when the site was read.
    public var wording: CommitmentWording {
        if let wording = CommitmentWording(csvRow: source) { return wording }
        var ignored = Diagnostics()
        return RecordFields(source, diagnostics: &ignored).flatMap { CommitmentWording($0, &ignored) }
            ?? CommitmentWording(text: LocalizedText(""), quantity: nil, unit: nil)
    }
}

/// What a commitment promises, in words and as an amount (`12 km`).
public struct CommitmentWording: Equatable {
    public var text: LocalizedText
    public var quantity: Decimal?
    public var unit: String?

    /// nil, with an error, when the text is missing or not text.
    init?(_ record: RecordFields, _ diagnostics: inout Diagnostics) {
        let text = record.localized("text", required: true, &diagnostics)
        quantity = record.decimal("quantity", &diagnostics)
        unit = record.string("unit", &diagnostics)
        guard let text else { return nil }
        self.text = text
    }

    /// The same, read straight from the cells of a CSV row whose columns are
    /// plain (`text`, not `text.zh`); nil for any other record.
    init?(csvRow source: SourceNode) {
        guard let row = source.row, let textColumn = row.file.plainColumn("text") else { return nil }
        let quantityColumn = row.file.plainColumn("quantity") ?? -1, unitColumn = row.file.plainColumn("unit") ?? -1
        let cells = row.file.cellTexts(ofRowAt: row.start, columns: [textColumn, quantityColumn, unitColumn])
        func value(_ text: String) -> String? { text.isBlank ? nil : text }
        guard let text = value(cells[0]) else { return nil }
        self.text = LocalizedText(text.trimmingSpacesAndNewlines())
        quantity = value(cells[1]).flatMap(DecimalLiteral.decimal)
        unit = value(cells[2])?.trimmingSpacesAndNewlines()
    }

    init(text: LocalizedText, quantity: Decimal?, unit: String?) {
        self.text = text
        self.quantity = quantity
        self.unit = unit
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
        readRecords(records, known: fields, what: "a commitment update", &diagnostics) { record, diagnostics in
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
