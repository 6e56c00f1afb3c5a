import Foundation
import PlacardDiagnostics

/// A unit of the organisation tree (a county, a township, a village...).
public struct Organisation: DataRecord {
    /// A named number about the unit (`residents: 4200`).
    public struct Fact: Sendable, Hashable {
        public var name: String
        public var value: Decimal
        /// As written, to show the figure as the publisher typed it.
        public var text: String
        public var location: SourceLocation
    }

    public var id: String
    public var name: LocalizedText
    public var level: String?
    public var parent: String?
    public var facts: [Fact]
    public var summary: LocalizedText?
    public var source: SourceNode

    public func fact(_ name: String) -> Decimal? { facts.first { $0.name == name }?.value }

    static let fields = ["id", "name", "level", "parent", "facts", "summary"]

    static func read(_ records: [SourceNode], _ diagnostics: inout Diagnostics) -> [Organisation] {
        readRecords(records, known: fields, what: "an organisation", &diagnostics) { record, diagnostics in
            let id = record.id("id", required: true, &diagnostics)
            let name = record.localized("name", required: true, &diagnostics)
            let level = record.string("level", &diagnostics)
            let parent = record.string("parent", &diagnostics)
            var facts: [Fact] = []
            if let node = record.value("facts") {
                if let entries = node.fields {
                    for entry in entries where !entry.value.isNull {
                        if let value = RecordFields.decimal(entry.value, field: "facts.\(entry.key)", &diagnostics) {
                            facts.append(Fact(name: entry.key, value: value, text: entry.value.scalarText ?? "\(value)",
                                              location: entry.value.location))
                        }
                    }
                } else {
                    diagnostics.error("field 'facts' must be a map of named numbers, found \(node.kindDescription)", at: node.location)
                }
            }
            let summary = record.localized("summary", &diagnostics)
            guard let id, let name else { return nil }
            return Organisation(id: id, name: name, level: level, parent: parent, facts: facts, summary: summary,
                                source: record.record)
        }
    }
}

/// A person responsible for a unit's work.
public struct Person: DataRecord {
    public var id: String
    public var name: LocalizedText
    public var org: String?
    public var role: String?
    public var title: LocalizedText?
    public var since: ISODate?
    public var until: ISODate?
    public var source: SourceNode

    static let fields = ["id", "name", "org", "role", "title", "since", "until"]

    static func read(_ records: [SourceNode], _ diagnostics: inout Diagnostics) -> [Person] {
        readRecords(records, known: fields, what: "a person", &diagnostics) { record, diagnostics in
            let id = record.id("id", required: true, &diagnostics)
            let name = record.localized("name", required: true, &diagnostics)
            let person = Person(
                id: id ?? "", name: name ?? LocalizedText(""),
                org: record.string("org", &diagnostics), role: record.string("role", &diagnostics),
                title: record.localized("title", &diagnostics),
                since: record.date("since", &diagnostics), until: record.date("until", &diagnostics),
                source: record.record)
            if let since = person.since, let until = person.until, until < since {
                diagnostics.error("'until' (\(until)) is before 'since' (\(since))", at: record.location("until"))
            }
            return id == nil || name == nil ? nil : person
        }
    }
}
