import Foundation
import PlacardDiagnostics
#if PLACARD_FUZZING
import CLibFuzzer
#endif

/// The fuzz targets, by the name `scripts/fuzz` gives them.
let targets: [String: @Sendable (UnsafeRawBufferPointer) -> [Diagnostic]] = [
    "csv": fuzzCSV,
    "json": fuzzJSON,
    "yaml": fuzzYAML,
    "frontmatter": fuzzFrontMatter,
    "markdown": fuzzMarkdown,
]

/// Built by scripts/fuzz (PLACARD_FUZZING), the binary is libFuzzer's: it runs
/// the target named by PLACARD_FUZZ_TARGET with libFuzzer's arguments. One
/// binary serves every target, so the instrumented modules are linked once.
/// In a plain `swift build`, it runs a target over saved inputs, to replay a
/// crash without the sanitizers: `placard-fuzz yaml Tests/Fuzz/regressions/yaml/*`.
@main
enum PlacardFuzz {
    static func main() {
        #if PLACARD_FUZZING
        let name = ProcessInfo.processInfo.environment["PLACARD_FUZZ_TARGET"] ?? ""
        guard let target = targets[name] else { fail("set PLACARD_FUZZ_TARGET to one of: \(names)") }
        chosen = target
        // Once before the first input: what a target loads once (the markdown
        // target's fixed site) is not taken for what an input allocates.
        _ = target(UnsafeRawBufferPointer(start: nil, count: 0))
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, count in
            _ = chosen!(UnsafeRawBufferPointer(start: count == 0 ? nil : data, count: count))
            return 0
        })
        #else
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = targets[name], arguments.count > 1 else {
            fail("usage: placard-fuzz \(names.replacingOccurrences(of: ", ", with: "|")) FILE...\n(scripts/fuzz builds it for libFuzzer)")
        }
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
            let diagnostics = data.withUnsafeBytes { target($0) }
            print("\(path): ok, \(diagnostics.count) diagnostic\(diagnostics.count == 1 ? "" : "s")")
            for diagnostic in diagnostics { print("  \(diagnostic)") }
        }
        #endif
    }

    static var names: String { targets.keys.sorted().joined(separator: ", ") }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(2)
    }
}

#if PLACARD_FUZZING
/// The target libFuzzer's callback runs: a C function pointer captures nothing.
nonisolated(unsafe) private var chosen: (@Sendable (UnsafeRawBufferPointer) -> [Diagnostic])?
#endif
