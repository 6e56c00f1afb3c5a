import Crypto
import Foundation
import PlacardContent

/// `manifest.sha256`: every published file with its SHA-256, in the format of
/// `sha256sum`, so a deployed copy can be checked with `placard verify` (or
/// `sha256sum -c manifest.sha256`) on any server, share or USB stick.
public enum Manifest {
    public static let fileName = "manifest.sha256"

    /// Writes the manifest of the files a build wrote (path -> SHA-256 in hex), sorted by path.
    /// Made as bytes, without a String per line: the manifest of 100,000 pages
    /// is 13 MB, made when a build holds the most.
    static func write(_ digests: [String: String], in folder: URL) throws {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digests.count * 120)
        for path in digests.keys.sorted() {
            bytes += digests[path]!.utf8
            bytes += "  ".utf8
            bytes += path.utf8
            bytes.append(0x0A)
        }
        try Data(bytes).write(to: folder.appendingPathComponent(fileName))
    }

    static func digest(_ data: some DataProtocol) -> String {
        hex(SHA256.hash(data: data))
    }

    /// Lowercase hex, two digits a byte, made from a table: every file of a build is hashed.
    static func hex(_ digest: SHA256.Digest) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(2 * SHA256.byteCount)
        for byte in digest {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Compares a copy of a site with its manifest: one line per file added,
    /// missing or changed, sorted by path. Empty when the copy is exact.
    public static func verify(_ folder: URL) throws -> [String] {
        let text = try String(contentsOf: folder.appendingPathComponent(fileName), encoding: .utf8)
        var expected: [String: String] = [:]
        for line in text.split(separator: "\n") {
            // `<hex>  <path>`: the path may itself hold spaces.
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            expected[String(parts[2])] = String(parts[0])
        }
        let present = try files(in: folder)
        var problems: [String] = []
        for path in present where expected[path] == nil {
            problems.append("added: \(path)")
        }
        for (path, digest) in expected {
            let url = folder.appendingPathComponent(path)
            if !FileManager.default.fileExists(atPath: url.path) {
                problems.append("missing: \(path)")
            } else if try hash(url) != digest {
                problems.append("changed: \(path)")
            }
        }
        return problems.sorted { $0.split(separator: " ").last! < $1.split(separator: " ").last! }
    }

    /// Every regular file under `folder` but the manifest, by relative path, sorted.
    static func files(in folder: URL) throws -> [String] {
        FileTree.regularFiles(under: folder.path, hidden: true).filter { $0 != fileName }.sorted()
    }

    static func hash(_ url: URL) throws -> String {
        digest(try Data(contentsOf: url, options: .mappedIfSafe))
    }
}

extension Manifest {
    /// One line of a manifest: `<sha256 hex>  <path>`.
    struct Entry {
        var digest: String
        var path: String

        init?(line: Substring) {
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, parts[1].isEmpty, parts[0].count == 64,
                  parts[0].utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else { return nil }
            digest = String(parts[0])
            path = String(parts[2])
        }

        /// A relative path that stays inside the folder: no `/` at the start,
        /// no `.` or `..` or empty parts, no control characters.
        var isSafe: Bool {
            !path.isEmpty && !path.hasPrefix("/")
                && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0 == "." || $0 == ".." }
                && !path.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
        }
    }
}
