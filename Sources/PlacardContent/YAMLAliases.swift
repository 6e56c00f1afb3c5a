// libyaml, the C parser under Yams, for its events: Yams has no API for them.
import CYaml

extension YAMLReader {
    /// How many values a YAML text holds with its aliases expanded, counted
    /// from libyaml's events before Yams builds the tree, no further than just
    /// past `limit`. Yams hashes every key of a map in full to find duplicates,
    /// so a key that is an alias of a few lines expanding to a billion values
    /// (`? *laughs`) hung the reader while the tree was built. A text libyaml
    /// cannot read gives what was counted before the error (Yams reports it).
    static func expandedValueCount(_ text: String, limit: Int) -> Int {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return 0 }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var anchored: [String: Int] = [:]
            // The collections being read, each with its values so far (itself included).
            var open: [(anchor: String?, count: Int)] = []
            var total = 0
            func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? { anchor.map { String(cString: $0) } }
            func add(_ count: Int) {
                if open.isEmpty { total = min(limit + 1, total + count) } else { open[open.count - 1].count = min(limit + 1, open[open.count - 1].count + count) }
            }
            while total <= limit, (open.last?.count ?? 0) <= limit {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { break }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_SCALAR_EVENT:
                    if let anchor = name(event.data.scalar.anchor) { anchored[anchor] = 1 }
                    add(1)
                case YAML_ALIAS_EVENT:
                    add(name(event.data.alias.anchor).flatMap { anchored[$0] } ?? 1)
                case YAML_SEQUENCE_START_EVENT:
                    open.append((name(event.data.sequence_start.anchor), 1))
                case YAML_MAPPING_START_EVENT:
                    open.append((name(event.data.mapping_start.anchor), 1))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let done = open.popLast() else { break }
                    if let anchor = done.anchor { anchored[anchor] = done.count }
                    add(done.count)
                case YAML_STREAM_END_EVENT:
                    return total
                default:
                    break
                }
            }
            return min(limit + 1, open.reduce(total) { $0 + $1.count })
        }
    }
}
