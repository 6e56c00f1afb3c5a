import Foundation

/// What a request target names inside the output folder. Only regular files
/// whose real path (symbolic links resolved) lies inside the folder are served.
public enum ServedPath: Equatable, Sendable {
    /// The real path of the file to send.
    case file(String)
    /// A folder asked for without its slash: send the browser here.
    case redirect(String)
    case notFound
    /// A target that tries to leave the folder, or hides its path in an encoding.
    case forbidden

    /// Resolves a raw request target such as `/notices/?x=1` against `root`.
    /// The target is checked before it is decoded: no link a build writes encodes
    /// `.`, `/`, `\` or `%`, so an encoded one is only ever an attempt to get past
    /// these checks.
    public static func resolve(_ target: String, root: String) -> ServedPath {
        let end = target.firstIndex { $0 == "?" || $0 == "#" } ?? target.endIndex
        let rawPath = String(target[..<end])
        let query = target[end...].hasPrefix("?") ? String(target[end...].prefix { $0 != "#" }) : ""

        // An absolute-form target (`http://host/…`) or anything not rooted at `/`.
        guard rawPath.hasPrefix("/") else { return .forbidden }
        let lowered = rawPath.lowercased()
        if rawPath.contains("\\") || rawPath.contains("\0") { return .forbidden }
        if ["%2e", "%2f", "%5c", "%00", "%25"].contains(where: lowered.contains) { return .forbidden }
        guard let decoded = rawPath.removingPercentEncoding else { return .forbidden }
        if decoded.contains("\\") || decoded.contains("\0") || decoded.contains("%") { return .forbidden }

        var segments = decoded.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        let wantsFolder = segments.last == ""
        if wantsFolder { segments.removeLast() }
        // `//` (an absolute path glued on), `.` and `..` are never part of a real address.
        if segments.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) { return .forbidden }

        guard let realRoot = realPath(root) else { return .notFound }
        let candidate = ([realRoot] + segments.map(String.init)).joined(separator: "/")
        guard let real = realPath(candidate) else { return .notFound }
        guard isInside(real, realRoot) else { return .forbidden }

        switch kind(of: real) {
        case .directory:
            guard wantsFolder else { return .redirect(rawPath + "/" + query) }
            guard let index = realPath(real + "/index.html") else { return .notFound }
            guard isInside(index, realRoot) else { return .forbidden }
            return kind(of: index) == .file ? .file(index) : .notFound
        case .file:
            return wantsFolder ? .notFound : .file(real)
        case .other:
            return .notFound
        }
    }

    private static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root == "/" ? "/" : root + "/")
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private enum Kind { case file, directory, other }

    private static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }
}
