import Foundation
import PlacardDiagnostics
import PlacardSite

/// Where the CLI talks: problems always go to standard error; progress and the
/// closing line only when standard error is a terminal, so a piped build is quiet
/// but for its problems.
struct Console {
    let isTerminal = isatty(STDERR_FILENO) != 0

    var progress: any BuildProgress {
        isTerminal ? TerminalProgress() : SilentProgress()
    }

    func report(_ diagnostics: [Diagnostic]) {
        if isTerminal { FileHandle.standardError.write(Data("\u{1B}[2K\r".utf8)) }
        guard !diagnostics.isEmpty else { return }
        var text = diagnostics.map(\.description).joined(separator: "\n") + "\n"
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        text += "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    func done(_ message: String) {
        if isTerminal { FileHandle.standardError.write(Data("placard: \(message)\n".utf8)) }
    }
}

struct TerminalProgress: BuildProgress {
    let started = Date()

    func started(step: String) {
        write("\u{1B}[2K\rplacard: \(step)…")
    }

    func pagesWritten(_ done: Int, of total: Int) {
        let seconds = max(Date().timeIntervalSince(started), 0.001)
        write("\u{1B}[2K\rplacard: write… \(done)/\(total) pages, \(Int(Double(done) / seconds)) pages/s")
        if done == total { write("\n") }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
