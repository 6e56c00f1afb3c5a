import PlacardDiagnostics

/// The columns of one CSV file, shared by all its records.
final class CSVColumns: Sendable {
    let file: String
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

    init(file: String, paths: [[String]?], keyLocations: [SourceLocation]) {
        self.file = file
        self.paths = paths
        self.keyLocations = keyLocations
        var plain: [String: Int] = [:]
        for (index, path) in paths.enumerated() where path?.count == 1 { plain[path![0]] = index }
        self.plain = plain
        names = Set(paths.compactMap { $0 }.joined())
        flatKeys = paths.map { $0?.joined(separator: ".") }
        topLevelNames = paths.compactMap { $0?.first }
    }

    func plainColumn(_ key: String) -> Int? { plain[key] }

    /// Whether a record of this file can have a field of one of these names.
    func mention(_ keys: Set<String>) -> Bool { !names.isDisjoint(with: keys) }
}

/// One CSV record kept as the cells of its row and their places, instead of
/// a map of `SourceField`s: 24 bytes a cell instead of 104 (a key, its
/// location, the value and its location), which halved the memory a loaded
/// organisation site holds (`placard-bench --units`). The map is built on
/// demand, by the same steps the reader used to build it, so it is the same map.
final class CSVRecord: Sendable {
    struct Cell: Sendable {
        /// Empty for an empty cell, which leaves its field out.
        var text: String
        var line: UInt32
        var column: UInt32
    }

    let columns: CSVColumns
    let line: Int
    let cells: [Cell]

    init(columns: CSVColumns, line: Int, cells: [Cell]) {
        self.columns = columns
        self.line = line
        self.cells = cells
    }

    var location: SourceLocation { SourceLocation(file: columns.file, line: line, column: 1) }

    private func node(_ index: Int) -> SourceNode {
        let cell = cells[index]
        return SourceNode(.string(cell.text), at: SourceLocation(file: columns.file, line: Int(cell.line), column: Int(cell.column)))
    }

    /// The record as a map: non-empty cells in column order, dotted columns nested.
    var fields: [SourceField] {
        var fields: [SourceField] = []
        for (index, cell) in cells.enumerated() {
            guard let path = columns.paths[index], !cell.text.isBlank else { continue }
            CSVReader.insert(node(index), at: path[...], keyLocation: columns.keyLocations[index], into: &fields)
        }
        return fields
    }

    /// `map[key]` without building the map for a plain column.
    func value(_ key: String) -> SourceNode? {
        if let index = columns.plainColumn(key) {
            return cells[index].text.isBlank ? nil : node(index)
        }
        return fields.first { $0.key == key }?.value
    }
}

/// A CSV record read as a flat table row without making its map: the cells
/// of a column are the values flattening the map gives (`DataTable`), as a
/// file's columns are checked for duplicates and clashes when read.
public struct CSVRowCells {
    let record: CSVRecord

    /// The same for every record of one file, so a table maps its columns to cells once per file.
    public var header: ObjectIdentifier { ObjectIdentifier(record.columns) }

    /// Each cell's key in the flattened map (`facts.residents`); nil for a column in error.
    public var keys: [String?] { record.columns.flatKeys }

    /// The cell's text; nil when blank, as the map leaves it out.
    public func text(at index: Int) -> String? {
        let text = record.cells[index].text
        return text.isBlank ? nil : text
    }
}
