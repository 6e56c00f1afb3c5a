import Foundation
import PlacardSite
#if canImport(Glibc)
import Glibc
#endif

// placard-bench: a benchmark, not a test. See `placard-bench --help`.

/// 2026-01-01T00:00:00Z, the build date of every timed build (notices open or closed against it).
let buildDate = Date(timeIntervalSince1970: 1_767_225_600)

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("placard-bench: error: \(message)\n".utf8))
    exit(2)
}

let rawArguments = Array(CommandLine.arguments.dropFirst())

// Internal: `placard-bench --child-build SITE OUT` builds in this process through
// the library; used as the timed child when no `placard` binary sits beside us.
if rawArguments.first == "--child-build" {
    guard rawArguments.count == 3 else { fail("--child-build SITE OUT") }
    let options = BuildOptions(
        siteDirectory: URL(fileURLWithPath: rawArguments[1]),
        outputDirectory: URL(fileURLWithPath: rawArguments[2]), now: buildDate)
    let result = SiteBuilder.build(options)
    for diagnostic in result.diagnostics { print(diagnostic.description) }
    print("built \(result.pageCount) pages (\(result.fileCount) files)")
    exit(result.succeeded ? 0 : 1)
}

let arguments: BenchArguments
do {
    guard let parsed = try BenchArguments.parse(rawArguments) else {
        print(BenchArguments.usage)
        exit(0)
    }
    arguments = parsed
} catch {
    fail("\(error)")
}

if let site = arguments.rebuildSite {
    Rebuild.run(site: URL(fileURLWithPath: site))
    exit(0)
}

if let columns = arguments.wideColumns {
    do {
        try WideCSV.run(columns: columns, work: arguments.workDirectory ?? FileManager.default.temporaryDirectory.appendingPathComponent("placard-bench"))
    } catch {
        fail("\(error)")
    }
    exit(0)
}

if let site = arguments.phasesSite {
    Phases.run(site: URL(fileURLWithPath: site))
    exit(0)
}

let benchmark = Benchmark(arguments: arguments)
do {
    try benchmark.run()
} catch {
    fail("\(error)")
}
