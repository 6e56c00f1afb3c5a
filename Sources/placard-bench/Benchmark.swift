import Foundation
import PlacardSite
#if canImport(Glibc)
import Glibc
#endif

/// The goals of the issue: at least 5 times faster than Hugo on 10,000 pages,
/// with peak memory under 150 MB.
enum Goals {
    static let speedup = 5.0
    static let peakMegabytes = 150.0
}

/// What one tool measured on one site size: the median of the timed runs.
struct ToolResult {
    var tool: String
    var pages: Int
    var runs: [Measurement]
    var outputPages: Int

    var median: Measurement {
        func mid(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            let n = sorted.count
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        }
        return Measurement(
            seconds: mid(runs.map(\.seconds)),
            userSeconds: mid(runs.map(\.userSeconds)),
            systemSeconds: mid(runs.map(\.systemSeconds)),
            peakKilobytes: Int(mid(runs.map { Double($0.peakKilobytes) })),
            exitStatus: 0)
    }

    var pagesPerSecond: Double { Double(pages) / median.seconds }
}

struct SizeResult {
    var pages: Int
    var placard: ToolResult?
    var hugo: ToolResult?
    var cmark: ToolResult?
    var markdownBytes: Int
}

/// Folders the benchmark is done with, moved into one folder and deleted only
/// when every timing is over. Deleted right before a timed run, a 10,000-page
/// output (20,000 folders and files) made that run's file creation several
/// times slower on an ext4 without a journal, which passes over every inode
/// freed in the last minute one by one (`recently_deleted`): that timed the
/// deletion, not the tool, and hit whichever tool ran next.
final class SetAside {
    /// In the work folder, so that moving is renaming.
    let folder: URL
    private var count = 0

    init(in work: URL) {
        folder = work.appendingPathComponent(".set-aside")
    }

    /// Moves `item`, if it exists, into the set-aside folder.
    func move(_ item: URL) {
        guard FileManager.default.fileExists(atPath: item.path) else { return }
        count += 1
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if (try? FileManager.default.moveItem(at: item, to: folder.appendingPathComponent("\(getpid())-\(count)"))) == nil {
            try? FileManager.default.removeItem(at: item)
        }
    }

    func deleteAll() {
        try? FileManager.default.removeItem(at: folder)
    }
}

struct Benchmark {
    let arguments: BenchArguments
    let work: URL
    let setAside: SetAside

    init(arguments: BenchArguments) {
        self.arguments = arguments
        work = arguments.workDirectory ?? FileManager.default.temporaryDirectory.appendingPathComponent("placard-bench")
        setAside = SetAside(in: work)
    }

    func run() throws {
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { setAside.deleteAll() }
        let placard = placardCommand()
        let hugo = arguments.hugo ? ChildProcess.find("hugo") : nil
        let cmark = arguments.cmark ? ChildProcess.find("cmark") : nil

        print("placard-bench: \(Machine.description)")
        print("placard: \(placard.describe)")
        if arguments.pageCounts.isEmpty {
            print("hugo:    not run for organisation sites")
        } else if let hugo { print("hugo:    \(hugo) (\(ChildProcess.output(hugo, ["version"]) ?? "version unknown"))") } else {
            print("hugo:    " + (arguments.hugo ? "not found on PATH: Placard only" : "skipped (--no-hugo)"))
        }
        print("runs:    1 warm-up + \(arguments.runs) timed per tool and size (median reported); work folder \(work.path)")

        var results: [SizeResult] = []
        for pages in arguments.pageCounts {
            results.append(try measure(pages: pages, work: work, placard: placard, hugo: hugo, cmark: cmark))
        }
        if results.count > 1, !arguments.generateOnly { printSummary(results) }
        for units in arguments.unitCounts {
            try measure(units: units, work: work, placard: placard)
        }
        if !arguments.keep {
            try? FileManager.default.removeItem(at: work)
        }
    }

    // MARK: The placard command

    struct Command {
        var executable: String
        var prefix: [String]
        var describe: String

        func arguments(site: String, output: String) -> [String] {
            prefix.isEmpty
                ? ["build", site, "--output", output, "--now", "2026-01-01"]
                : prefix + [site, output]
        }
    }

    /// The release `placard` beside this binary, or this binary building through the library.
    func placardCommand() -> Command {
        let me = Bundle.main.executableURL?.resolvingSymlinksInPath() ?? URL(fileURLWithPath: CommandLine.arguments[0])
        let beside = me.deletingLastPathComponent().appendingPathComponent("placard").path
        if access(beside, X_OK) == 0 {
            let configuration = me.deletingLastPathComponent().lastPathComponent
            var describe = "\(beside) build SITE --output OUT --now 2026-01-01"
            if !configuration.contains("release") { describe += "  (WARNING: not a release build)" }
            return Command(executable: beside, prefix: [], describe: describe)
        }
        return Command(executable: me.path, prefix: ["--child-build"],
                       describe: "\(me.path) --child-build SITE OUT (no placard binary beside the bench: building through the PlacardSite library)")
    }

    // MARK: One size

    func measure(pages: Int, work: URL, placard: Command, hugo: String?, cmark: String?) throws -> SizeResult {
        let root = work.appendingPathComponent("\(pages)")
        setAside.move(root)
        let site = SyntheticSite(pageCount: pages)
        let clock = ContinuousClock()
        let started = clock.now
        let summary = try site.write(to: root, hugo: hugo != nil)
        let generation = clock.now - started
        print("")
        print("== \(pages) narratives in \(site.folderCount) folders ==")
        print(String(format: "generated in %.2f s: %.1f MB of Markdown (%.1f KB a page on average), %d notices, %d reports, %d links between pages",
                     seconds(generation), Double(summary.markdownBytes) / 1_048_576, Double(summary.markdownBytes) / 1024 / Double(pages),
                     summary.notices, summary.reports, summary.links))
        print("load average before timing: \(Machine.loadAverage)")
        fflush(nil)  // into a file or pipe too, a long run shows how far it got

        var result = SizeResult(pages: pages, markdownBytes: summary.markdownBytes)
        if arguments.generateOnly { return result }
        let placardSite = root.appendingPathComponent("placard").path
        let placardOut = root.appendingPathComponent("placard-out").path
        let hugoSite = root.appendingPathComponent("hugo").path
        let hugoOut = root.appendingPathComponent("hugo-out").path

        var tools: [Tool] = [
            Tool(name: "placard", executable: placard.executable, arguments: placard.arguments(site: placardSite, output: placardOut), output: placardOut),
        ]
        if let hugo { tools.append(Tool(name: "hugo", executable: hugo, arguments: ["--quiet", "-s", hugoSite, "-d", hugoOut], output: hugoOut)) }
        if let cmark { tools.append(Tool(name: "cmark", executable: cmark, arguments: [root.appendingPathComponent("bodies.md").path], output: nil)) }
        let (runs, failed) = try time(tools, logs: root)
        for tool in tools where !failed.contains(tool.name) {
            guard let measured = runs[tool.name], !measured.isEmpty else { continue }
            let outputPages = tool.output.map(countPages) ?? 0
            let toolResult = ToolResult(tool: tool.name, pages: pages, runs: measured, outputPages: outputPages)
            switch tool.name {
            case "placard": result.placard = toolResult
            case "hugo": result.hugo = toolResult
            default: result.cmark = toolResult
            }
        }
        printTable(result)
        fflush(nil)
        if !arguments.keep { setAside.move(root) }
        return result
    }

    /// A command to time, and the folder it writes (removed before each run).
    struct Tool {
        var name: String
        var executable: String
        var arguments: [String]
        var output: String?
    }

    /// One warm-up run of each tool, then `--runs` timed runs; a tool that fails is left out.
    /// Each run writes a new output folder: the last one is set aside, not deleted.
    /// Logs go to `logs/<tool>.log` (cmark's output is dropped).
    func time(_ tools: [Tool], logs: URL) throws -> (runs: [String: [Measurement]], failed: Set<String>) {
        // Warm-up: fills the file cache, and shows that every tool succeeds on this site.
        var failed: Set<String> = []
        for tool in tools {
            if let output = tool.output { setAside.move(URL(fileURLWithPath: output)) }
            let log = logs.appendingPathComponent("\(tool.name).log").path
            let run = try ChildProcess.run(tool.executable, tool.arguments, log: tool.name == "cmark" ? nil : log)
            if !run.succeeded {
                failed.insert(tool.name)
                print("\(tool.name) FAILED (exit status \(run.exitStatus)); the end of its output (\(log)):")
                print(tail(of: log, lines: 20))
            }
        }
        // Timed runs, the tools taking turns so that a burst of load elsewhere hits both.
        var runs: [String: [Measurement]] = [:]
        for _ in 0..<arguments.runs {
            for tool in tools where !failed.contains(tool.name) {
                if let output = tool.output { setAside.move(URL(fileURLWithPath: output)) }
                let log = tool.name == "cmark" ? nil : logs.appendingPathComponent("\(tool.name).log").path
                let run = try ChildProcess.run(tool.executable, tool.arguments, log: log)
                guard run.succeeded else {
                    failed.insert(tool.name)
                    print("\(tool.name) FAILED on a timed run (exit status \(run.exitStatus))")
                    continue
                }
                runs[tool.name, default: []].append(run)
            }
        }
        return (runs, failed)
    }

    /// The number of HTML pages a build wrote.
    func countPages(in output: String) -> Int {
        guard let enumerator = FileManager.default.enumerator(atPath: output) else { return 0 }
        var count = 0
        while let path = enumerator.nextObject() as? String {
            if path.hasSuffix(".html") { count += 1 }
        }
        return count
    }

    func tail(of file: String, lines: Int) -> String {
        guard let data = FileManager.default.contents(atPath: file) else { return "(no output)" }
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .suffix(lines).map { "    " + $0 }.joined(separator: "\n")
    }

    // MARK: Printing

    func printTable(_ result: SizeResult) {
        print("")
        print(pad("tool", 9) + pad("pages", 8, right: true) + pad("seconds", 10, right: true) + pad("pages/s", 10, right: true)
              + pad("peak MB", 10, right: true) + pad("user s", 8, right: true) + pad("system s", 10, right: true)
              + pad("HTML files", 12, right: true))
        for tool in [result.placard, result.hugo].compactMap({ $0 }) {
            let m = tool.median
            print(pad(tool.tool, 9) + pad("\(tool.pages)", 8, right: true) + pad(String(format: "%.3f", m.seconds), 10, right: true)
                  + pad(String(format: "%.0f", tool.pagesPerSecond), 10, right: true)
                  + pad(String(format: "%.1f", m.peakMegabytes), 10, right: true)
                  + pad(String(format: "%.2f", m.userSeconds), 8, right: true)
                  + pad(String(format: "%.2f", m.systemSeconds), 10, right: true)
                  + pad("\(tool.outputPages)", 12, right: true))
        }
        if let cmark = result.cmark {
            let m = cmark.median
            print(String(format: "raw cmark: %.3f s for all %d bodies in one file (%.1f MB): %.0f pages/s, %.1f MB/s, peak %.1f MB",
                         m.seconds, result.pages, Double(result.markdownBytes) / 1_048_576, cmark.pagesPerSecond,
                         Double(result.markdownBytes) / 1_048_576 / m.seconds, m.peakMegabytes))
        }
        if let placard = result.placard {
            let peak = placard.median.peakMegabytes
            let memoryMet = peak < Goals.peakMegabytes
            if let hugo = result.hugo {
                let ratio = hugo.median.seconds / placard.median.seconds
                let verdict = ratio >= Goals.speedup ? "met" : String(format: "MISSED, Placard needs %.1fx less time", Goals.speedup / ratio)
                print(String(format: "Hugo time / Placard time = %.2f  (goal >= %.0f: ", ratio, Goals.speedup) + verdict + ")")
                print(String(format: "Hugo peak / Placard peak = %.2f", hugo.median.peakMegabytes / peak))
            }
            let verdict = memoryMet ? "met" : String(format: "MISSED by %.1f MB, %.1fx the goal", peak - Goals.peakMegabytes, peak / Goals.peakMegabytes)
            print(String(format: "Placard peak memory = %.1f MB  (goal < %.0f MB: ", peak, Goals.peakMegabytes) + verdict + ")")
        }
    }

    func printSummary(_ results: [SizeResult]) {
        print("")
        print("== summary (medians; MB = 2^20 bytes of peak RSS) ==")
        print(pad("pages", 8, right: true) + pad("placard s", 11, right: true) + pad("hugo s", 9, right: true)
              + pad("hugo/placard", 14, right: true) + pad("placard MB", 12, right: true) + pad("hugo MB", 9, right: true) + "  goals")
        for result in results {
            guard let placard = result.placard else {
                print(pad("\(result.pages)", 8, right: true) + "  placard failed")
                continue
            }
            var line = pad("\(result.pages)", 8, right: true) + pad(String(format: "%.3f", placard.median.seconds), 11, right: true)
            var goals: [String] = []
            if let hugo = result.hugo {
                let ratio = hugo.median.seconds / placard.median.seconds
                line += pad(String(format: "%.3f", hugo.median.seconds), 9, right: true) + pad(String(format: "%.2f", ratio), 14, right: true)
                goals.append(ratio >= Goals.speedup ? "speed met" : "speed MISSED")
            } else {
                line += pad("-", 9, right: true) + pad("-", 14, right: true)
            }
            line += pad(String(format: "%.1f", placard.median.peakMegabytes), 12, right: true)
            line += pad(result.hugo.map { String(format: "%.1f", $0.median.peakMegabytes) } ?? "-", 9, right: true)
            goals.append(placard.median.peakMegabytes < Goals.peakMegabytes ? "memory met" : "memory MISSED")
            print(line + "  " + goals.joined(separator: ", "))
        }
    }

    func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// What the numbers were measured on.
enum Machine {
    static var description: String {
        var cpu = "unknown CPU"
        if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
           let colon = line.firstIndex(of: ":")
        {
            cpu = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let memory = Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824
        return "\(ProcessInfo.processInfo.activeProcessorCount) cores (\(cpu)), " + String(format: "%.0f GB RAM, ", memory)
            + ProcessInfo.processInfo.operatingSystemVersionString
    }

    static var loadAverage: String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }
}

/// `--phases SITE`: one build in this process, timing each step the pipeline
/// announces. Each step's line is printed as soon as the next one starts, so
/// a build stopped half way (a large site, a timeout) still shows the steps it finished.
final class Phases: BuildProgress, @unchecked Sendable {
    private let lock = NSLock()
    private var current: (name: String, start: ContinuousClock.Instant, cpu: Double, held: Double)?

    func started(step: String) {
        lock.lock()
        finishStep(at: ContinuousClock.now)
        // Freed memory goes back to the system first, so the figure is what earlier steps still hold.
        Self.trimHeap()
        current = (step, ContinuousClock.now, Self.cpuSeconds(), Self.residentMegabytes())
        lock.unlock()
    }

    func pagesWritten(_ done: Int, of total: Int) {}

    func finishStep(at end: ContinuousClock.Instant) {
        guard let current else { return }
        print("  " + current.name.padding(toLength: 12, withPad: " ", startingAt: 0)
              + String(format: " %8.3f s  CPU %7.3f s   held at start %7.1f MB   peak so far %7.1f MB",
                       seconds(end - current.start), Self.cpuSeconds() - current.cpu, current.held, Self.peakMegabytes()))
        fflush(nil)
    }

    /// glibc's malloc_trim(0), looked up at run time (the Glibc module does not export it).
    static func trimHeap() {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)(0)
    }

    /// The current resident set size (the second field of /proc/self/statm, in pages); 0 elsewhere.
    static func residentMegabytes() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Double(fields[1]) else { return 0 }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }

    /// User and system time of every thread so far: beside a step's wall time it shows how well the step used the cores.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func peakMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    static func run(site: URL) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("placard-bench-phases-\(getpid())")
        let phases = Phases()
        let start = ContinuousClock.now
        var options = BuildOptions(siteDirectory: site, outputDirectory: output, now: buildDate)
        let parts = PagePartTimes()
        options.pagePartTimes = parts
        let result = SiteBuilder.build(options, progress: phases)
        let end = ContinuousClock.now
        phases.finishStep(at: end)
        print("  pages' parts (CPU s, all threads): " + PagePartTimes.Part.allCases.map { part in
            String(format: "%@ %.3f", "\(part)", parts.seconds(part))
        }.joined(separator: ", "))
        try? FileManager.default.removeItem(at: output)
        for diagnostic in result.diagnostics.prefix(20) { print(diagnostic.description) }
        print("built \(result.pageCount) pages (\(result.fileCount) files), \(result.succeeded ? "no errors" : "FAILED")")
        print("  total        " + String(format: "%8.3f s, peak RSS %.1f MB", seconds(end - start), peakMegabytes()))
    }
}
