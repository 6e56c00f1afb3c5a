import Foundation

/// `placard build --cache DIR`: what the last build wrote, so the next one
/// updates the output in place and writes only the files whose bytes changed.
///
/// One line per file: SHA-256, size, modification time (ns), path. A file whose
/// size or time on disk no longer match (someone edited the output) is written
/// again; a cache made for another output folder is ignored.
struct OutputCache {
    static let fileName = "output-files.tsv"

    let folder: URL
    let output: URL

    private var url: URL { folder.appendingPathComponent(Self.fileName) }

    /// The files of the output that are still as the last build left them (path -> SHA-256),
    /// or nil when there is no usable cache and the build must be a clean one.
    func unchangedFiles() -> [String: String]? {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let outputPath = output.standardizedFileURL.path
        guard lines.first == "output\t\(outputPath)", FileManager.default.fileExists(atPath: output.path) else { return nil }
        lines.removeFirst()
        var files: [String: String] = [:]
        for line in lines where !line.isEmpty {
            let fields = line.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count == 4, let size = Int(fields[1]), let time = Int(fields[2]) else { return nil }
            let path = String(fields[3])
            if let stamp = Self.stamp(outputPath + "/" + path), stamp == (size, time) {
                files[path] = String(fields[0])
            }
        }
        return files
    }

    /// Records the files just written (path -> SHA-256).
    /// Made as bytes, as the manifest is: its text is as large, and made at the same time.
    func record(_ files: [String: String]) throws {
        let outputPath = output.standardizedFileURL.path
        var bytes = Array("output\t\(outputPath)\n".utf8)
        bytes.reserveCapacity(files.count * 140)
        for path in files.keys.sorted() {
            guard let (size, time) = Self.stamp(outputPath + "/" + path) else { continue }
            bytes += files[path]!.utf8
            bytes += "\t\(size)\t\(time)\t".utf8
            bytes += path.utf8
            bytes.append(0x0A)
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(bytes).write(to: url, options: .atomic)
    }

    /// A build that failed while writing leaves the output unknown: the next one is clean.
    func forget() {
        try? FileManager.default.removeItem(at: url)
    }

    private static func stamp(_ path: String) -> (Int, Int)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (Int(info.st_size), Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec))
    }
}
