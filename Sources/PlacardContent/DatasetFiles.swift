import Foundation
import PlacardDiagnostics

/// The data file formats, chosen by extension. A workbook (.xlsx) is a dataset only.
enum DataFormat: String, CaseIterable {
    case yaml, yml, json, csv, xlsx

    init?(_ url: URL) { self.init(rawValue: url.pathExtension.lowercased()) }
}

/// Which sheet of a workbook a dataset is (site.yaml's `datasets: {NAME: {sheet: …}}`).
public struct SheetChoice: Sendable, Hashable {
    public var name: String
    /// Where site.yaml names it.
    public var location: SourceLocation
}

/// Reads a whole document (YAML, JSON, CSV or a workbook's sheet) into one
/// `SourceNode`; a CSV or a sheet becomes a list of records.
/// With `keepingRecords` (a dataset), a JSON list's objects are kept as their
/// place in the file, as CSV rows are. `settings` are its dataset's encoding and delimiter.
public func readDocument(at url: URL, file: String, keepingRecords: Bool = false, settings: DataFileSettings? = nil,
                         diagnostics: inout Diagnostics) -> SourceNode? {
    guard let format = DataFormat(url) else {
        diagnostics.error("unsupported data file type '.\(url.pathExtension)' (expected .yaml, .yml, .json, .csv or .xlsx)", at: SourceLocation(file: file))
        return nil
    }
    if format == .xlsx {
        let sheet = settings?.sheet
        let records = WorkbookRecords.records(at: url, file: file, sheet: sheet?.name, sheetLocation: sheet?.location, diagnostics: &diagnostics)
        return SourceNode(.list(records), at: SourceLocation(file: file))
    }
    guard let text = TextFile.read(url, file: file, encoding: settings?.encoding, undeclaredHint: settings?.undeclaredHint,
                                   diagnostics: &diagnostics) else { return nil }
    switch format {
    case .yaml, .yml: return YAMLReader.parse(text, file: file, diagnostics: &diagnostics)
    case .json:
        if text.unicodeScalars.allSatisfy(Whitespace.isSpaceOrNewline) {
            return SourceNode(.null, at: SourceLocation(file: file, line: 1, column: 1))
        }
        return keepingRecords
            ? JSONReader.records(text, file: file, diagnostics: &diagnostics)
            : JSONReader.parse(text, file: file, diagnostics: &diagnostics)
    case .xlsx: return nil  // read above, as bytes
    case .csv:
        let records = CSVReader.records(text, file: file, delimiter: (settings?.delimiter ?? .comma).byte, diagnostics: &diagnostics)
        return SourceNode(.list(records), at: SourceLocation(file: file, line: 1, column: 1))
    }
}

/// The records of a dataset: a file (`.yaml .yml .json .csv .xlsx`) holding a list
/// of records, or a folder of such files read in sorted order and concatenated.
/// `file` is the path shown in messages, relative to the site directory.
public func readDataset(at url: URL, file: String, settings: DataFileSettings? = nil, diagnostics: inout Diagnostics) -> [SourceNode] {
    if isDirectory(url) {
        var records: [SourceNode] = []
        for child in dataFiles(in: url) {
            records += readDataset(at: child, file: file + "/" + child.lastPathComponent, settings: settings, diagnostics: &diagnostics)
        }
        return records
    }
    return readDatasetFile(at: url, file: file, settings: settings, diagnostics: &diagnostics) ?? []
}

/// The records of one file of a dataset; nil when the file could not be read
/// as text or parsed (its error is reported).
func readDatasetFile(at url: URL, file: String, settings: DataFileSettings?, diagnostics: inout Diagnostics) -> [SourceNode]? {
    guard let node = readDocument(at: url, file: file, keepingRecords: true, settings: settings, diagnostics: &diagnostics) else { return nil }
    switch node.kind {
    case .null: return []
    case .list(let items): return items
    default:
        diagnostics.error("a dataset must be a list of records, found \(node.kindDescription)", at: node.location)
        return []
    }
}

/// The records of several datasets, with private fields removed. Their files
/// are parsed on every core, the largest first, so that one large file (a
/// `people.yaml` of 100,000 people) does not leave a core idle at the end.
/// `failed` holds the positions of the datasets with a file that could not be read whole.
func readDatasets(_ sources: [DatasetSource], removing privateFields: Set<String>,
                  diagnostics: inout Diagnostics) -> (records: [[SourceNode]], failed: Set<Int>) {
    struct Part: Sendable {
        var dataset: Int
        var url: URL
        var file: String
        var size: Int
    }
    let parts: [Part] = sources.enumerated().flatMap { index, source in
        let files = isDirectory(source.url)
            ? dataFiles(in: source.url).map { ($0, source.file + "/" + $0.lastPathComponent) } : [(source.url, source.file)]
        return files.map { url, file in
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            return Part(dataset: index, url: url, file: file, size: size)
        }
    }
    let largestFirst = parts.indices.sorted { (parts[$0].size, $1) > (parts[$1].size, $0) }
    let read = concurrentMap(largestFirst) { index -> (index: Int, records: [SourceNode]?, problems: Diagnostics) in
        var problems = Diagnostics()
        let part = parts[index]
        let records = readDatasetFile(at: part.url, file: part.file, settings: sources[part.dataset].settings, diagnostics: &problems)?
            .map { $0.removingFields(named: privateFields) }
        return (index, records, problems)
    }.sorted { $0.index < $1.index }
    var datasets = Array(repeating: [SourceNode](), count: sources.count)
    var failed = Set<Int>()
    for part in read {
        datasets[parts[part.index].dataset] += part.records ?? []
        diagnostics.append(contentsOf: part.problems)
        if part.problems.hasErrors { failed.insert(parts[part.index].dataset) }
    }
    return (datasets, failed)
}

/// Hidden files, and the `~$people.xlsx` Excel keeps beside a workbook while it is open.
func isHiddenOrLock(_ name: String) -> Bool { name.hasPrefix(".") || name.hasPrefix("~$") }

func isDirectory(_ url: URL) -> Bool {
    var directory: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &directory) && directory.boolValue
}

/// The data files directly inside a folder, sorted by name; hidden files are skipped.
func dataFiles(in folder: URL) -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { !isHiddenOrLock($0) }.sorted()
        .map { folder.appendingPathComponent($0) }
        .filter { DataFormat($0) != nil && !isDirectory($0) }
}

/// One dataset found in `Content/data/`: a file or a folder of files.
struct DatasetSource {
    var name: String
    var url: URL
    var file: String
    /// Its encoding and delimiter, from site.yaml.
    var settings: DataFileSettings?
}

/// Finds the datasets in `Content/data/`. A dataset given twice (in two
/// formats, or as a file and a folder) is an error: which one wins would be a guess.
func scanDataDirectory(_ folder: URL, file: String, diagnostics: inout Diagnostics) -> [DatasetSource] {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { !isHiddenOrLock($0) }.sorted()
    var sources: [String: DatasetSource] = [:]
    var order: [String] = []
    for entry in names {
        let url = folder.appendingPathComponent(entry)
        let name: String
        if isDirectory(url) {
            name = entry
        } else if DataFormat(url) != nil {
            name = url.deletingPathExtension().lastPathComponent
        } else {
            // A spreadsheet saved in its own format is the likeliest slip: say what to do.
            if ["xls", "xlsm", "xlsb", "ods", "numbers", "tsv"].contains(url.pathExtension.lowercased()) {
                diagnostics.warning("'\(entry)' is not read: save it as CSV or as an Excel workbook (datasets are .yaml, .yml, .json, .csv or .xlsx)",
                                    at: SourceLocation(file: file + "/" + entry))
            }
            continue
        }
        let source = DatasetSource(name: name, url: url, file: file + "/" + entry)
        if let first = sources[name] {
            diagnostics.error("dataset '\(name)' is given twice, as \(first.url.lastPathComponent) and \(entry): keep one",
                              at: SourceLocation(file: source.file))
            continue
        }
        sources[name] = source
        order.append(name)
    }
    return order.compactMap { sources[$0] }
}
