import PlacardDiagnostics

/// One CSV file as read: its text, which its records read their cells
/// from, and its columns, shared by all its records.
final class CSVFile: Sendable {
    let name: String
    /// The file's UTF-8, kept instead of each record's cells: about a fifth of
    /// the memory (a million 12-column commitments held 430 MB of cells).
    let bytes: [UInt8]
    /// What separates its cells (`,` unless declared).
    let delimiter: UInt8
    /// Each column's path (`facts.residents` is `["facts", "residents"]`); nil for a column in error.
    let paths: [[String]?]
    /// Where each column's name is in the header.
    let keyLocations: [SourceLocation]
    /// Columns without a dot, by name: their field is found without building the record's map.
    private let plain: [String: Int]
    /// Every name a record's map can have at any depth: the parts of the paths.
    private let names: Set<String>
    /// Each column's key in the record's map flattened (`facts.residents`); nil for a column in error.
    let flatKeys: [String?]
    /// The keys a record's map can have at its top level (`facts` for `facts.residents`).
    let topLevelNames: [String]
    /// Where each of `topLevelNames` is written in the header.
    let topLevelKeyLocations: [SourceLocation]

    init(name: String, bytes: [UInt8], delimiter: UInt8, paths: [[String]?], keyLocations: [SourceLocation]) {
        self.name = name
        self.bytes = bytes
        self.delimiter = delimiter
        self.paths = paths
        self.keyLocations = keyLocations
        var plain: [String: Int] = [:]
        for (index, path) in paths.enumerated() where path?.count == 1 { plain[path![0]] = index }
        self.plain = plain
        names = Set(paths.compactMap { $0 }.joined())
        flatKeys = paths.map { $0?.joined(separator: ".") }
        topLevelNames = paths.compactMap { $0?.first }
        topLevelKeyLocations = zip(paths, keyLocations).compactMap { path, location in path == nil ? nil : location }
    }

    func plainColumn(_ key: String) -> Int? { plain[key] }

    /// Whether a record of this file can have a field of one of these names.
    func mention(_ keys: Set<String>) -> Bool { !names.isDisjoint(with: keys) }

    /// The fields of the row that starts at byte `start`, on `line`, read again
    /// as the reader read them. The file was checked when first read.
    func fields(ofRowAt start: Int, line: Int) -> [CSVReader.Field] {
        bytes.withUnsafeBufferPointer { buffer in
            var fields: [CSVReader.Field] = []
            var reported = Diagnostics()
            CSVReader.forEachRow(in: buffer, from: start, line: line, file: name, delimiter: delimiter, diagnostics: &reported) { row, _ in
                fields = row.fields
                return false
            }
            return fields
        }
    }
}

extension CSVFile {
    /// The text of the cells in `columns` of the row that starts at byte `start`,
    /// without making its other cells or any places: what a page reads of a row
    /// checked when the file was read (a commitment's wording, a million times).
    func cellTexts(ofRowAt start: Int, columns: [Int]) -> [String] {
        let quote = UInt8(ascii: "\""), lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        var texts = Array(repeating: "", count: columns.count)
        let last = columns.max() ?? -1
        // Which of `texts` each column fills, found once: not a search of `columns` per cell.
        // A column of -1 (absent) fills nothing.
        var wantedAt = [Int?](repeating: nil, count: last + 1)
        for (position, column) in columns.enumerated().reversed() where column >= 0 { wantedAt[column] = position }
        bytes.withUnsafeBufferPointer { bytes in
            var index = start, column = 0
            while column <= last {
                let wanted = wantedAt[column]
                if index < bytes.count, bytes[index] == quote {
                    var text: [UInt8] = []
                    index += 1
                    while index < bytes.count {
                        if bytes[index] == quote {
                            index += 1
                            guard index < bytes.count, bytes[index] == quote else { break }
                        }
                        if wanted != nil { text.append(bytes[index]) }
                        index += 1
                    }
                    if let wanted { texts[wanted] = String(decoding: text, as: UTF8.self) }
                } else {
                    let cellStart = index
                    while index < bytes.count, bytes[index] != delimiter, bytes[index] != lineFeed, bytes[index] != carriageReturn { index += 1 }
                    if let wanted { texts[wanted] = String(decoding: UnsafeBufferPointer(rebasing: bytes[cellStart..<index]), as: UTF8.self) }
                }
                guard index < bytes.count, bytes[index] == delimiter else { break }
                index += 1
                column += 1
            }
        }
        return texts
    }
}

/// One CSV record kept as where its row is in its file: its cells are read
/// again when asked for. Its map is built on demand, by the same steps the
/// reader used to build it, so it is the same map.
struct CSVRecord: Sendable {
    let file: CSVFile
    /// The byte offset of the row in the file's UTF-8.
    let start: Int
    let line: Int
    /// Bit i is set when cell i is not blank (files of up to 64 columns): the
    /// record's shape, known without reading the row again (`SourceNode.csvShape`).
    let filled: UInt64

    var location: SourceLocation { SourceLocation(file: file.name, line: line, column: 1) }

    var cells: CSVRowCells { CSVRowCells(record: self) }
}

/// A CSV record's cells, read once for reading several of its fields. Also
/// read as a flat table row without making its map: the cells of a column are
/// the values flattening the map gives (`DataTable`), as a file's columns are
/// checked for duplicates and clashes when read.
public struct CSVRowCells {
    let record: CSVRecord
    let cells: [CSVReader.Field]

    init(record: CSVRecord) {
        self.record = record
        cells = record.file.fields(ofRowAt: record.start, line: record.line)
    }

    /// The same for every record of one file, so a table maps its columns to cells once per file.
    public var header: ObjectIdentifier { ObjectIdentifier(record.file) }

    /// Each cell's key in the flattened map (`facts.residents`); nil for a column in error.
    public var keys: [String?] { record.file.flatKeys }

    /// The cell's text; nil when blank, as the map leaves it out.
    public func text(at index: Int) -> String? {
        let text = cells[index].text
        return text.isBlank ? nil : text
    }

    private func node(_ index: Int) -> SourceNode {
        SourceNode(.string(cells[index].text), at: cells[index].location)
    }

    /// The record as a map: non-empty cells in column order, dotted columns nested.
    var fields: [SourceField] {
        var filled: [(path: ArraySlice<String>, keyLocation: SourceLocation, value: SourceNode)] = []
        for (index, cell) in cells.enumerated() {
            guard let path = record.file.paths[index], !cell.text.isBlank else { continue }
            filled.append((path[...], record.file.keyLocations[index], node(index)))
        }
        return CSVReader.nest(filled)
    }

    /// `map[key]` without building the map for a plain column.
    func value(_ key: String) -> SourceNode? {
        if let index = record.file.plainColumn(key) {
            return cells[index].text.isBlank ? nil : node(index)
        }
        return fields.first { $0.key == key }?.value
    }
}
