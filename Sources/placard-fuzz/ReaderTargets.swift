import Foundation
@testable import PlacardContent
import PlacardDiagnostics

// Each reader is fed as the loader feeds it: the bytes checked as UTF-8
// (`TextFile.decode`), then read with places and diagnostics. Besides not
// crashing, hanging or leaking, a target checks what the reader promises, and
// returns the diagnostics (printed when an input is replayed).

private func decoded(_ bytes: UnsafeRawBufferPointer, file: String, _ diagnostics: inout Diagnostics) -> String? {
    let text = TextFile.decode(Data(bytes), file: file, diagnostics: &diagnostics)
    if text == nil, diagnostics.all.count != 1 || diagnostics.all[0].location.line < 1 {
        fatalError("invalid UTF-8 without one located error: \(diagnostics.all)")
    }
    return text
}

/// CSV records are kept as their rows and read again when asked for: a file
/// read without errors gives the same cells read again, as a map and as texts.
func fuzzCSV(_ bytes: UnsafeRawBufferPointer) -> [Diagnostic] {
    var diagnostics = Diagnostics()
    guard let text = decoded(bytes, file: "data/f.csv", &diagnostics) else { return diagnostics.all }
    let records = CSVReader.records(text, file: "data/f.csv", diagnostics: &diagnostics)
    checkLocated(diagnostics.all, in: text, "csv")
    guard !diagnostics.hasErrors else { return diagnostics.all }
    var again = Diagnostics()
    let rows = CSVReader.rows(text, file: "data/f.csv", diagnostics: &again).filter { !$0.isBlank }
    for (index, record) in records.enumerated() {
        guard let row = record.row else { fatalError("csv: record \(index) is not kept as its row") }
        let written = rows[index + 1].fields
        let cells = row.cells.cells
        if cells.map(\.text) != written.map(\.text) || cells.map(\.location) != written.map(\.location) {
            fatalError("csv: row \(index + 1) read again differs: \(cells.map(\.text)) != \(written.map(\.text))")
        }
        if row.file.cellTexts(ofRowAt: row.start, columns: Array(written.indices)) != written.map(\.text) {
            fatalError("csv: the texts of row \(index + 1) differ from its cells \(written.map(\.text))")
        }
        _ = record.kind  // the map, dotted columns nested
    }
    return diagnostics.all
}

/// A dataset's JSON objects are kept as their places and read again: read
/// again, each is the same tree, with the same places, as a plain parse gives.
func fuzzJSON(_ bytes: UnsafeRawBufferPointer) -> [Diagnostic] {
    var diagnostics = Diagnostics()
    guard let text = decoded(bytes, file: "data/f.json", &diagnostics) else { return diagnostics.all }
    guard !text.unicodeScalars.allSatisfy(Whitespace.isSpaceOrNewline) else { return [] }  // as readDocument
    let kept = JSONReader.records(text, file: "data/f.json", diagnostics: &diagnostics)
    checkLocated(diagnostics.all, in: text, "json")
    var plainDiagnostics = Diagnostics()
    let plain = JSONReader.parse(text, file: "data/f.json", diagnostics: &plainDiagnostics)
    guard diagnostics.all == plainDiagnostics.all else { fatalError("json: the two reads report differently") }
    guard let kept, let plain else {
        if (kept == nil) != (plain == nil) || !diagnostics.hasErrors { fatalError("json: a failed read without an error") }
        return diagnostics.all
    }
    if let difference = SourceTree.difference(kept, plain) { fatalError("json: a record read again differs: \(difference)") }
    return diagnostics.all
}

func fuzzYAML(_ bytes: UnsafeRawBufferPointer) -> [Diagnostic] {
    var diagnostics = Diagnostics()
    guard let text = decoded(bytes, file: "data/f.yaml", &diagnostics) else { return diagnostics.all }
    let node = YAMLReader.parse(text, file: "data/f.yaml", diagnostics: &diagnostics)
    checkLocated(diagnostics.all, in: text, "yaml")
    if node == nil, !diagnostics.hasErrors { fatalError("yaml: a failed read without an error") }
    return diagnostics.all
}

/// A narrative as `ContentFiles.load` reads it: the bytes as UTF-8 (a file
/// that is not is an error of its own there), then the front matter split off
/// and read.
func fuzzFrontMatter(_ bytes: UnsafeRawBufferPointer) -> [Diagnostic] {
    guard let text = String(validating: bytes, as: UTF8.self) else { return [] }
    var diagnostics = Diagnostics()
    let narrative = Narrative.read(text: text, file: "Content/f.md", contentPath: "f.md", diagnostics: &diagnostics)
    checkLocated(diagnostics.all, in: text, "frontmatter")
    // Its byte order mark aside, the file is its front matter and its body.
    let withoutMark = text.hasPrefix("\u{FEFF}") ? String(text.unicodeScalars.dropFirst()) : text
    if !diagnostics.hasErrors, narrative.frontMatterText + narrative.body != withoutMark {
        fatalError("frontmatter: front matter and body do not make the file again")
    }
    return diagnostics.all
}

/// Trees compared value by value and place by place.
enum SourceTree {
    static func difference(_ a: SourceNode, _ b: SourceNode) -> String? {
        guard a.location == b.location else { return "\(a.location) != \(b.location)" }
        switch (a.kind, b.kind) {
        case (.null, .null): return nil
        case (.bool(let x), .bool(let y)): return x == y ? nil : "\(x) != \(y) at \(a.location)"
        case (.number(let x), .number(let y)), (.string(let x), .string(let y)): return x == y ? nil : "'\(x)' != '\(y)' at \(a.location)"
        case (.list(let x), .list(let y)):
            guard x.count == y.count else { return "lists of \(x.count) and \(y.count) at \(a.location)" }
            return zip(x, y).lazy.compactMap { difference($0, $1) }.first
        case (.map(let x), .map(let y)):
            guard x.map(\.key) == y.map(\.key), x.map(\.keyLocation) == y.map(\.keyLocation) else { return "keys differ at \(a.location)" }
            return zip(x, y).lazy.compactMap { difference($0.value, $1.value) }.first
        default: return "kinds differ at \(a.location)"
        }
    }
}
