import Foundation
import PlacardDiagnostics
#if canImport(Glibc)
import Glibc
#endif

/// The files under a folder, by path relative to it, unsorted, read with
/// readdir: FileManager's enumerator makes and resolves a URL per file, over
/// a second for 10,000 files.
public enum FileTree {
    /// The regular files under a folder; links are not followed (an output
    /// folder, a deployed copy). With `hidden`, hidden files and folders are listed too.
    public static func regularFiles(under folder: String, hidden: Bool = false) -> [String] {
        var walk = Walk(root: nil, hidden: hidden)
        walk.visit(folder, relative: "", display: "")
        return walk.files
    }

    /// The files of a site's folder (`Content/`, `Templates/`), hidden ones
    /// skipped, and the problems that stop a build before anything is read:
    /// a symbolic link leading out of the site folder `root` (or broken, or in
    /// a loop), a folder or file that cannot be read, an entry that is no file
    /// (a named pipe would hang the reader). Links inside the site are followed.
    public static func siteFiles(under folder: String, root: String, display: String) -> (files: [String], problems: [Diagnostic]) {
        let realRoot = realPath(root) ?? root
        var walk = Walk(root: realRoot, hidden: false)
        if let real = realPath(folder), !isInside(real, realRoot) {
            walk.problems.append(.error("leads out of the site through a symbolic link (to \(real)): only files inside the site folder are read", at: SourceLocation(file: display)))
            return ([], walk.problems)
        }
        walk.visit(folder, relative: "", display: display)
        return (walk.files, walk.problems)
    }

    public static func realPath(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    /// The name of a folder entry read with `readdir`.
    public static func name(of entry: UnsafeMutablePointer<dirent>) -> String {
        withUnsafePointer(to: entry.pointee.d_name) {
            $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
        }
    }

    static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root == "/" ? "/" : root + "/")
    }

    private struct Walk {
        /// The real path of the site folder: links are followed only inside it. nil: links are not followed.
        let root: String?
        let hidden: Bool
        var files: [String] = []
        var problems: [Diagnostic] = []
        /// Real paths of the folders being walked, to find a link back to one of them.
        var walking: [String] = []

        init(root: String?, hidden: Bool) {
            self.root = root
            self.hidden = hidden
        }

        mutating func visit(_ folder: String, relative: String, display: String) {
            guard let directory = opendir(folder) else {
                if root != nil { problem("cannot read the folder: \(SystemError.current.localizedDescription)", display) }
                return
            }
            defer { closedir(directory) }
            if root != nil, let real = FileTree.realPath(folder) { walking.append(real) }
            defer { if root != nil { walking.removeLast() } }
            while let entry = readdir(directory) {
                let name = FileTree.name(of: entry)
                guard name != ".", name != "..", hidden || !name.hasPrefix(".") else { continue }
                let path = folder + "/" + name
                let relativePath = relative.isEmpty ? name : relative + "/" + name
                let shown = display.isEmpty ? relativePath : display + "/" + name
                var type = Int32(entry.pointee.d_type)
                if type == Int32(DT_UNKNOWN) {
                    // Some file systems do not say; lstat does, without following a link.
                    var status = stat()
                    guard lstat(path, &status) == 0 else { continue }
                    type = Self.entryType(status.st_mode)
                }
                if type == Int32(DT_LNK) {
                    guard let root else { continue }
                    guard let real = FileTree.realPath(path) else {
                        problem("is a broken symbolic link (or one in a loop)", shown)
                        continue
                    }
                    guard FileTree.isInside(real, root) else {
                        problem("leads out of the site through a symbolic link (to \(real)): only files inside the site folder are read", shown)
                        continue
                    }
                    if walking.contains(real) {
                        problem("is a symbolic link to a folder that holds it (a loop)", shown)
                        continue
                    }
                    var status = stat()
                    guard stat(path, &status) == 0 else { continue }
                    type = Self.entryType(status.st_mode)
                }
                switch type {
                case Int32(DT_DIR): visit(path, relative: relativePath, display: shown)
                case Int32(DT_REG):
                    if root != nil, access(path, R_OK) != 0 {
                        problem("cannot read the file: \(SystemError.current.localizedDescription)", shown)
                    } else {
                        files.append(relativePath)
                    }
                default:
                    if root != nil { problem("is not a regular file or folder (a named pipe, socket or device): it cannot be read", shown) }
                }
            }
        }

        private mutating func problem(_ message: String, _ file: String) {
            problems.append(.error(message, at: SourceLocation(file: file)))
        }

        private static func entryType(_ mode: mode_t) -> Int32 {
            switch mode & S_IFMT {
            case S_IFDIR: Int32(DT_DIR)
            case S_IFREG: Int32(DT_REG)
            case S_IFLNK: Int32(DT_LNK)
            default: Int32(DT_UNKNOWN)
            }
        }
    }
}

/// A failed system call, told as the system tells it ("Permission denied").
public struct SystemError: LocalizedError {
    public let code: Int32
    /// The error of the last failed system call.
    public static var current: SystemError { SystemError(code: errno) }
    public var errorDescription: String? { String(cString: strerror(code)) }
}
