import Crypto
import Foundation
import PlacardContent
import PlacardDiagnostics
#if canImport(Glibc)
import Glibc
#endif

/// Writes a site into a staging folder beside the output folder and swaps it in
/// only when the whole build succeeded: a failed or interrupted build leaves the
/// previous output exactly as it was.
final class OutputWriter: @unchecked Sendable {
    let output: URL
    let staging: URL
    private let stagingPath: String
    private let lock = NSLock()
    private var written: [String: String] = [:]  // output path -> what wrote it
    /// Output path -> SHA-256 of what was written, for the manifest: hashed from
    /// the bytes in hand rather than read back.
    private var digestByPath: [String: String] = [:]
    private var writtenCount = 0
    private var renderedCount = 0
    private var failures: [Diagnostic] = []
    /// Folders already made, so each is made once, not once per page.
    private var folders: Set<String> = []

    /// Set when updating the output in place: what the previous build wrote
    /// (path -> SHA-256). A file whose bytes did not change is not touched.
    private let previous: [String: String]?
    /// When updating in place: the files the previous build wrote, by its
    /// manifest. Only these may be replaced or removed.
    private let placards: [String: String]

    /// Updates `output` in place, writing only the files whose bytes changed and
    /// removing those no longer made. Used by a `BuildSession` once every check
    /// has passed; an interrupted update is repaired by the session's next, full build.
    init(updating output: OutputFolder, previous: [String: String], placards: [String: String]) {
        self.output = URL(fileURLWithPath: output.path)
        staging = self.output
        stagingPath = staging.path
        self.previous = previous
        self.placards = placards.merging(previous) { first, _ in first }
    }

    /// Writes a whole new build into a staging folder beside the output; the
    /// caller holds the output's lock, so no other build is using that folder.
    init(staging folder: OutputFolder) throws {
        previous = nil
        placards = [:]
        output = URL(fileURLWithPath: folder.path)
        stagingPath = folder.stagingPath
        staging = URL(fileURLWithPath: stagingPath)
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
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

    func write(_ data: some DataProtocol & ContiguousBytes, to path: String) {
        // In place, bytes in hand are hashed first: an unchanged file is not written again.
        if let previous {
            let digest = Manifest.digest(data)
            if previous[path] == digest {
                lock.withLock { digestByPath[path] = digest }
                return
            }
        }
        write(to: path) { emit in data.withUnsafeBytes(emit) }
    }

    /// Writes a file made in parts (a large download), hashing each part as it
    /// is written, so the file is never held whole: `commitments.json` of a
    /// 100,000-unit site is about 270 MB.
    func write(to path: String, parts: (_ append: (inout [UInt8]) -> Void) -> Void) {
        write(to: path) { emit in
            withoutActuallyEscaping(emit) { emit in
                parts { bytes in bytes.withUnsafeBytes { emit($0) } }
            }
        }
    }

    /// Writes whatever `produce` emits to `path` (open, write, close: no fsync;
    /// Foundation's `Data.write` syncs each file, which waits on the disk every
    /// time), hashing it for the manifest.
    /// When updating in place, the file is written beside the old one and renamed
    /// over it only when its bytes changed (parts are hashed only as they are
    /// written): a server never sends half a file.
    private func write(to path: String, _ produce: (_ emit: (UnsafeRawBufferPointer) -> Void) -> Void) {
        // Paths as strings: a URL per file is a measurable part of writing 10,000 pages.
        let file = stagingPath + "/" + path
        let target = previous == nil ? file : Self.temporaryPath(for: file)
        do {
            if previous != nil, placards[path] == nil {
                var status = stat()
                guard lstat(file, &status) != 0 else {
                    throw OutputFolder.Problem("the file is already in the output folder and was not written by Placard: move it away or build into another folder")
                }
            }
            try makeFolder(for: path)
            let descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw SystemError.current }
            var hasher = SHA256()
            var failure: SystemError?
            produce { bytes in
                guard failure == nil else { return }
                hasher.update(bufferPointer: bytes)
                failure = Self.writeAll(bytes, to: descriptor)
            }
            close(descriptor)
            if let failure {
                if previous != nil { unlink(target) }
                throw failure
            }
            let digest = Manifest.hex(hasher.finalize())
            lock.withLock { digestByPath[path] = digest }
            if let previous {
                guard previous[path] != digest else {
                    unlink(target)
                    return
                }
                guard rename(target, file) == 0 else {
                    let error = SystemError.current
                    unlink(target)
                    throw error
                }
            }
            lock.withLock { writtenCount += 1 }
        } catch {
            record(.error("cannot write '\(path)': \(error.localizedDescription)", at: SourceLocation(file: output.lastPathComponent + "/" + path)))
        }
    }

    /// `a/.b.placard-<pid>` for `a/b`.
    private static func temporaryPath(for file: String) -> String {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return Addresses.folder(of: file) + "/.\(name).placard-\(getpid())"
    }

    /// Writes every byte, retrying short writes; the error, if one stops it.
    private static func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) -> SystemError? {
        var offset = 0
        while offset < buffer.count {
            let count = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                return SystemError.current
            }
            offset += count
        }
        return nil
    }

    /// True when updating a previous build's output in place.
    var isUpdating: Bool { previous != nil }

    /// Keeps the file the previous build wrote at `path`: its page did not change.
    /// False when there is none, and the page must be written.
    func keep(_ path: String) -> Bool {
        guard let digest = previous?[path] else { return false }
        lock.withLock { digestByPath[path] = digest }
        return true
    }

    func copy(_ source: URL, to path: String) {
        if previous != nil || !Self.isRegularFile(source.path) {
            // In place: copy by reading, so an unchanged file is left alone.
            do {
                write(try Data(contentsOf: source), to: path)
            } catch {
                record(.error("cannot copy to '\(path)': \(error.localizedDescription)", at: SourceLocation(file: source.path)))
            }
            return
        }
        let url = staging.appendingPathComponent(path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source, to: url)
            let digest = try Manifest.hash(url)
            lock.withLock {
                digestByPath[path] = digest
                writtenCount += 1
            }
        } catch {
            record(.error("cannot copy to '\(path)': \(error.localizedDescription)", at: SourceLocation(file: source.path)))
        }
    }

    /// Only regular files are copied as they are (copying a link would publish a link).
    private static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    private func makeFolder(for path: String) throws {
        try makeFolder(Addresses.folder(of: path))
    }

    /// Makes a folder of the output and those above it, each once.
    private func makeFolder(_ folder: String) throws {
        guard !folder.isEmpty, lock.withLock({ !folders.contains(folder) }) else { return }
        try makeFolder(Addresses.folder(of: folder))
        if mkdir(stagingPath + "/" + folder, 0o755) != 0 {
            guard errno == EEXIST else { throw SystemError.current }
            // In place, never write through a link someone put in the output.
            var status = stat()
            guard previous == nil || (lstat(stagingPath + "/" + folder, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR) else {
                throw OutputFolder.Problem("'\(folder)' in the output folder is not a folder Placard can write into (a file or a symbolic link)")
            }
        }
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
    var filesWritten: Int { lock.withLock { writtenCount } }
    var pagesRendered: Int { lock.withLock { renderedCount } }

    /// Counts a page put through its template.
    func rendered() { lock.withLock { renderedCount += 1 } }

    /// How many output paths were claimed (without sorting 100,000 of them to count them).
    var claimedCount: Int { lock.withLock { written.count } }

    /// Puts the build in place (see `OutputFolder.commit`). In place: removes
    /// the files the previous build wrote and this one did not.
    func commit(to folder: OutputFolder, over contents: OutputFolder.Contents) throws {
        guard previous != nil else {
            try folder.commit(staging: stagingPath, over: contents)
            return
        }
        let current = digests
        for (path, digest) in placards where current[path] == nil && path != Manifest.fileName {
            folder.removeIfUnchanged(path, digest: digest)
        }
    }

    func discard() {
        guard previous == nil else { return }
        try? FileManager.default.removeItem(at: staging)
    }
}
