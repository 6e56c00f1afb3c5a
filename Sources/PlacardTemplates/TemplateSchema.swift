/// The shape of a view model as templates see it: which names exist where.
///
/// swift-mustache renders a missing field as nothing, silently. To turn a
/// misspelt field into an error we need every field of a view-model type even
/// where the data has none (an empty list, a nil optional). Decoding the type
/// with a recording decoder gives exactly that: the synthesized `Decodable`
/// conformance asks for every stored property, and the decoder answers with one
/// element for every list and a value for every optional.
public final class TemplateSchema: @unchecked Sendable {
    public enum Kind: Sendable { case unknown, value, bool, object, list }

    public private(set) var kind: Kind = .unknown
    /// Fields of an object.
    public private(set) var fields: [String: TemplateSchema] = [:]
    /// The element of a list.
    public private(set) var element: TemplateSchema?
    /// An open map (a dictionary of whatever a site's front matter holds): any name is allowed.
    public private(set) var isOpen = false

    init() {}

    /// Records the schema of a view-model type. Recursive types are cut off after a few levels.
    public static func of<Model: Decodable>(_ type: Model.Type) -> TemplateSchema {
        let root = TemplateSchema()
        _ = try? Model(from: SchemaRecorder(node: root, depth: 0))
        return root
    }

    func field(_ name: String) -> TemplateSchema {
        kind = .object
        if let existing = fields[name] { return existing }
        let node = TemplateSchema()
        fields[name] = node
        return node
    }

    func listElement() -> TemplateSchema {
        kind = .list
        if let element { return element }
        let node = TemplateSchema()
        element = node
        return node
    }

    func mark(_ kind: Kind) { if self.kind == .unknown { self.kind = kind } }
    func markOpen() { isOpen = true; kind = .object }

    /// Names of the fields, sorted, for messages.
    var fieldNames: [String] { fields.keys.sorted() }
}

/// A view-model field that holds a site's own keys (front matter it does not know):
/// the schema treats it as open, templates may name anything inside it.
public protocol OpenTemplateValue {}

struct SchemaRecorder: Decoder {
    let node: TemplateSchema
    let depth: Int
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    static let maximumDepth = 24

    init(node: TemplateSchema, depth: Int) {
        self.node = node
        self.depth = depth
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        node.mark(.object)
        return KeyedDecodingContainer(KeyedRecorder<Key>(node: node, depth: depth))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        UnkeyedRecorder(element: node.listElement(), depth: depth)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueRecorder(node: node, depth: depth)
    }
}

/// Decodes a value of any type into `node`, answering with neutral values.
private func record<T: Decodable>(_ type: T.Type, into node: TemplateSchema, depth: Int) throws -> T {
    if type is OpenTemplateValue.Type { node.markOpen() }
    if let value = neutralValue(of: type) {
        node.mark(type == Bool.self ? .bool : .value)
        return value
    }
    guard depth < SchemaRecorder.maximumDepth else {
        throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "schema too deep"))
    }
    return try T(from: SchemaRecorder(node: node, depth: depth + 1))
}

private func neutralValue<T>(of type: T.Type) -> T? {
    switch type {
    case is String.Type: return "" as? T
    case is Bool.Type: return false as? T
    case is Int.Type: return 0 as? T
    case is Double.Type: return 0.0 as? T
    default: return nil
    }
}

private struct KeyedRecorder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let node: TemplateSchema
    let depth: Int
    var codingPath: [any CodingKey] = []

    /// Asked only by dictionaries: their keys are the site's, so the map is open.
    var allKeys: [Key] { node.markOpen(); return [] }
    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try record(type, into: node.field(key.stringValue), depth: depth)
    }
    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(KeyedRecorder<NestedKey>(node: node.field(key.stringValue), depth: depth + 1))
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        UnkeyedRecorder(element: node.field(key.stringValue).listElement(), depth: depth + 1)
    }
    func superDecoder() throws -> any Decoder { SchemaRecorder(node: node, depth: depth) }
    func superDecoder(forKey key: Key) throws -> any Decoder { SchemaRecorder(node: node.field(key.stringValue), depth: depth + 1) }
}

private struct UnkeyedRecorder: UnkeyedDecodingContainer {
    let element: TemplateSchema
    let depth: Int
    var codingPath: [any CodingKey] = []
    var currentIndex = 0
    /// One element shows the element's fields; deep recursive lists stop.
    var count: Int? { depth < SchemaRecorder.maximumDepth ? 1 : 0 }
    var isAtEnd: Bool { currentIndex >= (count ?? 0) }

    init(element: TemplateSchema, depth: Int) {
        self.element = element
        self.depth = depth
    }

    mutating func decodeNil() throws -> Bool { false }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        currentIndex += 1
        return try record(type, into: element, depth: depth)
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        currentIndex += 1
        return KeyedDecodingContainer(KeyedRecorder<NestedKey>(node: element, depth: depth + 1))
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        currentIndex += 1
        return UnkeyedRecorder(element: element.listElement(), depth: depth + 1)
    }
    mutating func superDecoder() throws -> any Decoder {
        currentIndex += 1
        return SchemaRecorder(node: element, depth: depth + 1)
    }
}

private struct SingleValueRecorder: SingleValueDecodingContainer {
    let node: TemplateSchema
    let depth: Int
    var codingPath: [any CodingKey] = []

    func decodeNil() -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try record(type, into: node, depth: depth) }
}
