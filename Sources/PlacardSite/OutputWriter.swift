import Foundation
import PlacardDiagnostics

/// Writes a site into a staging folder beside the output folder and swaps it in
/// only when the whole build succeeded: a failed or interrupted build leaves the
/// previous output exactly as it was.
final class OutputWriter: @unchecked Sendable {
    let output: URL
    let staging: URL
    private let lock = NSLock()
    private var written: [String: String] = [:]  // output path -> what wrote it
    /// Output path -> SHA-256 of what was written, for the manifest: hashed from
    /// the bytes in hand rather than read back.
    private var digestByPath: [String: String] = [:]
    private var failures: [Diagnostic] = []
    /// Folders already made, so each is made once, not once per page.
    private var folders: Set<String> = []

    init(output: URL) throws {
        self.output = output.standardizedFileURL
        let parent = self.output.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        Self.removeLeftovers(in: parent, of: self.output.lastPathComponent)
        staging = parent.appendingPathComponent(".\(self.output.lastPathComponent).placard-build-\(getpid())")
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    /// A build that was killed leaves its staging folder behind; the next one clears it.
    private static func removeLeftovers(in parent: URL, of name: String) {
        let prefixes = [".\(name).placard-build-", ".\(name).placard-old-"]
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for entry in entries where prefixes.contains(where: entry.hasPrefix) {
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
        }
    }

    /// Claims an output path for `source`; a second claim is an error naming both.
    func claim(_ path: String, by source: String, at location: SourceLocation) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if let previous = written[path] {
            failures.append(.error("'\(path)' would be written twice: by \(previous) and by \(source)", at: location))
            return false
        }
        written[path] = source
        return true
    }

    func write(_ text: String, to path: String) {
        write(Data(text.utf8), to: path)
    }

    func write(_ data: Data, to path: String) {
        let url = staging.appendingPathComponent(path)
        do {
            try makeFolder(for: path)
            try data.write(to: url)
            let digest = Manifest.digest(data)
            lock.withLock { digestByPath[path] = digest }
        } catch {
            record(.error("cannot write '\(path)': \(error.localizedDescription)", at: SourceLocation(file: output.lastPathComponent + "/" + path)))
        }
    }

    func copy(_ source: URL, to path: String) {
        let url = staging.appendingPathComponent(path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source, to: url)
            let digest = try Manifest.hash(url)
            lock.withLock { digestByPath[path] = digest }
        } catch {
            record(.error("cannot copy to '\(path)': \(error.localizedDescription)", at: SourceLocation(file: source.path)))
        }
    }

    private func makeFolder(for path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        guard !folder.isEmpty, lock.withLock({ !folders.contains(folder) }) else { return }
        try FileManager.default.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
        lock.withLock { _ = folders.insert(folder) }
    }

    private func record(_ diagnostic: Diagnostic) {
        lock.lock()
        failures.append(diagnostic)
        lock.unlock()
    }

    var problems: [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        return failures
    }

    var digests: [String: String] { lock.withLock { digestByPath } }

    var paths: [String] {
        lock.lock()
        defer { lock.unlock() }
        return written.keys.sorted()
    }

    /// Moves the old output aside, the new one in, then deletes the old one.
    func commit() throws {
        let fileManager = FileManager.default
        let old = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).placard-old-\(getpid())")
        if fileManager.fileExists(atPath: output.path) {
            try fileManager.moveItem(at: output, to: old)
        }
        do {
            try fileManager.moveItem(at: staging, to: output)
        } catch {
            if fileManager.fileExists(atPath: old.path) { try? fileManager.moveItem(at: old, to: output) }
            throw error
        }
        try? fileManager.removeItem(at: old)
    }

    func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}
