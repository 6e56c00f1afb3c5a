import PlacardDiagnostics

/// A small JSON parser (RFC 8259) that keeps the line and column of every
/// value, which neither Foundation's parser nor Yams give for all JSON
/// (Yams rejects tabs). Numbers keep their literal text.
public enum JSONReader {
    static let maximumDepth = 256

    public static func parse(_ text: String, file: String, diagnostics: inout Diagnostics) -> SourceNode? {
        var parser = Parser(scalars: Array(text.unicodeScalars), file: file)
        if parser.scalars.first == "\u{FEFF}" { parser.index = 1 }
        do {
            parser.skipWhitespace()
            let value = try parser.value(depth: 0)
            parser.skipWhitespace()
            if parser.index < parser.scalars.count {
                throw parser.failure("unexpected text after the JSON value")
            }
            for duplicate in parser.duplicates { diagnostics.append(duplicate) }
            return value
        } catch let error as Diagnostic {
            diagnostics.append(error)
            return nil
        } catch {
            return nil
        }
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        let file: String
        var index = 0
        var line = 1
        var lineStart = 0
        var duplicates: [Diagnostic] = []

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
                skipWhitespace()
                try expect(":", "':' after a key")
                skipWhitespace()
                let item = try value(depth: depth + 1)
                if let first = seen[key] {
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
                items.append(try value(depth: depth + 1))
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
