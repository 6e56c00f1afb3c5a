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
