import Foundation
import PlacardContent
import PlacardDiagnostics
import PlacardFigures

/// A small site written to a temporary folder, loaded as the pipeline loads
/// it (SiteLoader), then computed; the folder is removed at once.
func figures(_ files: [String: String], settings: String = defaultSettings, buildDay: ISODate = testBuildDay) -> (Figures, [String]) {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("placard-figures-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    var all = files
    if all["Content/site.yaml"] == nil { all["Content/site.yaml"] = settings }
    for (path, text) in all {
        let url = root.appendingPathComponent(path)
        try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: url)
    }
    return load(root)
}

/// The build date the figures tests use (the goldens' too): the as-of date of data that gives none.
let testBuildDay = ISODate("2026-11-27")!

func load(_ root: URL, buildDay: ISODate = testBuildDay) -> (Figures, [String]) {
    var diagnostics = Diagnostics()
    let config = SiteLoader.loadConfig(siteDirectory: root, diagnostics: &diagnostics) ?? SiteConfig(title: .init("?"))
    let data = SiteLoader.loadData(siteDirectory: root, config: config, diagnostics: &diagnostics)
    return (Figures(data: data, config: config, buildDay: buildDay), diagnostics.sorted.map(\.description))
}

/// The example site at the repository root, loaded once.
let example: (figures: Figures, messages: [String]) = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return load(root)
}()

let defaultSettings = """
title: Test site
language: en
levels:
  - {id: county, label: County}
  - {id: township, label: Township}
  - {id: village, label: Village}
indicators:
  - {id: five-good, label: Five goods, aggregate: sum}
  - {id: staff, label: Staff}
rules:
  - {id: no-awards, metric: satisfaction, below: 90, label: No awards}
  - {id: rectify, metric: satisfaction, below: 60, label: Rectify, severity: warning}
  - {id: remove, metric: satisfaction, below: 60, consecutive_years: 2, applies_to: village, label: Remove, severity: critical}

"""

/// A county with two townships and a village under each.
let smallTree = """
- {id: county, name: County, level: county, facts: {residents: 1000}}
- {id: north, name: North, level: township, parent: county}
- {id: south, name: South, level: township, parent: county}
- {id: n1, name: N1, level: village, parent: north, facts: {residents: 120}}
- {id: s1, name: S1, level: village, parent: south}
- {id: lone, name: Lone, level: village}

"""

/// An exact decimal from its literal text (never through Double).
func d(_ text: String) -> Decimal { DecimalLiteral.decimal(text)! }

extension Figures {
    /// The inline figure's text, or its error message.
    func text(_ expression: String) -> String {
        switch inline(expression) {
        case .success(let text): text
        case .failure(let error): "error: \(error.message)"
        }
    }
}
