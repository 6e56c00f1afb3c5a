import Foundation
import PlacardDiagnostics

/// An encoding a data file may be declared in (site.yaml `encoding:`, or a
/// dataset's). UTF-8 is the default; a byte order mark names UTF-8 or UTF-16
/// by itself. Nothing else is ever guessed.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case utf16LE = "utf-16le"
    case utf16BE = "utf-16be"
    /// Excel's "CSV" on a Simplified Chinese Windows (GBK, which GB18030 contains).
    case gb18030
    /// Excel's "CSV" on a Traditional Chinese Windows.
    case big5
    case big5HKSCS = "big5-hkscs"
    /// Excel's "CSV" on a Western European or American Windows.
    case windows1252 = "windows-1252"

    /// The name as written in site.yaml, in any case; GBK and GB2312 are read as GB18030, their superset.
    public init?(name: String) {
        let name = name.lowercased()
        switch name {
        case "utf8": self = .utf8
        case "gbk", "gb2312", "cp936": self = .gb18030
        case "cp1252": self = .windows1252
        default: self.init(rawValue: name)
        }
    }

    /// The name in messages and for iconv.
    var displayName: String { rawValue.uppercased() }
}

/// Reads a text file: UTF-8 with or without a BOM, UTF-16 with a BOM, or the
/// encoding declared for it. Line breaks (CRLF, CR) become LF, so that every
/// reader sees the same text however the file was saved. Bytes that are not
/// valid in the file's encoding are one error at the line and column where
/// they start, not a crash and not a silent replacement character.
public enum TextFile {
    public static func read(_ url: URL, file: String, encoding: TextEncoding? = nil, undeclaredHint: String? = nil,
                            diagnostics: inout Diagnostics) -> String? {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            diagnostics.error("cannot read the file", at: SourceLocation(file: file))
            return nil
        }
        return decode(data, file: file, encoding: encoding, undeclaredHint: undeclaredHint, diagnostics: &diagnostics)
    }

    /// `encoding` is the declared one (nil: none declared); `undeclaredHint`
    /// is added to the error when a file with none declared is not UTF-8 (how to declare one).
    public static func decode(_ data: Data, file: String, encoding declared: TextEncoding? = nil, undeclaredHint: String? = nil,
                              diagnostics: inout Diagnostics) -> String? {
        var bytes = [UInt8](data)
        let marked = byteOrderMark(bytes)
        if let marked {
            if let declared, declared != marked.encoding {
                diagnostics.error("the file starts with a \(marked.encoding.displayName) byte order mark, but its encoding is declared as \(declared.rawValue)",
                                  at: SourceLocation(file: file, line: 1, column: 1))
                return nil
            }
            bytes.removeFirst(marked.length)
        }
        let encoding = marked?.encoding ?? declared ?? .utf8
        if encoding == .utf8 {
            bytes = LineEndings.normalized(bytes)
            if let text = String(validating: bytes, as: UTF8.self) { return text }
            var message = "the file is not valid UTF-8 text"
            if declared == nil, marked == nil, let undeclaredHint { message += " (\(undeclaredHint))" }
            diagnostics.error(message, at: location(after: bytes[..<firstInvalidUTF8(bytes)], file: file))
            return nil
        }
        switch convertToUTF8(bytes, from: encoding) {
        case .success(let utf8):
            return String(decoding: LineEndings.normalized(utf8), as: UTF8.self)
        case .failure(let failure) where failure.isUnsupported:
            diagnostics.error("this system cannot convert \(encoding.displayName) text (its iconv lacks it)", at: SourceLocation(file: file))
            return nil
        case .failure(let failure):
            let shown = bytes[failure.offset..<min(failure.offset + 2, bytes.count)]
                .map { String(format: "0x%02X", $0) }.joined(separator: " ")
            let what = failure.isIncomplete ? "an incomplete character at the end" : "bytes \(shown)"
            let source = marked == nil ? "the encoding declared for it in site.yaml" : "the encoding its byte order mark names"
            diagnostics.error("the file is not valid \(encoding.displayName) text, \(source) (\(what))",
                              at: location(after: failure.converted[...], file: file))
            return nil
        }
    }

    private static func byteOrderMark(_ bytes: [UInt8]) -> (encoding: TextEncoding, length: Int)? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
        if bytes.starts(with: [0xFF, 0xFE]) { return (.utf16LE, 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (.utf16BE, 2) }
        return nil
    }

    struct ConversionFailure: Error {
        /// Where the first byte that could not be converted is.
        var offset: Int
        /// The text before it, as UTF-8.
        var converted: [UInt8]
        /// The file ends in the middle of a character.
        var isIncomplete: Bool
        /// The system's iconv cannot convert from the encoding at all.
        var isUnsupported = false
    }

    /// Converts with iconv (the C library's, on Linux and macOS), which stops at
    /// the exact byte that is not valid in the encoding.
    static func convertToUTF8(_ bytes: [UInt8], from encoding: TextEncoding) -> Result<[UInt8], ConversionFailure> {
        let converter = iconv_open("UTF-8", encoding.displayName)
        guard Int(bitPattern: converter) != -1 else {
            return .failure(ConversionFailure(offset: 0, converted: [], isIncomplete: false, isUnsupported: true))
        }
        defer { iconv_close(converter) }
        // The most UTF-8 any of these encodings needs: 3 bytes for a 1-byte character (€ in Windows-1252).
        var output = [UInt8](repeating: 0, count: bytes.count * 3 + 16)
        var input = bytes
        var inputLeft = input.count, outputLeft = output.count
        let result = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                let status = iconv(converter, &inPointer, &inputLeft, &outPointer, &outputLeft)
                return (status, errno)
            }
        }
        let written = output.count - outputLeft
        guard result.0 == -1 else { return .success(Array(output[..<written])) }
        return .failure(ConversionFailure(offset: bytes.count - inputLeft, converted: Array(output[..<written]),
                                          isIncomplete: result.1 == EINVAL))
    }

    /// The line and column (in characters) just after `text`, UTF-8 that may
    /// still hold CR or CRLF line breaks: where the first bad byte is.
    static func location(after text: ArraySlice<UInt8>, file: String) -> SourceLocation {
        var line = 1, column = 1
        var previous: UInt8 = 0
        for byte in text {
            if byte == UInt8(ascii: "\n") {
                if previous != UInt8(ascii: "\r") { line += 1 }
                column = 1
            } else if byte == UInt8(ascii: "\r") {
                line += 1; column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            previous = byte
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    /// The offset of the first byte that does not start a valid UTF-8 sequence.
    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var index = 0
        while index < bytes.count {
            let length = sequenceLength(bytes, at: index)
            if length == 0 { break }
            index += length
        }
        return index
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
