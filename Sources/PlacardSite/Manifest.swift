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
            appendLine(digest: digests[path]!, path: path, to: &bytes)
        }
        try Data(bytes).write(to: folder.appendingPathComponent(fileName))
    }

    /// `<hex>  <path>\n`, escaped as GNU sha256sum does: a name holding a backslash,
    /// newline or carriage return has them written `\\`, `\n`, `\r`, and its line
    /// starts with `\`. Unescaped, a newline in a name would make a line of its own.
    static func appendLine(digest: String, path: String, to bytes: inout [UInt8]) {
        let needsEscape = path.utf8.contains { $0 == backslash || $0 == newline || $0 == carriageReturn }
        if needsEscape { bytes.append(backslash) }
        bytes += digest.utf8
        bytes += "  ".utf8
        if needsEscape {
            for byte in path.utf8 {
                switch byte {
                case backslash: bytes += [backslash, backslash]
                case newline: bytes += [backslash, UInt8(ascii: "n")]
                case carriageReturn: bytes += [backslash, UInt8(ascii: "r")]
                default: bytes.append(byte)
                }
            }
        } else {
            bytes += path.utf8
        }
        bytes.append(newline)
    }

    private static let backslash = UInt8(ascii: "\\")
    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

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

    static func hash(_ url: URL) throws -> String {
        digest(try Data(contentsOf: url, options: .mappedIfSafe))
    }
}

/// One line of a manifest: a file's path relative to the folder, and its SHA-256 in lowercase hex.
public struct ManifestEntry: Equatable, Sendable {
    public let path: String
    public let digest: String
    /// The line of the manifest it was read from, counting from 1.
    public let line: Int
}

/// A manifest that cannot be used: a line not in sha256sum's format, a path listed
/// twice, or (from `Manifest.entries(in:)`) a path that is not a plain relative path.
public struct ManifestError: Error, Equatable, CustomStringConvertible {
    public let line: Int
    public let message: String
    public var description: String { "line \(line): \(message)" }
}

extension Manifest {
    /// The entries of a manifest, each path a plain relative path inside the folder:
    /// not absolute, no `.`, `..` or empty components. Throws at the first line that
    /// is malformed or names an unsafe path, so nothing outside the folder is ever
    /// taken from it. (It cannot know whether a path passes through a symbolic link
    /// in the folder: check that when opening, as `verify` does.)
    public static func entries(in text: String) throws -> [ManifestEntry] {
        let entries = try lines(in: text)
        if let unsafe = entries.first(where: { !isSafeRelativePath($0.path) }) {
            throw ManifestError(line: unsafe.line, message: "unsafe path in manifest: \(displayName(unsafe.path))")
        }
        return entries
    }

    /// Every line of sha256sum's format, `<64 hex>  <path>` (or ` *<path>`, its binary
    /// mode), escaped names (the line starts with `\`) unescaped, paths not yet checked.
    /// Blank lines are skipped and a line may end with `\r\n`, as `sha256sum -c` allows.
    static func lines(in text: String) throws -> [ManifestEntry] {
        var entries: [ManifestEntry] = []
        var seen: Set<String> = []
        let bytes = Array(text.utf8)
        var lineNumber = 0
        for var line in bytes.split(separator: newline, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.last == carriageReturn { line = line.dropLast() }
            if line.isEmpty { continue }
            let entry = try parseLine(line, number: lineNumber)
            guard seen.insert(entry.path).inserted else {
                throw ManifestError(line: lineNumber, message: "\(displayName(entry.path)) is listed twice")
            }
            entries.append(entry)
        }
        return entries
    }

    private static func parseLine(_ line: ArraySlice<UInt8>, number: Int) throws -> ManifestEntry {
        let malformed = ManifestError(line: number, message: "not a manifest line: expected 64 hex digits, two spaces and a path")
        var rest = line[...]
        let escaped = rest.first == backslash
        if escaped { rest = rest.dropFirst() }
        let hexDigits = rest.prefix(64)
        guard hexDigits.count == 64, hexDigits.allSatisfy(isHexDigit) else { throw malformed }
        rest = rest.dropFirst(64)
        guard rest.count > 2, rest.first == UInt8(ascii: " "),
              rest.dropFirst().first == UInt8(ascii: " ") || rest.dropFirst().first == UInt8(ascii: "*") else { throw malformed }
        rest = rest.dropFirst(2)
        var name: [UInt8] = []
        if escaped {
            var iterator = rest.makeIterator()
            while let byte = iterator.next() {
                guard byte == backslash else { name.append(byte); continue }
                switch iterator.next() {
                case backslash: name.append(backslash)
                case UInt8(ascii: "n"): name.append(newline)
                case UInt8(ascii: "r"): name.append(carriageReturn)
                default: throw ManifestError(line: number, message: "unknown escape in a name: only \\\\, \\n and \\r are")
                }
            }
        } else {
            name = Array(rest)
        }
        let digest = String(decoding: hexDigits, as: UTF8.self).lowercased()
        return ManifestEntry(path: String(decoding: name, as: UTF8.self), digest: digest, line: number)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte) || (0x41...0x46).contains(byte)
    }

    /// A path that names something inside the folder by its own components only:
    /// relative, without `.`, `..` or empty components, without NUL.
    public static func isSafeRelativePath(_ path: String) -> Bool {
        guard !path.isEmpty, !path.utf8.contains(0) else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { $0 != "" && $0 != "." && $0 != ".." }
    }

    /// A name as shown in a message: backslashes and control characters escaped
    /// (`\\`, `\n`, `\r`, `\t`, `\x1b`), so a name cannot forge a line or move the terminal.
    public static func displayName(_ path: String) -> String {
        var shown = ""
        for scalar in path.unicodeScalars {
            switch scalar {
            case "\\": shown += "\\\\"
            case "\n": shown += "\\n"
            case "\r": shown += "\\r"
            case "\t": shown += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                shown += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
            default: shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
