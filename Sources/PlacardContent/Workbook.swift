import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PlacardDiagnostics
import ZIPFoundation

/// A workbook (.xlsx, Office Open XML): a ZIP of XML parts. Read are the
/// sheets' names and order (`xl/workbook.xml` and its relationships), the
/// shared strings, which cell styles show dates (`xl/styles.xml`), the date
/// system, and one sheet's cells. Charts, formatting and the rest are ignored.
struct Workbook {
    /// The sheets in the workbook's order (tab order), with their part in the ZIP;
    /// `hidden` for a sheet hidden from its tabs.
    var sheets: [(name: String, part: String, hidden: Bool)] = []
    var sharedStrings: [String] = []
    /// Per cell style (the `s` of a cell), how it shows a number as a date; nil for a number.
    var dateStyles: [DateStyle?] = []
    /// The 1904 date system (old Mac Excel): serial 0 is 1904-01-01.
    var uses1904 = false
    private let archive: Archive

    /// Opens the workbook and reads its parts other than the sheets; a message when it cannot.
    init(url: URL) throws(WorkbookError) {
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw WorkbookError("not a workbook that can be opened (\(error)): save it again as an Excel workbook (.xlsx)")
        }
        var relationships: [String: String] = [:]
        try XMLEvents.read(part("xl/_rels/workbook.xml.rels", required: true)) { name, attributes in
            if name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] { relationships[id] = target }
        }
        var sheets: [(name: String, part: String, hidden: Bool)] = []
        var uses1904 = false
        try XMLEvents.read(part("xl/workbook.xml", required: true)) { name, attributes in
            if name == "workbookPr" { uses1904 = ["1", "true"].contains(attributes["date1904"] ?? "") }
            // The relationship id's attribute is `r:id` with whatever prefix the writer chose.
            if name == "sheet", let sheetName = attributes["name"],
               let id = attributes.first(where: { $0.key == "id" || $0.key.hasSuffix(":id") })?.value,
               let target = relationships[id] {
                sheets.append((sheetName, target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target,
                               ["hidden", "veryHidden"].contains(attributes["state"] ?? "")))
            }
        }
        self.sheets = sheets
        self.uses1904 = uses1904
        if let strings = try part("xl/sharedStrings.xml") { sharedStrings = try Self.sharedStrings(strings) }
        if let styles = try part("xl/styles.xml") { dateStyles = try Self.dateStyles(styles) }
    }

    /// A part's bytes; nil when absent and not required.
    func part(_ path: String, required: Bool = false) throws(WorkbookError) -> Data? {
        guard let entry = archive[path] else {
            if required { throw WorkbookError("not a workbook: it has no \(path) (save it as an Excel workbook, .xlsx)") }
            return nil
        }
        var data = Data()
        do {
            _ = try archive.extract(entry) { data.append($0) }
        } catch {
            throw WorkbookError("cannot read \(path) in the workbook: \(error)")
        }
        return data
    }

    /// Each `<si>`'s text: its `<t>`, or the `<t>` of its rich-text runs joined;
    /// phonetic guides (`<rPh>`, furigana) are not part of the text.
    private static func sharedStrings(_ data: Data) throws(WorkbookError) -> [String] {
        var strings: [String] = []
        var current = "", inPhonetic = false, inText = false
        try XMLEvents.read(data, start: { name, _ in
            switch name {
            case "si": current = ""
            case "rPh": inPhonetic = true
            case "t": inText = !inPhonetic
            default: break
            }
        }, text: { text in
            if inText { current += text }
        }, end: { name in
            switch name {
            case "si": strings.append(unescapedText(current))
            case "rPh": inPhonetic = false
            case "t": inText = false
            default: break
            }
        })
        return strings
    }

    /// The cell styles (`<cellXfs>`) whose number format shows a date or a time.
    private static func dateStyles(_ data: Data) throws(WorkbookError) -> [DateStyle?] {
        var formats: [Int: String] = [:]
        var styleFormats: [Int] = []
        var inCellStyles = false
        try XMLEvents.read(data, start: { name, attributes in
            if name == "numFmt", let id = attributes["numFmtId"].flatMap({ Int($0) }) { formats[id] = attributes["formatCode"] ?? "" }
            if name == "cellXfs" { inCellStyles = true }
            if name == "xf", inCellStyles { styleFormats.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0) }
        }, text: { _ in }, end: { name in
            if name == "cellXfs" { inCellStyles = false }
        })
        return styleFormats.map { id in formats[id].map(DateStyle.init(formatCode:)) ?? DateStyle(builtIn: id) }
    }
}

/// Why a workbook could not be read, said to the publisher.
struct WorkbookError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// OOXML writes a character XML cannot hold as `_xHHHH_` (a carriage return is
/// `_x000D_`), and a literal `_x` as `_x005F_x`.
func unescapedText(_ text: String) -> String {
    guard text.contains("_x") else { return text }
    var result = "", rest = Substring(text)
    while let range = rest.range(of: "_x") {
        result += rest[..<range.lowerBound]
        let hex = rest[range.upperBound...].prefix(5)
        if hex.count == 5, hex.last == "_", let code = UInt32(hex.dropLast(), radix: 16), let scalar = UnicodeScalar(code) {
            result.unicodeScalars.append(scalar)
            rest = rest[rest.index(range.upperBound, offsetBy: 5)...]
        } else {
            result += "_x"
            rest = rest[range.upperBound...]
        }
    }
    return result + rest
}

/// Foundation's streaming XML parser with closures: element names without
/// their namespace prefix (some writers spell `<x:c>`), text as it comes.
final class XMLEvents: NSObject, XMLParserDelegate {
    private let start: (String, [String: String]) -> Void
    private let text: (String) -> Void
    private let end: (String) -> Void

    private init(start: @escaping (String, [String: String]) -> Void, text: @escaping (String) -> Void, end: @escaping (String) -> Void) {
        self.start = start
        self.text = text
        self.end = end
    }

    static func read(_ data: Data?, start: @escaping (String, [String: String]) -> Void,
                     text: @escaping (String) -> Void = { _ in }, end: @escaping (String) -> Void = { _ in }) throws(WorkbookError) {
        guard let data else { return }
        // From a stream, the parser is fed in chunks: given a sheet of 12 MB in one
        // piece, Foundation's libxml2 parser on Linux failed ("internal error").
        let parser = XMLParser(stream: InputStream(data: data))
        let events = XMLEvents(start: start, text: text, end: end)
        parser.delegate = events
        guard parser.parse() else {
            throw WorkbookError("the workbook's XML is damaged (line \(parser.lineNumber)): save it again as an Excel workbook (.xlsx)")
        }
    }

    private static func localName(_ name: String) -> String {
        name.firstIndex(of: ":").map { String(name[name.index(after: $0)...]) } ?? name
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        start(Self.localName(elementName), attributes)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text(string) }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        end(Self.localName(elementName))
    }
}
