import Foundation
import PlacardContent
import PlacardDiagnostics

/// A small site written to a temporary folder, removed when released.
final class TestSite {
    let root: URL

    static let defaultSettings = """
    title: Test site
    levels:
      - {id: county, label: County}
      - {id: township, label: Township}
      - {id: village, label: Village}
    roles:
      - {id: first, label: First responsible}
    indicators:
      - {id: five-good, label: Five goods, aggregate: sum}
    private_fields: [phone, id_number]

    """

    /// `files` maps paths relative to the site folder to their text; site.yaml
    /// gets the default settings unless given.
    init(_ files: [String: String], settings: String? = defaultSettings) {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("placard-content-\(UUID().uuidString)")
        var all = files.mapValues { Data($0.utf8) }
        if let settings, all["Content/site.yaml"] == nil { all["Content/site.yaml"] = Data(settings.utf8) }
        write(all)
    }

    init(bytes files: [String: Data], settings: String = defaultSettings) {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("placard-content-\(UUID().uuidString)")
        var all = files
        if all["Content/site.yaml"] == nil { all["Content/site.yaml"] = Data(settings.utf8) }
        write(all)
    }

    private func write(_ files: [String: Data]) {
        for (path, data) in files {
            let url = root.appendingPathComponent(path)
            try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try! data.write(to: url)
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Loads settings and data; the diagnostics as printed, sorted.
    func load() -> (config: SiteConfig?, data: SiteData, messages: [String]) {
        var diagnostics = Diagnostics()
        let config = SiteLoader.loadConfig(siteDirectory: root, diagnostics: &diagnostics)
        let data = config.map { SiteLoader.loadData(siteDirectory: root, config: $0, diagnostics: &diagnostics) } ?? SiteData()
        return (config, data, diagnostics.sorted.map(\.description))
    }
}

/// Parses text with one reader; the diagnostics as printed.
func parseYAML(_ text: String, firstLine: Int = 1) -> (SourceNode?, [String]) {
    var diagnostics = Diagnostics()
    let node = YAMLReader.parse(text, file: "f.yaml", firstLine: firstLine, diagnostics: &diagnostics)
    return (node, diagnostics.sorted.map(\.description))
}

func parseJSON(_ text: String) -> (SourceNode?, [String]) {
    var diagnostics = Diagnostics()
    let node = JSONReader.parse(text, file: "f.json", diagnostics: &diagnostics)
    return (node, diagnostics.sorted.map(\.description))
}

func parseCSV(_ text: String) -> ([SourceNode], [String]) {
    var diagnostics = Diagnostics()
    let records = CSVReader.records(text, file: "f.csv", diagnostics: &diagnostics)
    return (records, diagnostics.sorted.map(\.description))
}

extension SourceNode {
    /// `line:col` of this value, for compact assertions.
    var at: String { "\(location.line):\(location.column)" }
    var text: String? { scalarText }
}
