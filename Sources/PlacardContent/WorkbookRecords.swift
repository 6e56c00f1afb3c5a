import Foundation
import PlacardDiagnostics

/// The records of a workbook's sheet, as the same sheet saved as CSV gives
/// them: the first row with something in it names the columns, each later
/// row with something in it is a record, an empty cell leaves its field out,
/// and every value is text, located at its cell (`x.xlsx: Sheet1!C7`).
/// The cells of a merged range other than its first are empty, as the
/// workbook stores them and as a CSV export writes them.
enum WorkbookRecords {
    /// `sheet` names the sheet to read (from site.yaml, at `sheetLocation`); nil for the first not hidden.
    static func records(at url: URL, file: String, sheet: String?, sheetLocation: SourceLocation?,
                        diagnostics: inout Diagnostics) -> [SourceNode] {
        do {
            let workbook = try Workbook(url: url)
            // Unnamed: the first sheet a reader of the workbook sees, the first tab not hidden.
            guard let chosen = sheet.map({ name in workbook.sheets.first { $0.name == name } }) ?? workbook.sheets.first(where: { !$0.hidden }) else {
                if let sheet {
                    let names = workbook.sheets.map { "'\($0.name)'" }.joined(separator: ", ")
                    diagnostics.error("\(file) has no sheet '\(SourceNode.shortened(sheet))' (its sheets: \(names))",
                                      at: sheetLocation ?? SourceLocation(file: file))
                } else {
                    diagnostics.error("the workbook has no sheet that is not hidden", at: SourceLocation(file: file))
                }
                return []
            }
            let rows = try cells(of: chosen.part, in: workbook, place: "\(file): \(quotedSheetName(chosen.name))", diagnostics: &diagnostics)
            return records(rows, diagnostics: &diagnostics)
        } catch {
            diagnostics.error(error.message, at: SourceLocation(file: file))
            return []
        }
    }

    /// A sheet's name as a cell reference writes it: quoted when not a plain word (`'Budget 2010'!A1`).
    static func quotedSheetName(_ name: String) -> String {
        let plain = name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "." }
        return plain && !name.isEmpty ? name : "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// One row's cells with their text, in column order; blank cells may be absent.
    typealias Row = (number: Int, cells: [CSVReader.Field])

    /// The sheet's rows, each cell's value as text. A cell whose value cannot be
    /// read is reported in its place and left out.
    static func cells(of part: String, in workbook: Workbook, place: String, diagnostics: inout Diagnostics) throws(WorkbookError) -> [Row] {
        var rows: [Row] = []
        var rowNumber = 0, column = 0
        // The cell being read.
        var type = "", style = 0, value: String?, inlineText: String?, hasFormula = false
        var collecting = false, inInline = false, buffer = ""
        var problems = Diagnostics()
        try XMLEvents.read(workbook.part(part, required: true), start: { name, attributes in
            switch name {
            case "row":
                rowNumber = attributes["r"].flatMap { Int($0) } ?? rowNumber + 1
                column = 0
                rows.append((rowNumber, []))
            case "c":
                column = attributes["r"].flatMap(Self.columnNumber) ?? column + 1
                type = attributes["t"] ?? "n"
                style = attributes["s"].flatMap { Int($0) } ?? 0
                value = nil; inlineText = nil; hasFormula = false
            case "f": hasFormula = true
            case "is": inInline = true; inlineText = ""
            case "v": collecting = true; buffer = ""
            case "t" where inInline: collecting = true; buffer = ""
            case "rPh" where inInline: inInline = false  // a phonetic guide is not the text
            default: break
            }
        }, text: { text in
            if collecting { buffer += text }
        }, end: { name in
            switch name {
            case "v": value = buffer; collecting = false
            case "t" where inInline: inlineText! += buffer; collecting = false
            case "is": inInline = false
            case "rPh": if inlineText != nil { inInline = true }
            case "c":
                let location = SourceLocation(cellIn: place, row: rowNumber, column: column)
                if rows.isEmpty { rows.append((rowNumber, [])) }  // a cell outside any row: damaged, but readable
                switch text(type: type, style: style, value: value, inlineText: inlineText, hasFormula: hasFormula, in: workbook) {
                case .success(let text?): rows[rows.count - 1].cells.append(CSVReader.Field(text: text, location: location))
                case .success(nil): break
                case .failure(let problem): problems.error(problem.message, at: location)
                }
            default: break
            }
        })
        diagnostics.append(contentsOf: problems)
        return rows
    }

    /// `C7` → 3 (the column of a cell reference).
    static func columnNumber(_ reference: String) -> Int? {
        var number = 0
        for scalar in reference.unicodeScalars {
            guard ("A"..."Z").contains(scalar) else { break }
            number = number * 26 + Int(scalar.value) - 64
            guard number <= 16_384 else { return nil }  // XFD, the last column a sheet can have
        }
        return number > 0 ? number : nil
    }

    /// A cell's value as the CSV would hold it; nil for an empty cell.
    private static func text(type: String, style: Int, value: String?, inlineText: String?, hasFormula: Bool,
                             in workbook: Workbook) -> Result<String?, CellProblem> {
        if type == "inlineStr" { return .success(inlineText.map(unescapedText)) }
        guard let value else { return hasFormula ? .failure(.noCachedValue) : .success(nil) }
        switch type {
        case "s":
            guard let index = Int(value), workbook.sharedStrings.indices.contains(index) else { return .failure(.noSharedString(value)) }
            return .success(workbook.sharedStrings[index])
        case "str": return .success(unescapedText(value))
        case "b": return .success(value == "1" || value == "true" ? "true" : "false")
        case "e": return .failure(.formulaError(value))
        // An ISO 8601 date written as such (strict OOXML): its date when it has no time of day.
        case "d": return .success(value.hasSuffix("T00:00:00") ? String(value.dropLast(9)) : value)
        default:
            if workbook.dateStyles.indices.contains(style), let dateStyle = workbook.dateStyles[style] {
                return CellValue.date(serial: value, style: dateStyle, uses1904: workbook.uses1904).map { $0 }
            }
            guard let number = CellValue.plainNumber(value) else { return .failure(.notANumber(value)) }
            return .success(number)
        }
    }

    /// Records from the rows, as `CSVReader.records` makes them from a CSV's.
    /// Each row's first cell locates its record (`Sheet1!A7`, or B7 when the header starts in B).
    static func records(_ rows: [Row], diagnostics: inout Diagnostics) -> [SourceNode] {
        let filled = rows.filter { $0.cells.contains { !$0.text.isBlank } }
        guard let header = filled.first, let place = header.cells.first?.location.file else { return [] }
        // The header spans from its first named column to its last (a sheet may leave
        // margins); a gap between them is an empty column name, as in CSV.
        let named = header.cells.filter { !$0.text.isBlank }.map(\.location.column)
        let columns = named.min()!...named.max()!
        var headerFields = columns.map { column in
            CSVReader.Field(text: "", location: SourceLocation(cellIn: place, row: header.number, column: column))
        }
        for cell in header.cells where columns.contains(cell.location.column) { headerFields[cell.location.column - columns.lowerBound] = cell }
        let paths = CSVReader.columns(of: headerFields, &diagnostics)
        let span = SourceLocation.columnLetters(columns.lowerBound) + " to " + SourceLocation.columnLetters(columns.upperBound)
        var records: [SourceNode] = []
        for row in filled.dropFirst() {
            var cells: [(path: ArraySlice<String>, keyLocation: SourceLocation, value: SourceNode)] = []
            var seen = Set<Int>()
            // In column order, as a CSV row is, whatever order the XML gives.
            for cell in row.cells.sorted(by: { $0.location.column < $1.location.column }) where !cell.text.isBlank {
                guard columns.contains(cell.location.column) else {
                    diagnostics.error("the cell is outside the header's columns (\(span)): give its column a name", at: cell.location)
                    continue
                }
                let index = cell.location.column - columns.lowerBound
                guard seen.insert(index).inserted else {
                    diagnostics.error("the workbook gives this cell twice: save it again from its spreadsheet program", at: cell.location)
                    continue
                }
                guard let path = paths[index] else { continue }
                cells.append((path[...], headerFields[index].location, SourceNode(.string(cell.text), at: cell.location)))
            }
            records.append(SourceNode(.map(CSVReader.nest(cells)), at: SourceLocation(cellIn: place, row: row.number, column: columns.lowerBound)))
        }
        return records
    }
}
