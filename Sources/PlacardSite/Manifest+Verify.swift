import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `placard verify`: a copy of a site compared with a manifest, reading nothing
/// outside the copy. The folder is walked with lstat-style calls and files are
/// opened one component at a time with O_NOFOLLOW, so no symbolic link is ever
/// followed, and a fifo or device is never opened.
public struct ManifestCheck: Sendable {
    /// One line per problem, sorted by path: `added:`, `missing:`, `changed:`,
    /// `not a regular file:`, `unsafe path in manifest:`, `cannot read:`.
    public let problems: [String]
    /// True when the manifest was the copy's own manifest.sha256, which proves only
    /// that the copy is what that manifest lists (see docs/cli.md, placard verify).
    public let usedShippedManifest: Bool
}

/// A manifest or folder that cannot be checked at all.
public struct VerifyError: Error, CustomStringConvertible {
    public let description: String
}

extension Manifest {
    /// Compares `folder` with `manifestFile`, or with the folder's own manifest.sha256
    /// when there is none. With a manifest kept elsewhere, the copy's manifest.sha256
    /// is one more file to check: it must be there, byte for byte the manifest given
    /// (the build wrote that file too), unless the manifest given is that very file.
    public static func verify(_ folder: URL, manifest manifestFile: URL? = nil) throws -> ManifestCheck {
        let root = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard root >= 0 else { throw VerifyError(description: "cannot read \(folder.path): \(reason(errno))") }
        defer { close(root) }

        let shipped = manifestFile.map { isSameFile($0.path, root: root, name: fileName) } ?? true
        let manifestName = shipped ? folder.appendingPathComponent(fileName).path : manifestFile!.path
        let manifestBytes = try readManifest(shipped ? nil : manifestName, in: root, named: manifestName)
        guard let text = String(validating: manifestBytes, as: UTF8.self) else {
            throw VerifyError(description: "\(manifestName): not UTF-8 text")
        }
        let entries: [ManifestEntry]
        do {
            entries = try lines(in: text)
        } catch let error as ManifestError {
            throw VerifyError(description: "\(manifestName):\(error.line): \(error.message)")
        }

        var present: [String: FolderEntry] = [:]
        walk(dup(root), relative: "", into: &present)  // the walk closes what it is given
        var problems: [(path: String, text: String)] = []
        func report(_ path: String, _ text: String) { problems.append((path, text)) }

        for entry in entries {
            let path = entry.path
            let shown = displayName(path)
            guard isSafeRelativePath(path), !passesThroughLink(path, present) else {
                report(path, "unsafe path in manifest: \(shown)")
                continue
            }
            switch present.removeValue(forKey: path) {
            case .file?:
                switch hash(path, under: root) {
                case .success(let digest): if digest != entry.digest { report(path, "changed: \(shown)") }
                case .failure(.notRegular(let kind)): report(path, "not a regular file: \(shown) (\(kind))")
                case .failure(let failure): report(path, "cannot read: \(shown) (\(failure.text))")
                }
            case .other(let kind)?: report(path, "not a regular file: \(shown) (\(kind))")
            case .folder?: report(path, "not a regular file: \(shown) (folder)")
            case .unreadable(let why)?: report(path, "cannot read: \(shown) (\(why))")
            case nil:
                if let folder = unreadableFolder(above: path, present) {
                    report(path, "cannot read: \(shown) (\(folder) cannot be read)")
                } else {
                    report(path, "missing: \(shown)")
                }
            }
        }
        // The copy's own manifest.sha256, unless the manifest lists it or it is not a file.
        let own = present[fileName]
        if !entries.contains(where: { $0.path == fileName }), own == nil || own!.isFile {
            present[fileName] = nil
            if !shipped {
                // The build wrote the manifest too: the copy's must be the one given.
                if own == nil {
                    report(fileName, "missing: \(fileName)")
                } else if (try? readFile(fileName, under: root).get()) != manifestBytes {
                    report(fileName, "changed: \(fileName)")
                }
            }
        }
        for (path, entry) in present {
            let shown = displayName(path)
            switch entry {
            case .file: report(path, "added: \(shown)")
            case .folder(empty: true): report(path, "added: \(shown)/")
            case .folder: break
            case .other(let kind): report(path, "not a regular file: \(shown) (\(kind))")
            case .unreadable(let why): report(path, "cannot read: \(shown) (\(why))")
            }
        }
        problems.sort { ($0.path, $0.text) < ($1.path, $1.text) }
        return ManifestCheck(problems: problems.map(\.text), usedShippedManifest: shipped)
    }

    /// The manifest at `path`, or the folder's own (a regular file of the folder, no link).
    private static func readManifest(_ path: String?, in root: Int32, named name: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        let result: Result<Void, OpenFailure>
        if let path {
            let file = open(path, O_RDONLY | O_CLOEXEC)
            guard file >= 0 else { throw VerifyError(description: "cannot read \(name): \(reason(errno))") }
            defer { close(file) }
            result = readAll(file) { bytes += $0 }
        } else {
            result = read(fileName, under: root) { bytes += $0 }
        }
        if case .failure(let failure) = result { throw VerifyError(description: "cannot read \(name): \(failure.text)") }
        return bytes
    }

    /// What the walk found at a path, without following links.
    private enum FolderEntry {
        case file
        case folder(empty: Bool)
        /// A symbolic link, fifo, socket or device, by name.
        case other(String)
        /// A folder or entry that could not be opened or examined, and why.
        case unreadable(String)

        var isFile: Bool { if case .file = self { true } else { false } }
    }

    /// Every entry under the folder open as `descriptor` (which it takes over), hidden ones too.
    private static func walk(_ descriptor: Int32, relative: String, into entries: inout [String: FolderEntry]) {
        guard let directory = fdopendir(descriptor) else {
            entries[relative] = .unreadable(reason(errno))
            close(descriptor)
            return
        }
        defer { closedir(directory) }
        var empty = true
        while let item = readdir(directory) {
            let name: [CChar] = withUnsafeBytes(of: item.pointee.d_name) { raw in
                Array(raw.bindMemory(to: CChar.self).prefix { $0 != 0 }) + [0]
            }
            if name == [0x2E, 0] || name == [0x2E, 0x2E, 0] { continue }
            empty = false
            let component = String(decoding: name.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let path = relative.isEmpty ? component : relative + "/" + component
            var status = stat()
            guard fstatat(dirfd(directory), name, &status, AT_SYMLINK_NOFOLLOW) == 0 else {
                entries[path] = .unreadable(reason(errno))
                continue
            }
            switch status.st_mode & S_IFMT {
            case S_IFREG:
                entries[path] = .file
            case S_IFDIR:
                let child = openat(dirfd(directory), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                if child < 0 {
                    entries[path] = .unreadable(reason(errno))
                } else {
                    walk(child, relative: path, into: &entries)
                }
            default:
                entries[path] = .other(kindName(status.st_mode))
            }
        }
        if !relative.isEmpty { entries[relative] = .folder(empty: empty) }
    }

    private static func kindName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFLNK: "symbolic link"
        case S_IFIFO: "fifo"
        case S_IFSOCK: "socket"
        case S_IFCHR: "character device"
        case S_IFBLK: "block device"
        case S_IFDIR: "folder"
        default: "unknown type"
        }
    }

    /// True when a folder on the way to `path` is not a folder in the copy but a
    /// symbolic link (or any other non-folder): opening it would leave the folder.
    private static func passesThroughLink(_ path: String, _ present: [String: FolderEntry]) -> Bool {
        var prefix = ""
        for component in path.split(separator: "/").dropLast() {
            prefix += prefix.isEmpty ? String(component) : "/" + component
            if case .other? = present[prefix] { return true }
        }
        return false
    }

    private static func unreadableFolder(above path: String, _ present: [String: FolderEntry]) -> String? {
        var prefix = ""
        for component in path.split(separator: "/").dropLast() {
            prefix += prefix.isEmpty ? String(component) : "/" + component
            if case .unreadable? = present[prefix] { return displayName(prefix) }
        }
        return nil
    }

    private enum OpenFailure: Error {
        case system(Int32)
        case notRegular(String)

        var text: String {
            switch self {
            case .system(let number): Manifest.reason(number)
            case .notRegular(let kind): "not a regular file (\(kind))"
            }
        }
    }

    /// Opens a regular file at a safe relative `path` under the folder `root`, one
    /// component at a time, following no symbolic link and opening no fifo or device.
    private static func openRegularFile(_ path: String, under root: Int32) -> Result<Int32, OpenFailure> {
        let components = path.split(separator: "/").map(String.init)
        var folder = root
        defer { if folder != root { close(folder) } }
        for component in components.dropLast() {
            let next = openat(folder, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            let number = errno
            if folder != root { close(folder) }
            folder = root
            guard next >= 0 else { return .failure(.system(number)) }
            folder = next
        }
        // O_NONBLOCK: opening a fifo that slipped in must not wait for a writer.
        let file = openat(folder, components.last!, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard file >= 0 else {
            let number = errno
            var status = stat()
            if fstatat(folder, components.last!, &status, AT_SYMLINK_NOFOLLOW) == 0, status.st_mode & S_IFMT != S_IFREG {
                return .failure(.notRegular(kindName(status.st_mode)))
            }
            return .failure(.system(number))
        }
        var status = stat()
        guard fstat(file, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(file)
            return .failure(.notRegular(kindName(status.st_mode)))
        }
        return .success(file)
    }

    /// Reads a file under `root` in pieces, handing each to `consume`.
    private static func read(_ path: String, under root: Int32, _ consume: (UnsafeRawBufferPointer) -> Void) -> Result<Void, OpenFailure> {
        let file: Int32
        switch openRegularFile(path, under: root) {
        case .success(let opened): file = opened
        case .failure(let failure): return .failure(failure)
        }
        defer { close(file) }
        return readAll(file, consume)
    }

    private static func readAll(_ file: Int32, _ consume: (UnsafeRawBufferPointer) -> Void) -> Result<Void, OpenFailure> {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let count = Glibc.read(file, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.system(errno))
            }
            if count == 0 { return .success(()) }
            consume(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
    }

    private static func hash(_ path: String, under root: Int32) -> Result<String, OpenFailure> {
        var hasher = SHA256()
        return read(path, under: root) { hasher.update(bufferPointer: $0) }.map { hex(hasher.finalize()) }
    }

    private static func readFile(_ path: String, under root: Int32) -> Result<[UInt8], OpenFailure> {
        var bytes: [UInt8] = []
        return read(path, under: root) { bytes += $0 }.map { bytes }
    }

    /// True when `path` is the entry `name` of the folder `root` (same device and inode).
    private static func isSameFile(_ path: String, root: Int32, name: String) -> Bool {
        var given = stat(), own = stat()
        guard stat(path, &given) == 0, fstatat(root, name, &own, AT_SYMLINK_NOFOLLOW) == 0 else { return false }
        return given.st_dev == own.st_dev && given.st_ino == own.st_ino
    }

    fileprivate static func reason(_ number: Int32) -> String {
        String(cString: strerror(number))
    }
}
