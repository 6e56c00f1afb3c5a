import PlacardDiagnostics

/// A CSV reader (RFC 4180: quoted fields, doubled quotes, line breaks inside
/// quotes, CRLF or LF, an optional BOM) that knows the line and column of
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
        /// A line with nothing on it, skipped in data.
        public var isBlank: Bool { fields.count == 1 && fields[0].text.isEmpty }
    }

    /// The rows of a CSV text, exactly as written.
    public static func rows(_ text: String, file: String, diagnostics: inout Diagnostics) -> [Row] {
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var rows: [Row] = []
        var fields: [Field] = []
        var line = 1
        var column = 1
        var rowStart = SourceLocation(file: file, line: 1, column: 1)

        func endRow() {
            rows.append(Row(fields: fields, location: rowStart))
            fields = []
        }

        var index = scalars.startIndex
        var atFieldStart = true
        while index < scalars.endIndex || !atFieldStart {
            // One field per pass.
            let fieldStart = SourceLocation(file: file, line: line, column: column)
            if fields.isEmpty { rowStart = SourceLocation(file: file, line: line, column: 1) }
            var value = String.UnicodeScalarView()
            if index < scalars.endIndex, scalars[index] == "\"" {
                index = scalars.index(after: index); column += 1
                var closed = false
                while index < scalars.endIndex {
                    let c = scalars[index]
                    index = scalars.index(after: index)
                    if c == "\"" {
                        column += 1
                        if index < scalars.endIndex, scalars[index] == "\"" {
                            value.append("\""); index = scalars.index(after: index); column += 1
                            continue
                        }
                        closed = true
                        break
                    }
                    value.append(c)
                    if c == "\n" { line += 1; column = 1 } else { column += 1 }
                }
                if !closed {
                    diagnostics.error("unterminated quoted field", at: fieldStart)
                }
                // Anything between the closing quote and the next separator is a mistake.
                var stray = false
                while index < scalars.endIndex, scalars[index] != ",", scalars[index] != "\n", scalars[index] != "\r" {
                    stray = true
                    value.append(scalars[index]); index = scalars.index(after: index); column += 1
                }
                if stray {
                    diagnostics.error("unexpected text after the closing quote of a field", at: fieldStart)
                }
            } else {
                while index < scalars.endIndex, scalars[index] != ",", scalars[index] != "\n", scalars[index] != "\r" {
                    value.append(scalars[index]); index = scalars.index(after: index); column += 1
                }
            }
            fields.append(Field(text: String(value), location: fieldStart))
            // The separator after the field decides what comes next.
            if index == scalars.endIndex {
                endRow()
                atFieldStart = true
                break
            }
            let separator = scalars[index]
            index = scalars.index(after: index)
            if separator == "," {
                column += 1
                atFieldStart = false
                continue
            }
            if separator == "\r", index < scalars.endIndex, scalars[index] == "\n" { index = scalars.index(after: index) }
            line += 1; column = 1
            endRow()
            atFieldStart = true
        }
        return rows
    }

    /// Records from a CSV with a header row: each row becomes a map from
    /// column name to text; a dotted name (`facts.residents`) fills a nested
    /// map; an empty cell leaves the field out.
    public static func records(_ text: String, file: String, diagnostics: inout Diagnostics) -> [SourceNode] {
        let allRows = rows(text, file: file, diagnostics: &diagnostics)
        guard let headerIndex = allRows.firstIndex(where: { !$0.isBlank }) else { return [] }
        let header = allRows[headerIndex]
        var columns: [[String]?] = []
        var seen: [String: SourceLocation] = [:]
        for field in header.fields {
            let name = field.text.trimmingCharacters(in: .whitespaces)
            let path = name.split(separator: ".", omittingEmptySubsequences: false).map { String($0) }
            if name.isEmpty || path.contains(where: \.isEmpty) {
                diagnostics.error(name.isEmpty ? "empty column name in the header" : "invalid column name '\(name)'", at: field.location)
                columns.append(nil)
            } else if let first = seen[name] {
                diagnostics.error("duplicate column '\(name)' (first at column \(first.column))", at: field.location)
                columns.append(nil)
            } else if let clash = seen.keys.first(where: { name.hasPrefix($0 + ".") || $0.hasPrefix(name + ".") }) {
                diagnostics.error("column '\(name)' conflicts with column '\(clash)'", at: field.location)
                columns.append(nil)
            } else {
                seen[name] = field.location
                columns.append(path)
            }
        }
        var records: [SourceNode] = []
        for row in allRows[(headerIndex + 1)...] where !row.isBlank {
            guard row.fields.count == header.fields.count else {
                diagnostics.error("row has \(row.fields.count) field\(row.fields.count == 1 ? "" : "s"), the header has \(header.fields.count)",
                                  at: SourceLocation(file: file, line: row.location.line))
                continue
            }
            var fields: [SourceField] = []
            for (column, cell) in row.fields.enumerated() {
                guard let path = columns[column], !cell.text.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
                insert(SourceNode(.string(cell.text), at: cell.location), at: path[...],
                       keyLocation: header.fields[column].location, into: &fields)
            }
            records.append(SourceNode(.map(fields), at: row.location))
        }
        return records
    }

    private static func insert(_ value: SourceNode, at path: ArraySlice<String>, keyLocation: SourceLocation, into fields: inout [SourceField]) {
        let key = path.first!
        if path.count == 1 {
            fields.append(SourceField(key: key, keyLocation: keyLocation, value: value))
            return
        }
        if let index = fields.firstIndex(where: { $0.key == key }), var inner = fields[index].value.fields {
            insert(value, at: path.dropFirst(), keyLocation: keyLocation, into: &inner)
            fields[index].value.kind = .map(inner)
        } else {
            var inner: [SourceField] = []
            insert(value, at: path.dropFirst(), keyLocation: keyLocation, into: &inner)
            fields.append(SourceField(key: key, keyLocation: keyLocation, value: SourceNode(.map(inner), at: value.location)))
        }
    }
}

import Foundation
