import Foundation
import PlacardDiagnostics

/// Loads a site's settings and data: `Content/site.yaml` and `Content/data/`.
/// Every problem is collected; nothing stops at the first.
public enum SiteLoader {
    public static let settingsFile = "Content/site.yaml"
    public static let dataFolder = "Content/data"

    /// nil when site.yaml is missing or is not a map of settings.
    public static func loadConfig(siteDirectory: URL, diagnostics: inout Diagnostics) -> SiteConfig? {
        let url = siteDirectory.appendingPathComponent(settingsFile)
        guard FileManager.default.fileExists(atPath: url.path) else {
            diagnostics.error("the site has no settings file: create \(settingsFile) with at least a title", at: SourceLocation(file: settingsFile))
            return nil
        }
        guard let text = TextFile.read(url, file: settingsFile, diagnostics: &diagnostics),
              let node = YAMLReader.parse(text, file: settingsFile, diagnostics: &diagnostics) else { return nil }
        return SiteConfig.read(node, diagnostics: &diagnostics)
    }

    public static func loadData(siteDirectory: URL, config: SiteConfig, diagnostics: inout Diagnostics) -> SiteData {
        var data = SiteData()
        let folder = siteDirectory.appendingPathComponent(dataFolder)
        guard isDirectory(folder) else {
            config.checkDatasetNames(present: [], &diagnostics)
            return data
        }
        let sources = scanDataDirectory(folder, file: dataFolder, diagnostics: &diagnostics).map { source in
            var source = source
            source.settings = config.dataFileSettings(forDataset: source.name)
            return source
        }
        checkSheets(sources, &diagnostics)
        config.checkDatasetNames(present: sources.map(\.name), &diagnostics)
        // Private fields go first, so nothing downstream can publish them.
        let documentFolders: Set<String> = ["assessments", "surveys"]
        let listed = sources.filter { !documentFolders.contains($0.name) }
        let (listedRecords, failed) = readDatasets(listed, removing: config.privateFields, diagnostics: &diagnostics)
        let recordsByName = Dictionary(uniqueKeysWithValues: zip(listed.map(\.name), listedRecords))
        data.incomplete = Set(failed.map { listed[$0].name })
        for source in sources {
            data.files[source.name] = source.file
            if documentFolders.contains(source.name) {
                guard isDirectory(source.url) else {
                    diagnostics.error("'\(source.name)' must be a folder with one file per \(source.name == "surveys" ? "survey" : "scheme")",
                                      at: SourceLocation(file: source.file))
                    continue
                }
                var complete = true
                if source.name == "assessments" {
                    data.assessments = loadDocuments(source, config: config, complete: &complete, &diagnostics) { node, id, diagnostics in
                        Assessment.read(node, id: id, folder: source.url, folderFile: source.file,
                                        privateFields: config.privateFields, settings: source.settings, &diagnostics)
                    }.sorted { $0.id < $1.id }
                } else {
                    data.surveys = loadDocuments(source, config: config, complete: &complete, &diagnostics) { node, id, diagnostics in
                        Survey.read(node, id: id, &diagnostics)
                    }.sorted { $0.id < $1.id }
                }
                if !complete { data.incomplete.insert(source.name) }
                continue
            }
            let records = recordsByName[source.name] ?? []
            // A record that could not be read is left out: the dataset is then incomplete.
            func read<T>(_ reader: ([SourceNode], inout Diagnostics) -> [T]) -> [T] {
                let read = reader(records, &diagnostics)
                if read.count < records.count { data.incomplete.insert(source.name) }
                return read
            }
            switch source.name {
            case "organisations": data.organisations = read(Organisation.read)
            case "people": data.people = read(Person.read)
            case "commitments": data.commitments = read(Commitment.read)
            case "commitment-updates": data.commitmentUpdates = read(CommitmentUpdate.read)
            case "evaluations": data.evaluations = read(Evaluation.read)
            case "funding": data.funding = read { Funding.read($0, currency: config.currency, &$1) }
            case "indicators": data.indicators = read(IndicatorValue.read)
            default: data.generic[source.name] = GenericDataset(name: source.name, file: source.file, records: records)
            }
        }
        // Independent checks of a large site's data: on two cores, problems reported in the same order.
        let finalData = data
        let (referenceProblems, figureProblems) = concurrently({
            var problems = Diagnostics()
            Validation.checkReferences(finalData, config: config, &problems)
            return problems
        }, {
            var problems = Diagnostics()
            Validation.checkFigures(finalData, config: config, &problems)
            return problems
        })
        diagnostics.append(contentsOf: referenceProblems)
        diagnostics.append(contentsOf: figureProblems)
        return data
    }

    /// One document per file (`assessments/<scheme>.yaml`), named by its file; CSV files
    /// and workbooks there are score files, read by the scheme that names them.
    /// `complete` is cleared when a document could not be read whole.
    private static func loadDocuments<T>(_ source: DatasetSource, config: SiteConfig, complete: inout Bool,
                                         _ diagnostics: inout Diagnostics,
                                         _ read: (SourceNode, String, inout Diagnostics) -> T?) -> [T] {
        var seen: [String: String] = [:]
        var documents: [T] = []
        for url in dataFiles(in: source.url) where DataFormat(url) != .csv && DataFormat(url) != .xlsx {
            let name = url.deletingPathExtension().lastPathComponent
            let file = source.file + "/" + url.lastPathComponent
            if let first = seen[name] {
                diagnostics.error("'\(name)' is given twice, as \(first) and \(url.lastPathComponent): keep one", at: SourceLocation(file: file))
                continue
            }
            seen[name] = url.lastPathComponent
            guard Identifier.isValid(name) else {
                diagnostics.error("invalid name '\(name)' (a file name here becomes an address: use lowercase letters, digits and '-')",
                                  at: SourceLocation(file: file))
                continue
            }
            var problems = Diagnostics()
            let node = readDocument(at: url, file: file, settings: source.settings, diagnostics: &problems)
            let document = node.flatMap { read($0.removingFields(named: config.privateFields), name, &problems) }
            // Any error in a scheme or survey can leave out part of it (a score file, a component).
            if problems.hasErrors || document == nil { complete = false }
            diagnostics.append(contentsOf: problems)
            if let document { documents.append(document) }
        }
        return documents
    }

    /// A `sheet` setting on a dataset with no workbook would change nothing: an error.
    private static func checkSheets(_ sources: [DatasetSource], _ diagnostics: inout Diagnostics) {
        for source in sources {
            guard let sheet = source.settings?.sheet else { continue }
            let files = isDirectory(source.url) ? dataFiles(in: source.url) : [source.url]
            if !files.contains(where: { DataFormat($0) == .xlsx }) {
                diagnostics.error("dataset '\(source.name)' is not a workbook (.xlsx): 'sheet' applies to workbooks only",
                                  at: sheet.location)
            }
        }
    }
}
