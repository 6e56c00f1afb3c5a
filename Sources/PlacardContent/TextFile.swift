import Foundation
import PlacardDiagnostics

/// Reads a text file as UTF-8, accepting (and dropping) a BOM. Bytes that are
/// not UTF-8 are an error at the line and column where they start, not a crash
/// and not a silent replacement character.
public enum TextFile {
    public static func read(_ url: URL, file: String, diagnostics: inout Diagnostics) -> String? {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            diagnostics.error("cannot read the file", at: SourceLocation(file: file))
            return nil
        }
        return decode(data, file: file, diagnostics: &diagnostics)
    }

    public static func decode(_ data: Data, file: String, diagnostics: inout Diagnostics) -> String? {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        diagnostics.error("the file is not valid UTF-8 text", at: firstInvalidByte(bytes, file: file))
        return nil
    }

    /// The line and column (in characters) of the first byte that is not UTF-8.
    private static func firstInvalidByte(_ bytes: [UInt8], file: String) -> SourceLocation {
        var line = 1
        var column = 1
        var index = 0
        while index < bytes.count {
            let length = sequenceLength(bytes, at: index)
            if length == 0 { break }
            if bytes[index] == 0x0A { line += 1; column = 1 } else { column += 1 }
            index += length
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    /// Length of the valid UTF-8 sequence starting at `index`, or 0 when invalid.
    private static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0
        }
        guard index + length <= bytes.count,
              String(validating: bytes[index..<index + length], as: UTF8.self) != nil else { return 0 }
        return length
    }
}

/// Turns character offsets into line and column, for readers whose errors
/// report offsets.
struct LineIndex {
    static func location(ofOffset offset: Int, in text: String, file: String, firstLine: Int = 1) -> SourceLocation {
        var line = firstLine
        var column = 1
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if index >= offset { break }
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
