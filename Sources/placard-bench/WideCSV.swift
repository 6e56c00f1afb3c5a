import Foundation

/// `--wide-csv N`: a site whose one dataset has a header of N columns and one row,
/// built in this process with each step timed (`--phases`). A header of 100,000
/// columns took 174 s while each column was compared with every one before it.
enum WideCSV {
    static func run(columns: Int, work: URL) throws {
        let site = work.appendingPathComponent("wide-csv-\(columns)")
        let data = site.appendingPathComponent("Content/data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Data("title: Wide CSV\nlanguage: en\n".utf8).write(to: site.appendingPathComponent("Content/site.yaml"))
        try Data("# Home\n".utf8).write(to: site.appendingPathComponent("Content/index.md"))
        let header = (0..<columns).map { "column\($0)" }.joined(separator: ",")
        let row = (0..<columns).map { "value \($0)" }.joined(separator: ",")
        try Data((header + "\n" + row + "\n").utf8).write(to: data.appendingPathComponent("wide.csv"))
        print("a dataset of \(columns) columns in \(site.path)")
        Phases.run(site: site)
    }
}
