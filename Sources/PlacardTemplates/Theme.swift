import Foundation
import PlacardDiagnostics

/// The files of a theme: the built-in one (Templates/ at the repository root,
/// embedded at build time) with a site's own Templates/ laid over it file by file.
public struct Theme: Sendable {
    public struct File: Sendable {
        public var data: Data
        /// Where the file came from, for diagnostics: `Templates/page.mustache`
        /// for a site's own file, `<built-in>/page.mustache` for the default.
        public var origin: String
    }

    /// Keyed by path relative to the theme folder, e.g. `partials/header.mustache`.
    public private(set) var files: [String: File]

    public init(files: [String: File]) {
        self.files = files
    }

    /// The default theme alone.
    public static let builtIn: Theme = {
        var files: [String: File] = [:]
        for (path, base64) in EmbeddedTheme.files {
            files[path] = File(data: Data(base64Encoded: base64) ?? Data(), origin: "<built-in>/\(path)")
        }
        return Theme(files: files)
    }()

    /// The default theme overridden by every file under `overrides` (a site's
    /// Templates/ folder); `displayPrefix` is how that folder is named in messages.
    public static func load(overrides folder: URL, displayPrefix: String = "Templates") throws -> Theme {
        var theme = Theme.builtIn
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return theme
        }
        let root = folder.standardizedFileURL.resolvingSymlinksInPath().path
        guard let enumerator = fileManager.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else {
            return theme
        }
        for case let url as URL in enumerator {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            let full = url.standardizedFileURL.resolvingSymlinksInPath().path
            guard full.hasPrefix(root + "/") else { continue }
            let relative = String(full.dropFirst(root.count + 1))
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            theme.files[relative] = File(data: try Data(contentsOf: url), origin: "\(displayPrefix)/\(relative)")
        }
        return theme
    }

    /// Files that are not templates: stylesheets, scripts, images, strings.
    public var assets: [(path: String, data: Data)] {
        files.filter { !$0.key.hasSuffix(".mustache") }
            .map { ($0.key, $0.value.data) }
            .sorted { $0.path < $1.path }
    }
}
