/// Escaping done on UTF-8 bytes: it runs over every page's text (search
/// documents, feed entries), where a Unicode scalar at a time is too slow.
enum Escaping {
    /// `text` as a JSON string with its quotes; `<` as `\u003c`, so it is safe inside HTML too.
    static func appendJSONString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            // Runs that need no escape are copied whole: search chunks hold every page's text.
            var runStart = 0
            for (index, byte) in utf8.enumerated()
            where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "<") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): bytes += [0x5C, 0x22]
                case UInt8(ascii: "\\"): bytes += [0x5C, 0x5C]
                case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
                case 0x0D: bytes += [0x5C, UInt8(ascii: "r")]
                case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
                case UInt8(ascii: "<"): bytes += Array("\\u003c".utf8)
                default: bytes += Array("\\u00".utf8) + [hexDigit(byte >> 4), hexDigit(byte & 0xF)]
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `text` with `& < > " '` as entities, and the characters XML 1.0 forbids
    /// (C0 controls but tab, LF and CR; U+FFFE and U+FFFF) dropped rather than
    /// making the feed unreadable. Surrogates cannot occur in a Swift string.
    static func xml(_ text: String) -> String {
        var text = text
        return text.withUTF8 { input in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(input.count)
            // Runs between the bytes that change are copied whole: most text has few.
            var runStart = 0
            var index = 0
            func replace(length: Int, with entity: String) {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<index]))
                bytes.append(contentsOf: entity.utf8)
                index += length
                runStart = index
            }
            while index < input.count {
                switch input[index] {
                case UInt8(ascii: "&"): replace(length: 1, with: "&amp;")
                case UInt8(ascii: "<"): replace(length: 1, with: "&lt;")
                case UInt8(ascii: ">"): replace(length: 1, with: "&gt;")
                case UInt8(ascii: "\""): replace(length: 1, with: "&quot;")
                case UInt8(ascii: "'"): replace(length: 1, with: "&#39;")
                case 0x09, 0x0A, 0x0D: index += 1
                case 0..<0x20: replace(length: 1, with: "")
                case 0xEF:
                    // A three-byte character (0xEF always leads three in valid UTF-8): U+FFFE and U+FFFF are dropped.
                    if input[index + 1] == 0xBF && (input[index + 2] == 0xBE || input[index + 2] == 0xBF) {
                        replace(length: 3, with: "")
                    } else {
                        index += 3
                    }
                default: index += 1
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart...]))
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
