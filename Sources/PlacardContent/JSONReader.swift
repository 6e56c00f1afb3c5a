import PlacardDiagnostics

/// A small JSON parser (RFC 8259) that keeps the line and column of every
/// value, which neither Foundation's parser nor Yams give for all JSON
/// (Yams rejects tabs). Numbers keep their literal text.
public enum JSONReader {
    static let maximumDepth = 256

    public static func parse(_ text: String, file: String, diagnostics: inout Diagnostics) -> SourceNode? {
        parse(text, file: file, keepingRecords: false, diagnostics: &diagnostics)
    }

    /// A dataset's JSON: when it is a list, each object in it is kept as its
    /// place in the file (`JSONRecord`) and read again when its fields are
    /// asked for, as CSV rows are; the text is kept once, as UTF-8. A hundred
    /// thousand ratings held 80 MB of fields and places as maps, from a 10 MB file.
    static func records(_ text: String, file: String, diagnostics: inout Diagnostics) -> SourceNode? {
        parse(text, file: file, keepingRecords: true, diagnostics: &diagnostics)
    }

    private static func parse(_ text: String, file: String, keepingRecords: Bool, diagnostics: inout Diagnostics) -> SourceNode? {
        var parser = Parser(scalars: Array(text.unicodeScalars), file: file)
        parser.keepsRecords = keepingRecords
        if parser.scalars.first == "\u{FEFF}" { parser.index = 1 }
        do {
            parser.skipWhitespace()
            let value = try parser.value(depth: 0)
            parser.skipWhitespace()
            if parser.index < parser.scalars.count {
                throw parser.failure("unexpected text after the JSON value")
            }
            for duplicate in parser.duplicates { diagnostics.append(duplicate) }
            guard keepingRecords, parser.duplicates.isEmpty, case .list(let items) = value.kind else { return value }
            return SourceNode(.list(keptRecords(items, parser: parser, text: text)), at: value.location)
        } catch let error as Diagnostic {
            diagnostics.append(error)
            return nil
        } catch {
            return nil
        }
    }

    /// The list's objects as places in the file; other items as they are.
    private static func keptRecords(_ items: [SourceNode], parser: Parser, text: String) -> [SourceNode] {
        let file = JSONFile(name: parser.file, bytes: Array(text.utf8), keys: parser.keys)
        // Scalar positions to byte offsets, in one pass: the items come in order.
        var offsets: [Int] = []
        offsets.reserveCapacity(parser.topLevelItems.count * 2)
        var scalar = 0, byte = 0
        for position in parser.topLevelItems.flatMap({ [$0.start, $0.end] }) {
            while scalar < position {
                byte += UTF8.width(parser.scalars[scalar])
                scalar += 1
            }
            offsets.append(byte)
        }
        return items.enumerated().map { index, item in
            guard case .map = item.kind else { return item }
            return SourceNode(json: JSONRecord(file: file, start: offsets[2 * index], end: offsets[2 * index + 1], location: item.location))
        }
    }

    /// One object of a JSON file that was checked when the file was read, read again.
    static func object(_ text: String, file: String, at location: SourceLocation) -> SourceNode? {
        var parser = Parser(scalars: Array(text.unicodeScalars), file: file)
        parser.line = location.line
        parser.lineStart = 1 - location.column  // the first line starts at the object's column
        parser.checksDuplicates = false  // checked when the file was read
        return try? parser.value(depth: 1)
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        let file: String
        var index = 0
        var line = 1
        var lineStart = 0
        var duplicates: [Diagnostic] = []
        /// Set for a dataset: the keys met at any depth, and where each item of the top-level list starts and ends, are noted.
        var keepsRecords = false
        var checksDuplicates = true
        var keys: Set<String> = []
        var topLevelItems: [(start: Int, end: Int)] = []

        init(scalars: [Unicode.Scalar], file: String) {
            self.scalars = scalars
            self.file = file
        }

        var here: SourceLocation { SourceLocation(file: file, line: line, column: index - lineStart + 1) }
        var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        func failure(_ message: String) -> Diagnostic { .error("invalid JSON: \(message)", at: here) }

        mutating func advance() {
            if scalars[index] == "\n" { line += 1; lineStart = index + 1 }
            index += 1
        }

        mutating func skipWhitespace() {
            while let c = current, c == " " || c == "\t" || c == "\n" || c == "\r" { advance() }
        }

        mutating func expect(_ c: Unicode.Scalar, _ what: String) throws {
            guard current == c else { throw failure("expected \(what), found \(describeCurrent())") }
            advance()
        }

        func describeCurrent() -> String {
            guard let c = current else { return "the end of the file" }
            return "'\(Character(c))'"
        }

        mutating func value(depth: Int) throws -> SourceNode {
            let start = here
            guard depth < JSONReader.maximumDepth else { throw failure("nested more than \(JSONReader.maximumDepth) levels deep") }
            guard let c = current else { throw failure("expected a value, found the end of the file") }
            switch c {
            case "{": return try object(start, depth: depth)
            case "[": return try array(start, depth: depth)
            case "\"": return SourceNode(.string(try string()), at: start)
            case "-", "0"..."9": return SourceNode(.number(try number()), at: start)
            default:
                for (word, kind) in [("true", SourceNode.Kind.bool(true)), ("false", .bool(false)), ("null", .null)] where matches(word) {
                    for _ in word.unicodeScalars { advance() }
                    return SourceNode(kind, at: start)
                }
                throw failure("expected a value, found \(describeCurrent())")
            }
        }

        func matches(_ word: String) -> Bool {
            let letters = Array(word.unicodeScalars)
            guard index + letters.count <= scalars.count else { return false }
            return Array(scalars[index..<index + letters.count]) == letters
        }

        mutating func object(_ start: SourceLocation, depth: Int) throws -> SourceNode {
            advance()
            var fields: [SourceField] = []
            var seen: [String: SourceLocation] = [:]
            skipWhitespace()
            if current == "}" { advance(); return SourceNode(.map([]), at: start) }
            while true {
                skipWhitespace()
                let keyLocation = here
                guard current == "\"" else { throw failure("expected a key in double quotes, found \(describeCurrent())") }
                let key = try string()
                if keepsRecords { keys.insert(key) }
                skipWhitespace()
                try expect(":", "':' after a key")
                skipWhitespace()
                let item = try value(depth: depth + 1)
                if !checksDuplicates {
                    fields.append(SourceField(key: key, keyLocation: keyLocation, value: item))
                } else if let first = seen[key] {
                    duplicates.append(.error("duplicate key '\(SourceNode.shortened(key))' (first at line \(first.line))", at: keyLocation))
                } else {
                    seen[key] = keyLocation
                    fields.append(SourceField(key: key, keyLocation: keyLocation, value: item))
                }
                skipWhitespace()
                if current == "," { advance(); continue }
                try expect("}", "',' or '}'")
                return SourceNode(.map(fields), at: start)
            }
        }

        mutating func array(_ start: SourceLocation, depth: Int) throws -> SourceNode {
            advance()
            var items: [SourceNode] = []
            skipWhitespace()
            if current == "]" { advance(); return SourceNode(.list([]), at: start) }
            while true {
                skipWhitespace()
                let itemStart = index
                items.append(try value(depth: depth + 1))
                if keepsRecords, depth == 0 { topLevelItems.append((itemStart, index)) }
                skipWhitespace()
                if current == "," { advance(); continue }
                try expect("]", "',' or ']'")
                return SourceNode(.list(items), at: start)
            }
        }

        mutating func string() throws -> String {
            advance() // opening quote
            var text = String.UnicodeScalarView()
            while true {
                guard let c = current else { throw failure("unterminated string") }
                if c == "\"" { advance(); return String(text) }
                if c.value < 0x20 { throw failure("control character in a string (escape it)") }
                if c != "\\" { text.append(c); advance(); continue }
                advance()
                guard let escape = current else { throw failure("unterminated string") }
                switch escape {
                case "\"", "\\", "/": text.append(escape)
                case "b": text.append("\u{8}")
                case "f": text.append("\u{C}")
                case "n": text.append("\n")
                case "r": text.append("\r")
                case "t": text.append("\t")
                case "u":
                    advance()
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code), matches("\\u") {
                        advance(); advance()
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw failure("invalid surrogate pair") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw failure("invalid \\u escape") }
                    text.append(scalar)
                    continue
                default: throw failure("invalid escape '\\\(Character(escape))'")
                }
                advance()
            }
        }

        mutating func hex4() throws -> UInt32 {
            var code: UInt32 = 0
            for _ in 0..<4 {
                guard let c = current, let digit = Int(String(c), radix: 16) else { throw failure("expected four hex digits after \\u") }
                code = code * 16 + UInt32(digit)
                advance()
            }
            return code
        }

        mutating func number() throws -> String {
            let begin = index
            while let c = current, c == "-" || c == "+" || c == "." || c == "e" || c == "E" || ("0"..."9").contains(c) { advance() }
            let literal = String(String.UnicodeScalarView(scalars[begin..<index]))
            guard DecimalLiteral.isNumber(literal), !literal.hasPrefix("+"), !literal.hasPrefix("."), !literal.hasPrefix("-.") else {
                throw Diagnostic.error("invalid JSON: invalid number '\(literal)'", at: SourceLocation(file: file, line: line, column: begin - lineStart + 1))
            }
            return literal
        }
    }
}

/// A JSON dataset file as read: its UTF-8, which its records are read again
/// from, and every key in it (to know, without reading them again, that its
/// records have no private field).
final class JSONFile: Sendable {
    let name: String
    let bytes: [UInt8]
    private let keys: Set<String>

    init(name: String, bytes: [UInt8], keys: Set<String>) {
        self.name = name
        self.bytes = bytes
        self.keys = keys
    }

    /// Whether a record of this file can have a field of one of these names.
    func mention(_ names: Set<String>) -> Bool { !keys.isDisjoint(with: names) }
}

/// One object of a JSON dataset, kept as where it is in its file: its map is
/// read again, the same map with the same places, when its fields are asked for.
struct JSONRecord: Sendable {
    let file: JSONFile
    /// Byte offsets of the object in the file's UTF-8.
    let start: Int
    let end: Int
    private let line: UInt32
    private let column: UInt32

    init(file: JSONFile, start: Int, end: Int, location: SourceLocation) {
        self.file = file
        self.start = start
        self.end = end
        line = UInt32(clamping: location.line)
        column = UInt32(clamping: location.column)
    }

    var location: SourceLocation { SourceLocation(file: file.name, line: Int(line), column: Int(column)) }

    var node: SourceNode {
        let text = String(decoding: file.bytes[start..<end], as: UTF8.self)
        return JSONReader.object(text, file: file.name, at: location) ?? SourceNode(.map([]), at: location)
    }
}
