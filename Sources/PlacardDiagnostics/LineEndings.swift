/// Line breaks as Windows (CRLF) and old Mac (CR) editors save them, turned
/// into LF when a text file is read, so that every reader after it (front
/// matter, YAML, CSV, JSON, Markdown, templates) sees one kind of line break,
/// counts lines alike, and a site saved either way builds the same output.
/// Here, below every stage, because templates and content are read by
/// modules that do not import each other.
public enum LineEndings {
    /// The bytes of an ASCII-compatible text (UTF-8) with every CRLF and every
    /// lone CR turned into one LF; the same bytes when there is no CR.
    public static func normalized(_ bytes: [UInt8]) -> [UInt8] {
        let carriageReturn = UInt8(ascii: "\r"), lineFeed = UInt8(ascii: "\n")
        guard bytes.contains(carriageReturn) else { return bytes }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            guard byte == carriageReturn else { result.append(byte); continue }
            result.append(lineFeed)
            if index < bytes.count, bytes[index] == lineFeed { index += 1 }
        }
        return result
    }

    public static func normalized(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "\r")) else { return text }
        return String(decoding: normalized(Array(text.utf8)), as: UTF8.self)
    }
}

/// Unicode text as editors save it, for readers that only need to know
/// whether it is valid (templates): UTF-8 with or without a BOM, or UTF-16
/// named by its BOM; line ends read as LF. Data files, whose errors give the
/// bad byte's place, are read by `TextFile` in PlacardContent.
public enum UnicodeText {
    public static func decode(_ bytes: [UInt8]) -> String? {
        let text: String?
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            guard bytes.count % 2 == 0 else { return nil }
            let littleEndian = bytes[0] == 0xFF
            let units = stride(from: 2, to: bytes.count, by: 2).map { index -> UInt16 in
                littleEndian ? UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8 : UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
            }
            text = String(validating: units, as: UTF16.self)
        } else {
            text = String(validating: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes, as: UTF8.self)
        }
        return text.map { LineEndings.normalized($0) }
    }
}
