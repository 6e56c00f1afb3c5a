import PlacardDiagnostics
import Yams

/// Reads YAML into a `SourceNode` tree through Yams' node API, keeping the
/// line and column of every value.
///
/// Plain scalars: `true`/`false` are booleans, decimal literals numbers,
/// `null`/`~`/nothing null, and everything else text, dates included
/// (`2009-07-01` stays the text the publisher typed). Quoted scalars are
/// always text. Only `true`/`false` are booleans: `no` (a country code,
/// an answer) stays text.
public enum YAMLReader {
    /// Deeper nesting than this is refused before parsing: no site needs it,
    /// and the parser recurses once per level.
    static let maximumDepth = 256
    /// Aliases can make a small file expand into an enormous tree.
    static let maximumValues = 2_000_000

    public static func parse(_ text: String, file: String, firstLine: Int = 1, diagnostics: inout Diagnostics) -> SourceNode? {
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        if let line = lineNestingTooDeep(text) {
            diagnostics.error("the YAML nests more than \(maximumDepth) levels deep", at: SourceLocation(file: file, line: line + firstLine - 1))
            return nil
        }
        // Aliases can expand a few lines into millions of values: count before
        // Yams builds the tree, which hashes every key in full.
        if text.utf8.contains(UInt8(ascii: "*")), expandedValueCount(text, limit: maximumValues) > maximumValues {
            diagnostics.error("the YAML expands to more than \(maximumValues) values (through aliases?)", at: SourceLocation(file: file, line: firstLine))
            return nil
        }
        let root: Node?
        do {
            // UTF-8 named: Yams' default encoding reads the environment on every call.
            // No resolver rules: Yams resolves a key's tag by regular expressions to
            // check a map for duplicate keys, half the time of reading a large file;
            // plain scalars are typed by `plainScalar` here, whatever the resolver.
            // No constructor maps either: nodes are converted here, and `.default` builds three maps a call.
            root = try Yams.compose(yaml: text, .basic, Constructor([:], [:], [:]), .utf8)
        } catch let error as YamlError {
            diagnostics.append(diagnostic(for: error, text: text, file: file, firstLine: firstLine))
            return nil
        } catch {
            diagnostics.error("invalid YAML: \(error)", at: SourceLocation(file: file, line: firstLine))
            return nil
        }
        guard let root else {
            // An empty document is an empty value, not an error.
            return SourceNode(.null, at: SourceLocation(file: file, line: firstLine, column: 1))
        }
        var converter = Converter(file: file, lineOffset: firstLine - 1)
        let node = converter.convert(root, diagnostics: &diagnostics)
        if converter.tooLarge {
            diagnostics.error("the YAML expands to more than \(maximumValues) values (through aliases?)", at: SourceLocation(file: file, line: firstLine))
            return nil
        }
        return node
    }

    /// Whether a plain (unquoted) scalar is a boolean, a number, null or text.
    static func plainScalar(_ text: String) -> SourceNode.Kind {
        switch text {
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case "", "~", "null", "Null", "NULL": return .null
        default: return DecimalLiteral.isNumber(text) ? .number(text) : .string(text)
        }
    }

    private struct Converter {
        let file: String
        let lineOffset: Int
        var count = 0
        var tooLarge = false

        func location(_ mark: Mark?) -> SourceLocation {
            guard let mark else { return SourceLocation(file: file) }
            return SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column)
        }

        mutating func convert(_ node: Node, diagnostics: inout Diagnostics) -> SourceNode {
            count += 1
            let here = location(node.mark)
            if count > YAMLReader.maximumValues { tooLarge = true }
            if tooLarge { return SourceNode(.null, at: here) }
            switch node {
            case .scalar(let scalar):
                if scalar.style == .plain && scalar.tag.description != Tag.Name.str.rawValue {
                    return SourceNode(YAMLReader.plainScalar(scalar.string), at: here)
                }
                return SourceNode(.string(scalar.string), at: here)
            case .sequence(let sequence):
                var items: [SourceNode] = []
                for item in sequence where !tooLarge { items.append(convert(item, diagnostics: &diagnostics)) }
                return SourceNode(.list(items), at: here)
            case .mapping(let mapping):
                var fields: [SourceField] = []
                var seen: [String: SourceLocation] = [:]
                for (key, value) in mapping where !tooLarge {
                    let keyLocation = location(key.mark)
                    guard case .scalar(let keyScalar) = key else {
                        diagnostics.error("a key must be text, found a \(key.isMapping ? "map" : "list")", at: keyLocation)
                        continue
                    }
                    let name = keyScalar.string
                    if let first = seen[name] {
                        diagnostics.error("duplicate key '\(SourceNode.shortened(name))' (first at line \(first.line))", at: keyLocation)
                        continue
                    }
                    seen[name] = keyLocation
                    fields.append(SourceField(key: name, keyLocation: keyLocation, value: convert(value, diagnostics: &diagnostics)))
                }
                return SourceNode(.map(fields), at: here)
            case .alias:
                // Yams resolves aliases while composing; an alias left here has no value.
                return SourceNode(.null, at: here)
            }
        }
    }

    private static func diagnostic(for error: YamlError, text: String, file: String, firstLine: Int) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: file, line: mark.line + firstLine - 1, column: mark.column)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            if character(at: mark, in: text) == "\t" {
                return .error("invalid YAML: a tab cannot indent or separate YAML (use spaces)", at: at(mark))
            }
            let detail = context.map { " (\($0.text) at line \($0.mark.line + firstLine - 1))" } ?? ""
            return .error("invalid YAML: \(problem)\(detail)", at: at(mark))
        case .reader(let problem, let offset, _, _):
            return .error("invalid YAML: \(problem)", at: LineIndex.location(ofOffset: offset ?? 0, in: text, file: file, firstLine: firstLine))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "'\(SourceNode.shortened($0))'" }.joined(separator: ", ")
            return .error("duplicate key \(names)", at: at(context.mark))
        default:
            return .error("invalid YAML: \(error)", at: SourceLocation(file: file, line: firstLine))
        }
    }

    /// The character at a mark (line and column from 1, columns in scalars).
    private static func character(at mark: Mark, in text: String) -> Unicode.Scalar? {
        var line = 1
        var column = 1
        for scalar in text.unicodeScalars {
            if line == mark.line && column == mark.column { return scalar }
            if line > mark.line { return nil }
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return nil
    }

    /// A generous estimate of how deep a document nests: flow brackets still
    /// open, plus on each line its indentation and its `- ` and `: ` markers.
    /// Returns the line where the estimate first passes the limit.
    static func lineNestingTooDeep(_ text: String) -> Int? {
        var flowDepth = 0
        var line = 1
        var lineDepth = 0
        var atIndentation = true
        var previous: Unicode.Scalar = "\n"
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n":
                line += 1; lineDepth = 0; atIndentation = true
            case "[", "{":
                flowDepth += 1; atIndentation = false
            case "]", "}":
                flowDepth = max(0, flowDepth - 1); atIndentation = false
            case " ":
                if atIndentation {
                    lineDepth += 1
                } else if previous == "-" || previous == ":" || previous == "?" {
                    lineDepth += 2
                }
            default:
                atIndentation = false
            }
            previous = scalar
            if flowDepth + lineDepth / 2 > maximumDepth { return line }
        }
        return nil
    }
}

private extension Node {
    var isMapping: Bool {
        if case .mapping = self { return true }
        return false
    }
}
