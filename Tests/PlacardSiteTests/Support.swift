import Foundation
import PlacardSite

/// The repository root, found from this file's place in Tests/PlacardSiteTests/.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

/// 2026-11-27T00:00:00Z: the build date of every golden.
let goldenNow = Date(timeIntervalSince1970: 1_795_737_600)

func temporaryFolder(_ name: String = #function) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("placard-tests-\(getpid())")
        .appendingPathComponent(name.filter { $0.isLetter || $0.isNumber })
    try? FileManager.default.removeItem(at: url)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes a small site: paths relative to the site folder, e.g. `Content/site.yaml`.
func makeSite(_ files: [String: String], in folder: URL) throws {
    for (path, text) in files {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}

func build(_ site: URL, into output: URL, now: Date = goldenNow, configure: (inout BuildOptions) -> Void = { _ in }) -> BuildResult {
    var options = BuildOptions(siteDirectory: site, outputDirectory: output, now: now)
    configure(&options)
    return SiteBuilder.build(options)
}

/// Builds a small site (see `makeSite`) in a folder of its own: the result and every file written.
func site(_ files: [String: String]) throws -> (BuildResult, [String: Data]) {
    let folder = try temporaryFolder(UUID().uuidString)
    try makeSite(files, in: folder)
    let output = folder.appendingPathComponent("Output")
    let result = build(folder, into: output)
    return (result, tree(output))
}

/// Every regular file under `folder`, by relative path, with its bytes.
func tree(_ folder: URL) -> [String: Data] {
    var files: [String: Data] = [:]
    let root = folder.standardizedFileURL.path
    guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return files }
    for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
        files[String(url.standardizedFileURL.path.dropFirst(root.count + 1))] = try? Data(contentsOf: url)
    }
    return files
}

/// Names the files that differ between two trees; empty when they are identical.
func differences(_ actual: [String: Data], _ expected: [String: Data]) -> [String] {
    var result: [String] = []
    for path in Set(actual.keys).union(expected.keys).sorted() {
        switch (actual[path], expected[path]) {
        case (nil, _): result.append("missing: \(path)")
        case (_, nil): result.append("unexpected: \(path)")
        case let (a?, b?) where a != b: result.append("differs: \(path)")
        default: break
        }
    }
    return result
}
