import Foundation
import PlacardTemplates
import Testing

@testable import PlacardSite

/// A type's hand-written template fields must be exactly its stored properties,
/// or templates would see different names from what the checker allows.
private func fieldsMatchStoredProperties(_ value: some TemplateFields) -> Bool {
    let stored = Set(Mirror(reflecting: value).children.compactMap(\.label))
    return stored == Set(value.templateFields.keys)
}

@Test func handWrittenTemplateFieldsAreTheStoredProperties() {
    let date = DateText(iso: "2010-01-15", text: "15 January 2010")
    let notice = NoticeView(from: date, to: date, state: "open", stateText: "Open", isOpen: true)
    let cell = CellView(text: "x", url: "u", numeric: true, state: "s", lines: ["a"])
    #expect(fieldsMatchStoredProperties(Link(title: "t", url: "u", current: true)))
    #expect(fieldsMatchStoredProperties(date))
    #expect(fieldsMatchStoredProperties(PageItem(title: "t", url: "u", summary: "s", date: date, notice: notice)))
    #expect(fieldsMatchStoredProperties(notice))
    #expect(fieldsMatchStoredProperties(TocEntry(title: "t", id: "i", level: 2, children: [TocChild(title: "c", id: "d")])))
    #expect(fieldsMatchStoredProperties(TocChild(title: "c", id: "d")))
    #expect(fieldsMatchStoredProperties(ColumnView(label: "l", numeric: false)))
    #expect(fieldsMatchStoredProperties(RowView(header: cell, cells: [cell])))
    #expect(fieldsMatchStoredProperties(cell))
}
