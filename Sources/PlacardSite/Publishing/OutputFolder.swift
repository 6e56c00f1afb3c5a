import CSystemCalls
import Foundation
import PlacardContent
#if canImport(Glibc)
import Glibc
#endif

/// The folder a build writes to, and the rules that keep Placard from
/// destroying anything it did not make (docs/cli.md, "Safe output"):
///
/// - Some folders are never an output: `/`, a home folder or one holding it,
///   the site folder or one holding it, and anything in `Content/` or `Templates/`.
/// - A folder that exists must be empty or hold an earlier Placard build,
///   known by its `manifest.sha256`: the files that build wrote are Placard's,
///   everything else is not.
/// - A folder holding only Placard's files is replaced whole, in one step
///   (`renameat2` with `RENAME_EXCHANGE`): a reader sees the old site or the new
///   one, and a build killed at any moment leaves one of them complete.
/// - A folder shared with other files (a web root) has only Placard's files
///   replaced or removed, one file at a time, after every check has passed; a
///   journal lets the next build finish a commit that was interrupted.
/// - One build at a time: the build takes a lock beside the folder.
struct OutputFolder {
    /// The output's absolute path, with symbolic links resolved as far as it exists.
    let path: String
    let parent: String
    let name: String
    /// The path as the user gave it, for messages.
    let shownPath: String

    init(_ url: URL) {
        shownPath = url.path
        path = Self.resolved(url.standardizedFileURL.path)
        let cut = path.lastIndex(of: "/") ?? path.startIndex
        parent = cut == path.startIndex ? "/" : String(path[..<cut])
        name = String(path[path.index(after: cut)...])
    }

    private var hiddenPrefix: String { (parent == "/" ? "" : parent) + "/." + name + ".placard-" }
    /// Beside the output; inside it when the output is a mount point (a Docker
    /// volume, a network share), which cannot be renamed or swapped, and whose
    /// files can only be moved in from the same file system.
    var stagingPath: String { (isMountPoint ? path + "/.placard-" : hiddenPrefix) + "build-\(getpid())" }
    private var insidePrefix: String { path + "/.placard-" }

    /// True when the output is the root of a file system of its own.
    var isMountPoint: Bool {
        var own = stat(), above = stat()
        return lstat(path, &own) == 0 && stat(parent, &above) == 0 && own.st_mode & S_IFMT == S_IFDIR && own.st_dev != above.st_dev
    }
    private var lockPath: String { hiddenPrefix + "lock" }
    private var journalPath: String { hiddenPrefix + "commit" }
    private var setAsidePath: String { hiddenPrefix + "old-\(getpid())" }

    // MARK: Folders that are never an output

    /// Why the site must not be written to `output` ("is your home folder"),
    /// or nil. Decided from paths alone, so a build refuses before it reads anything.
    static func refusal(of output: URL, site: URL, homeFolders: [String] = OutputFolder.homeFolders()) -> String? {
        let out = OutputFolder(output).path
        func holds(_ other: String) -> Bool { other.hasPrefix(out == "/" ? "/" : out + "/") }
        func isInside(_ other: String) -> Bool { out == other || out.hasPrefix(other + "/") }
        let sitePath = resolved(site.standardizedFileURL.path)
        if out == "/" { return "is the root of the file system" }
        for home in homeFolders.map(resolved) where !home.isEmpty && home != "/" {
            if out == home { return "is your home folder" }
            if holds(home) { return "holds your home folder" }
        }
        if out == sitePath { return "is the site folder" }
        if holds(sitePath) { return "holds the site folder" }
        for source in ["Content", "Templates"] where isInside(resolved(sitePath + "/" + source)) {
            return "is inside the site's \(source)/ folder"
        }
        var status = stat()
        if lstat(out, &status) == 0, status.st_mode & S_IFMT != S_IFDIR {
            return "is a file, not a folder"
        }
        return nil
    }

    static func homeFolders() -> [String] {
        var homes: [String] = []
        if let home = ProcessInfo.processInfo.environment["HOME"], home.hasPrefix("/") { homes.append(home) }
        if let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir { homes.append(String(cString: directory)) }
        return homes
    }

    /// The absolute path with every symbolic link resolved, as far as the path
    /// exists; the rest is appended as written.
    static func resolved(_ path: String) -> String {
        var existing = path
        var rest: [String] = []
        while existing != "/" && !existing.isEmpty {
            if let base = FileTree.realPath(existing) {
                return rest.isEmpty ? base : (base == "/" ? "" : base) + "/" + rest.reversed().joined(separator: "/")
            }
            let cut = existing.lastIndex(of: "/") ?? existing.startIndex
            rest.append(String(existing[existing.index(after: cut)...]))
            existing = cut == existing.startIndex ? "/" : String(existing[..<cut])
        }
        return "/" + rest.reversed().joined(separator: "/")
    }

    // MARK: What is in the folder now

    /// What the folder holds before this build writes.
    struct Contents {
        /// The files the last build wrote (path -> SHA-256), from its manifest; empty for a new folder.
        var placards: [String: String] = [:]
        /// True when the folder holds nothing but what the last build wrote: it can be replaced whole.
        var isPlacardsAlone = true
        var exists = false
    }

    /// Reads the folder: refuses one that holds files but no earlier build.
    func contents() throws -> Contents {
        var contents = Contents()
        var status = stat()
        guard lstat(path, &status) == 0 else { return contents }
        contents.exists = true
        let entries = try Self.entries(under: path)
        guard !entries.isEmpty else { return contents }
        guard let manifest = try? Data(contentsOf: URL(fileURLWithPath: path + "/" + Manifest.fileName)) else {
            throw Problem("the output folder '\(shownPath)' is not empty and holds no earlier Placard build (it has no \(Manifest.fileName)): build into a new or empty folder, or one Placard built")
        }
        do {
            contents.placards = try Self.listedFiles(in: manifest)
        } catch {
            throw Problem("the output folder '\(shownPath)' has a \(Manifest.fileName) Placard cannot use (\(error)): build into a new or empty folder, or one Placard built")
        }
        // Folders that lead to Placard's files are Placard's too.
        var folders: Set<String> = []
        for file in contents.placards.keys {
            var folder = Addresses.folder(of: file)
            while !folder.isEmpty, folders.insert(folder).inserted { folder = Addresses.folder(of: folder) }
        }
        contents.isPlacardsAlone = entries.allSatisfy { entry in
            entry.isFolder ? folders.contains(entry.path) : entry.path == Manifest.fileName || contents.placards[entry.path] != nil
        }
        return contents
    }

    /// Every entry under `folder` (files, links, folders...), not following links.
    /// A folder that cannot be read counts as one entry: it is not Placard's to replace.
    static func entries(under folder: String) throws -> [(path: String, isFolder: Bool)] {
        var result: [(String, Bool)] = []
        func walk(_ absolute: String, _ relative: String) {
            guard let directory = opendir(absolute) else {
                result.append((relative, false))
                return
            }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = FileTree.name(of: entry)
                guard name != ".", name != ".." else { continue }
                let child = relative.isEmpty ? name : relative + "/" + name
                var status = stat()
                let isFolder = lstat(absolute + "/" + name, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
                result.append((child, isFolder))
                if isFolder { walk(absolute + "/" + name, child) }
            }
        }
        guard let directory = opendir(folder) else {
            throw Problem("cannot read the output folder '\(folder)': \(SystemError.current.localizedDescription)")
        }
        closedir(directory)
        walk(folder, "")
        return result
    }

    /// The files a manifest lists (path -> SHA-256). A manifest is a file
    /// anyone may have edited: one with an entry such as `../../etc/passwd`
    /// is not used at all (`Manifest.entries` refuses it).
    static func listedFiles(in manifest: Data) throws -> [String: String] {
        let entries = try Manifest.entries(in: String(decoding: manifest, as: UTF8.self))
        return Dictionary(entries.map { ($0.path, $0.digest) }, uniquingKeysWith: { first, _ in first })
    }

    // MARK: One build at a time

    /// Takes the folder's lock, finishes a commit a killed build left half done,
    /// and clears the staging folders of killed builds. Held until `release`.
    func lock() throws -> OutputLock {
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let lock = try OutputLock(path: lockPath, output: shownPath)
        do {
            try recover()
            return lock
        } catch {
            lock.release()
            throw error
        }
    }

    /// Under the lock no other build is running: whatever a killed one left is finished or cleared.
    private func recover() throws {
        if let staging = try? String(contentsOfFile: journalPath, encoding: .utf8), !staging.isEmpty,
           staging.hasPrefix(hiddenPrefix + "build-") || staging.hasPrefix(insidePrefix + "build-") {
            try finishSharedCommit(staging: staging)
        }
        let beside = ((try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [])
            .map { (parent == "/" ? "" : parent) + "/" + $0 }
            .filter { $0.hasPrefix(hiddenPrefix + "build-") || $0.hasPrefix(hiddenPrefix + "old-") }
        let inside = isMountPoint ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
            .map { path + "/" + $0 }.filter { $0.hasPrefix(insidePrefix + "build-") } : []
        let leftovers = beside + inside
        var status = stat()
        if lstat(path, &status) != 0, let old = leftovers.first(where: { $0.hasPrefix(hiddenPrefix + "old-") }) {
            // Killed between the two renames where the system cannot swap folders in one step.
            _ = rename(old, path)
        }
        for leftover in leftovers {
            try? FileManager.default.removeItem(atPath: leftover)
        }
    }

    // MARK: Putting a new build in place

    /// Files of the new build that would replace something Placard did not
    /// write, or be written through a link: the build stops before changing anything.
    func conflicts(writing files: some Sequence<String>, over contents: Contents) -> [String] {
        guard contents.exists else { return [] }
        var problems: [String] = []
        var checkedFolders: [String: Bool] = [:]
        for file in files where file != Manifest.fileName {
            var status = stat()
            // A file of the last build may be replaced; any other may not.
            if contents.placards[file] == nil, lstat(path + "/" + file, &status) == 0 {
                problems.append("'\(file)' is already in the output folder '\(shownPath)' and was not written by Placard: move it away or build into another folder")
                continue
            }
            // Every folder above it must be a real folder, even where the last build wrote there.
            var folder = Addresses.folder(of: file)
            while !folder.isEmpty, checkedFolders[folder] != true {  // a folder found good was checked up to the top
                let isFolder = checkedFolders[folder] ?? (lstat(path + "/" + folder, &status) != 0 || status.st_mode & S_IFMT == S_IFDIR)
                checkedFolders[folder] = isFolder
                if !isFolder {
                    problems.append("'\(folder)' in the output folder '\(shownPath)' is not a folder Placard can write into (a file or a symbolic link): move it away or build into another folder")
                    break
                }
                folder = Addresses.folder(of: folder)
            }
        }
        return Array(Set(problems)).sorted()
    }

    /// Puts the staging folder's complete build in place of the output.
    func commit(staging: String, over contents: Contents) throws {
        Self.sync(staging)
        do {
            if !contents.exists {
                guard rename(staging, path) == 0 else { throw SystemError.current }
            } else if contents.isPlacardsAlone && !staging.hasPrefix(insidePrefix) {
                try exchange(staging: staging)
            } else {
                try writeJournal(staging: staging)
                try finishSharedCommit(staging: staging, lastBuild: contents.placards)
            }
        } catch {
            throw Problem("cannot put the new build in place in '\(shownPath)': \(error.localizedDescription)")
        }
    }

    /// Swaps the folders in one step, then deletes the old build (now at the staging path).
    private func exchange(staging: String) throws {
        if placard_exchange_paths(staging, path) == 0 {
            try? FileManager.default.removeItem(atPath: staging)
            return
        }
        guard errno == ENOSYS || errno == EINVAL || errno == ENOTSUP else { throw SystemError.current }
        // A system or file system that cannot swap: two renames; a build killed
        // between them is put right by the next one (`recover`).
        let old = setAsidePath
        guard rename(path, old) == 0 else { throw SystemError.current }
        guard rename(staging, path) == 0 else {
            let error = SystemError.current
            _ = rename(old, path)
            throw error
        }
        try? FileManager.default.removeItem(atPath: old)
    }

    private func writeJournal(staging: String) throws {
        let temporary = journalPath + "-\(getpid())"
        try Data(staging.utf8).write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, journalPath) == 0 else { throw SystemError.current }
    }

    /// Moves each file of the new build over the output's, removes the files
    /// of the last build that this one no longer makes, and moves the manifest
    /// last. Each step can be done again, so a commit cut short is finished by
    /// the next build from the journal.
    /// `lastBuild`: the last build's files when already read; a commit finished
    /// after a kill reads them from the output's manifest, still the old one.
    private func finishSharedCommit(staging: String, lastBuild: [String: String]? = nil) throws {
        let old = lastBuild
            ?? (try? Data(contentsOf: URL(fileURLWithPath: path + "/" + Manifest.fileName))).flatMap { try? Self.listedFiles(in: $0) } ?? [:]
        let stagedManifest = staging + "/" + Manifest.fileName
        if let manifest = try? Data(contentsOf: URL(fileURLWithPath: stagedManifest)), let new = try? Self.listedFiles(in: manifest) {
            for file in new.keys.sorted() where file != Manifest.fileName {
                var status = stat()
                guard lstat(staging + "/" + file, &status) == 0 else { continue }  // moved before the interruption
                try makeFolders(for: file)
                guard rename(staging + "/" + file, path + "/" + file) == 0 else { throw SystemError.current }
            }
            for (file, digest) in old where new[file] == nil && file != Manifest.fileName {
                removeIfUnchanged(file, digest: digest)
            }
            guard rename(stagedManifest, path + "/" + Manifest.fileName) == 0 else { throw SystemError.current }
        }
        try? FileManager.default.removeItem(atPath: staging)
        unlink(journalPath)
    }

    /// Makes the folders above `file` in the output; each must be a real folder, never a link.
    private func makeFolders(for file: String) throws {
        var made = path
        for component in Addresses.folder(of: file).split(separator: "/") {
            made += "/" + component
            var status = stat()
            if lstat(made, &status) == 0 {
                guard status.st_mode & S_IFMT == S_IFDIR else {
                    throw Problem("'\(made)' is not a folder Placard can write into")
                }
            } else if mkdir(made, 0o755) != 0 {
                throw SystemError.current
            }
        }
    }

    /// Removes a file of the last build that this one no longer makes, only
    /// where it is still what that build wrote (a file someone changed since
    /// is theirs now), and then the folders it leaves empty.
    func removeIfUnchanged(_ file: String, digest: String) {
        guard isReachedThroughFolders(file) else { return }
        let absolute = path + "/" + file
        var status = stat()
        guard lstat(absolute, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
              (try? Manifest.hash(URL(fileURLWithPath: absolute))) == digest else { return }
        unlink(absolute)
        var folder = Addresses.folder(of: file)
        while !folder.isEmpty, rmdir(path + "/" + folder) == 0 {
            folder = Addresses.folder(of: folder)
        }
    }

    /// True when every folder above `file` in the output is a real folder, not a link out of it.
    private func isReachedThroughFolders(_ file: String) -> Bool {
        var folder = path
        for component in Addresses.folder(of: file).split(separator: "/") {
            folder += "/" + component
            var status = stat()
            guard lstat(folder, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return false }
        }
        return true
    }

    /// Flushes the new build to the disk before it is put in place: after a
    /// power cut the output is the old build or the new one, not empty files.
    private static func sync(_ folder: String) {
        _ = placard_sync_file_system(folder)
    }

    struct Problem: LocalizedError {
        let message: String
        init(_ message: String) { self.message = message }
        var errorDescription: String? { message }
    }
}

/// The lock of one output folder, held by one build at a time. The kernel lets
/// go of it when the process ends, however it ends.
final class OutputLock: @unchecked Sendable {
    private let path: String
    private var descriptor: Int32

    init(path: String, output: String) throws {
        self.path = path
        while true {
            descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw OutputFolder.Problem("cannot make the lock file '\(path)' beside the output folder: \(SystemError.current.localizedDescription) (a build keeps its lock and its staging folder beside the output)")
            }
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                close(descriptor)
                let process = Int(holder).map { " (process \($0))" } ?? ""
                throw OutputFolder.Problem("another placard build\(process) is writing to '\(output)': wait for it to finish, then build again")
            }
            // The lock file may have been removed by the build that held it
            // between our open and our lock: then this lock guards nothing.
            var held = stat()
            var current = stat()
            if fstat(descriptor, &held) == 0, stat(path, &current) == 0, held.st_ino == current.st_ino, held.st_dev == current.st_dev {
                break
            }
            close(descriptor)
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    func release() {
        guard descriptor >= 0 else { return }
        unlink(path)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
