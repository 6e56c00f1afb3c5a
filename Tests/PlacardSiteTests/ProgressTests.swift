import Foundation
import Testing

/// Runs the built `placard` binary (beside the test bundle in .build/) with
/// its output collected from a pipe.
func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Test func progressShowsOnATerminalAndAPipedBuildIsQuiet() throws {
    let placard = packageRoot.appendingPathComponent(".build/debug/placard").path
    try #require(FileManager.default.isExecutableFile(atPath: placard), "build the placard binary first (swift build)")
    let folder = try temporaryFolder()
    var files = ["Content/site.yaml": "title: Progress\nlanguage: en\n", "Content/index.md": "# Home\n"]
    for n in 0..<600 { files["Content/pages/p\(n).md"] = "---\ntitle: Page \(n)\n---\nText \(n).\n" }
    try makeSite(files, in: folder)
    let output = folder.appendingPathComponent("Output").path

    let piped = try run(placard, ["build", folder.path, "--output", output, "--now", "2026-01-01"])
    #expect(piped.status == 0)
    #expect(piped.output == "")

    // `script` gives the build a terminal: steps, then pages done and pages per second.
    let command = "\(placard) build \(folder.path) --output \(output) --now 2026-01-01"
    let terminal = try run("/usr/bin/script", ["-qec", command, "/dev/null"])
    #expect(terminal.status == 0)
    #expect(terminal.output.contains("placard: narratives…"))
    #expect(terminal.output.contains("placard: write… 500/"))
    #expect(terminal.output.contains(" pages/s"))
    #expect(terminal.output.contains("placard: built "))
}
