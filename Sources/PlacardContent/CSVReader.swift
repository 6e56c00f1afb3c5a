import PlacardDiagnostics

/// A CSV reader (RFC 4180: quoted fields, doubled quotes, line breaks inside
/// quotes, CRLF or LF, an optional BOM; cells separated by `,`, or by `;` or a
/// tab when declared) that knows the line and column of
/// every field. Columns count Unicode scalars, as Yams does for YAML.
public enum CSVReader {
    public struct Field: Sendable {
        public var text: String
        public var location: SourceLocation
    }

    public struct Row: Sendable {
        public var fields: [Field]
        /// Where the row starts (line, column 1).
        public var location: SourceLocation
        /// The byte offset of the row's first field in the file's UTF-8.
        var start: Int
        /// A line with nothing on it, skipped in data.
        public var isBlank: Bool { fields.count == 1 && fields[0].text.isEmpty }
    }

    /// The rows of a CSV text, exactly as written.
    public static func rows(_ text: String, file: String, diagnostics: inout Diagnostics) -> [Row] {
        var rows: [Row] = []
        var text = text
        text.withUTF8 { bytes in
            forEachRow(in: bytes, from: afterByteOrderMark(bytes), line: 1, file: file, diagnostics: &diagnostics) { row, _ in
                rows.append(row)
                return true
            }
        }
        return rows
    }

    static func afterByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// Hands each row from byte `start` (the start of a row, on `line`) to
    /// `body` as soon as it is read, until `body` returns false: a large file is
    /// never held as rows and as records at once, and one record's row can be
    /// read again on its own. Works on the UTF-8 bytes: every separator is
    /// ASCII, so fields are cut between whole characters, and a column advances
    /// on every byte that starts a scalar.
    static func forEachRow(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, line startLine: Int, file: String,
                           delimiter: UInt8 = UInt8(ascii: ","), diagnostics: inout Diagnostics, _ body: (Row, inout Diagnostics) -> Bool) {
        let quote = UInt8(ascii: "\""), lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        func isSeparator(_ byte: UInt8) -> Bool { byte == delimiter || byte == lineFeed || byte == carriageReturn }
        func startsScalar(_ byte: UInt8) -> Bool { byte & 0xC0 != 0x80 }
        var index = start
        // Each row's fields reserved at the last row's width: grown one by one,
        // a row of 12 fields took five allocations, for every row read again for a page.
        var fields: [Field] = []
        fields.reserveCapacity(16)
        var line = startLine
        var column = 1
        var rowLine = startLine
        var rowStart = start
        var quoted: [UInt8] = []
        var atFieldStart = true
        while index < bytes.count || !atFieldStart {
            // One field per pass.
            let fieldStart = SourceLocation(file: file, line: line, column: column)
            if fields.isEmpty { rowLine = line; rowStart = index }
            let value: String
            if index < bytes.count, bytes[index] == quote {
                index += 1; column += 1
                quoted.removeAll(keepingCapacity: true)
                var closed = false
                while index < bytes.count {
                    let byte = bytes[index]
                    index += 1
                    if byte == quote {
                        column += 1
                        if index < bytes.count, bytes[index] == quote {
                            quoted.append(quote); index += 1; column += 1
                            continue
                        }
                        closed = true
                        break
                    }
                    quoted.append(byte)
                    if byte == lineFeed { line += 1; column = 1 } else if startsScalar(byte) { column += 1 }
                }
                if !closed {
                    diagnostics.error("unterminated quoted field", at: fieldStart)
                }
                // Anything between the closing quote and the next separator is a mistake.
                let stray = index
                while index < bytes.count, !isSeparator(bytes[index]) {
                    if startsScalar(bytes[index]) { column += 1 }
                    index += 1
                }
                if index > stray {
                    quoted.append(contentsOf: bytes[stray..<index])
                    diagnostics.error("unexpected text after the closing quote of a field", at: fieldStart)
                }
                value = String(decoding: quoted, as: UTF8.self)
            } else {
                let start = index
                while index < bytes.count, !isSeparator(bytes[index]) {
                    if startsScalar(bytes[index]) { column += 1 }
                    index += 1
                }
                value = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            }
            fields.append(Field(text: value, location: fieldStart))
            // The separator after the field decides what comes next.
            if index == bytes.count {
                _ = body(Row(fields: fields, location: SourceLocation(file: file, line: rowLine, column: 1), start: rowStart), &diagnostics)
                break
            }
            let separator = bytes[index]
            index += 1
            if separator == delimiter {
                column += 1
                atFieldStart = false
                continue
            }
            if separator == carriageReturn, index < bytes.count, bytes[index] == lineFeed { index += 1 }
            line += 1; column = 1
            guard body(Row(fields: fields, location: SourceLocation(file: file, line: rowLine, column: 1), start: rowStart), &diagnostics) else { break }
            let width = fields.count
            fields = []
            fields.reserveCapacity(width)
            atFieldStart = true
        }
    }

    /// Records from a CSV with a header row: each row becomes a map from
    /// column name to text; a dotted name (`facts.residents`) fills a nested
    /// map; an empty cell leaves the field out. Each record is kept as its row
    /// (`CSVRecord`) until its map is asked for.
    public static func records(_ text: String, file: String, delimiter: UInt8 = UInt8(ascii: ","),
                               diagnostics: inout Diagnostics) -> [SourceNode] {
        var header: Row?
        var csvFile: CSVFile?
        var records: [SourceNode] = []
        // Kept by the records, which read their rows again when asked for their fields.
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            forEachRow(in: buffer, from: afterByteOrderMark(buffer), line: 1, file: file, delimiter: delimiter,
                       diagnostics: &diagnostics) { row, diagnostics in
                guard let header, let csvFile else {
                    // The first row with something on it names the columns.
                    if !row.isBlank {
                        header = row
                        csvFile = CSVFile(name: file, bytes: bytes, delimiter: delimiter, paths: Self.columns(of: row.fields, &diagnostics), keyLocations: row.fields.map(\.location))
                    }
                    return true
                }
                guard !row.isBlank else { return true }
                guard row.fields.count == header.fields.count else {
                    diagnostics.error("row has \(row.fields.count) field\(row.fields.count == 1 ? "" : "s"), the header has \(header.fields.count)",
                                      at: SourceLocation(file: file, line: row.location.line))
                    return true
                }
                var filled: UInt64 = 0
                for (index, field) in row.fields.prefix(64).enumerated() where !field.text.isBlank { filled |= 1 << UInt64(index) }
                records.append(SourceNode(row: CSVRecord(file: csvFile, start: row.start, line: row.location.line, filled: filled)))
                return true
            }
        }
        return records
    }

    /// The path of each column (nil for a column that is in error). Linear in
    /// the header: names are looked up in a tree of their parts, never compared
    /// with every column before them (a header of 100,000 columns took minutes).
    static func columns(of header: [Field], _ diagnostics: inout Diagnostics) -> [[String]?] {
        var columns: [[String]?] = []
        columns.reserveCapacity(header.count)
        var tree = ColumnTree()
        for field in header {
            let name = field.text.trimmingSpaces()
            let path = name.split(separator: ".", omittingEmptySubsequences: false).map { String($0) }
            if name.isEmpty || path.contains(where: \.isEmpty) {
                diagnostics.error(name.isEmpty ? "empty column name in the header" : "invalid column name '\(SourceNode.shortened(name))'", at: field.location)
                columns.append(nil)
                continue
            }
            // As deep as JSON and YAML may nest: every later step walks a record's map recursively.
            guard path.count <= JSONReader.maximumDepth else {
                diagnostics.error("column name '\(SourceNode.shortened(name))' nests more than \(JSONReader.maximumDepth) levels deep", at: field.location)
                columns.append(nil)
                continue
            }
            switch tree.add(path, name: name, at: field.location) {
            case .added:
                columns.append(path)
            case .duplicate(let first):
                diagnostics.error("duplicate column '\(name)' (first at column \(first.column))", at: field.location)
                columns.append(nil)
            case .conflict(let clash):
                diagnostics.error("column '\(name)' conflicts with column '\(clash)'", at: field.location)
                columns.append(nil)
            }
        }
        return columns
    }

    /// The columns accepted so far, as a tree of their names' parts: `a.b` and
    /// `a.c` share the node `a`. A name conflicts with a column that is one of
    /// its prefixes (`a` and `a.b`) or that it is a prefix of.
    private struct ColumnTree {
        private struct Node {
            var children: [String: Int] = [:]
            /// Set when a column ends here: its name and place.
            var column: (name: String, location: SourceLocation)?
            /// The first column below this node, for a name that ends here.
            var firstBelow: String?
        }
        private var nodes = [Node()]

        enum Outcome {
            case added
            case duplicate(first: SourceLocation)
            case conflict(with: String)
        }

        mutating func add(_ path: [String], name: String, at location: SourceLocation) -> Outcome {
            var visited: [Int] = []
            var node = 0
            for part in path {
                if let column = nodes[node].column { return .conflict(with: column.name) }
                visited.append(node)
                if let child = nodes[node].children[part] {
                    node = child
                } else {
                    nodes.append(Node())
                    nodes[node].children[part] = nodes.count - 1
                    node = nodes.count - 1
                }
            }
            if let column = nodes[node].column { return .duplicate(first: column.location) }
            if let below = nodes[node].firstBelow { return .conflict(with: below) }
            nodes[node].column = (name, location)
            for above in visited where nodes[above].firstBelow == nil { nodes[above].firstBelow = name }
            return .added
        }
    }

    /// A record's map from its non-empty cells, in column order: a plain column
    /// is a field, dotted columns sharing a first part one nested map, placed
    /// (and located) where its first column is. Groups are found by key in a
    /// dictionary, so a wide row is built in time linear in its cells.
    static func nest(_ cells: [(path: ArraySlice<String>, keyLocation: SourceLocation, value: SourceNode)]) -> [SourceField] {
        var fields: [SourceField] = []
        var groupOfKey: [String: Int] = [:]
        var groups: [(field: Int, cells: [(path: ArraySlice<String>, keyLocation: SourceLocation, value: SourceNode)])] = []
        for cell in cells {
            let key = cell.path.first!
            guard cell.path.count > 1 else {
                fields.append(SourceField(key: key, keyLocation: cell.keyLocation, value: cell.value))
                continue
            }
            let inner = (path: cell.path.dropFirst(), keyLocation: cell.keyLocation, value: cell.value)
            if let group = groupOfKey[key] {
                groups[group].cells.append(inner)
            } else {
                groupOfKey[key] = groups.count
                groups.append((fields.count, [inner]))
                fields.append(SourceField(key: key, keyLocation: cell.keyLocation, value: SourceNode(.map([]), at: cell.value.location)))
            }
        }
        for group in groups { fields[group.field].value.kind = .map(nest(group.cells)) }
        return fields
    }
}

import Foundation
