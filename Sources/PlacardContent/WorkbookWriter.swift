import Foundation
import PlacardDiagnostics
import ZIPFoundation

/// Writes the smallest workbook (.xlsx) spreadsheet programs open: one sheet
/// of text cells (inline strings), the first row the header. For `placard
/// init --workbooks`, whose data a publisher then keeps in Excel.
public enum WorkbookWriter {
    /// The workbook's bytes; the same rows give the same bytes (entries dated 1980-01-01).
    public static func data(sheet: String, rows: [[String]]) throws -> Data {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let package = "http://schemas.openxmlformats.org/package/2006"
        let head = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        var sheetData = ""
        for (rowIndex, row) in rows.enumerated() {
            sheetData += #"<row r="\#(rowIndex + 1)">"#
            for (column, text) in row.enumerated() where !text.isEmpty {
                let reference = SourceLocation.columnLetters(column + 1) + String(rowIndex + 1)
                sheetData += #"<c r="\#(reference)" t="inlineStr"><is><t xml:space="preserve">\#(escaped(text))</t></is></c>"#
            }
            sheetData += "</row>"
        }
        let parts: [(String, String)] = [
            ("[Content_Types].xml", head + #"<Types xmlns="\#(package)/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#),
            ("_rels/.rels", head + #"<Relationships xmlns="\#(package)/relationships"><Relationship Id="rId1" Type="\#(relationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#),
            ("xl/workbook.xml", head + #"<workbook xmlns="\#(main)" xmlns:r="\#(relationships)"><sheets><sheet name="\#(escaped(sheet))" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
            ("xl/_rels/workbook.xml.rels", head + #"<Relationships xmlns="\#(package)/relationships"><Relationship Id="rId1" Type="\#(relationships)/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#),
            ("xl/worksheets/sheet1.xml", head + #"<worksheet xmlns="\#(main)"><sheetData>\#(sheetData)</sheetData></worksheet>"#),
        ]
        let archive = try Archive(accessMode: .create)
        // The earliest date a ZIP entry can hold: no build date in the bytes.
        let fixedDate = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"),
                                       year: 1980, month: 1, day: 1).date!
        for (path, text) in parts {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: fixedDate,
                                 compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data ?? Data()
    }

    /// XML's escapes, and OOXML's own for a literal `_x` (read back by `unescapedText`).
    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "_x", with: "_x005F_x").replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
