import PlacardContent

/// The organisation forest, indexed once: lookups by id, children, and an
/// order in which every unit comes before the units below it.
public struct OrgIndex: Sendable {
    /// In file order.
    public let organisations: [Organisation]
    private let position: [String: Int]
    /// Children of each unit, in file order.
    public let children: [String: [String]]
    /// Roots first, each unit before its children. Units caught in a cycle
    /// (which validation reports as an error) come last, so nothing loops.
    public let topDown: [String]
    /// Distance from the root: 0 for a root.
    public let depth: [String: Int]
    /// The parent of each unit reached from a root: the links figures add up along.
    let treeParent: [String: String]

    public init(_ organisations: [Organisation]) {
        self.organisations = organisations
        var position: [String: Int] = [:]
        for (index, org) in organisations.enumerated() where position[org.id] == nil { position[org.id] = index }
        self.position = position
        var children: [String: [String]] = [:]
        var roots: [String] = []
        for (index, org) in organisations.enumerated() where position[org.id] == index {
            if let parent = org.parent, position[parent] != nil, parent != org.id {
                children[parent, default: []].append(org.id)
            } else {
                roots.append(org.id)
            }
        }
        self.children = children
        // Iterative walk: trees may be deep, recursion could overflow the stack.
        var order: [String] = []
        var depth: [String: Int] = [:]
        var treeParent: [String: String] = [:]
        var stack = roots.reversed().map { ($0, 0) }
        while let (id, level) = stack.popLast() {
            guard depth[id] == nil else { continue }
            depth[id] = level
            order.append(id)
            for child in (children[id] ?? []).reversed() where depth[child] == nil {
                treeParent[child] = id
                stack.append((child, level + 1))
            }
        }
        self.treeParent = treeParent
        for org in organisations where depth[org.id] == nil {
            depth[org.id] = 0
            order.append(org.id)
        }
        self.topDown = order
        self.depth = depth
    }

    public func organisation(_ id: String) -> Organisation? { position[id].map { organisations[$0] } }
    /// A unit's name, without copying the whole unit (a table names thousands).
    public func name(of id: String) -> LocalizedText? { position[id].map { organisations[$0].name } }
    public func contains(_ id: String) -> Bool { position[id] != nil }
    /// A unit's level, without copying the whole unit.
    public func level(of id: String) -> String? { position[id].flatMap { organisations[$0].level } }

    /// The parent, when it is a known unit (and not the unit itself).
    public func parent(of id: String) -> String? {
        guard let parent = organisation(id)?.parent, parent != id, contains(parent) else { return nil }
        return parent
    }

    /// Parent, grandparent, ... up to the root; stops on a cycle.
    public func ancestors(of id: String) -> [String] {
        var result: [String] = []
        var seen: Set<String> = [id]
        var current = id
        while let parent = parent(of: current), seen.insert(parent).inserted {
            result.append(parent)
            current = parent
        }
        return result
    }

    /// File order of a unit, for sorting figures the way the publisher lists units.
    public func order(of id: String) -> Int { position[id] ?? Int.max }

    /// `items` in the file order of their units (`(order(of:), id)`), each
    /// unit's place looked up once rather than on every comparison.
    func sortedByUnit<Item>(_ items: [Item], unit: (Item) -> String) -> [Item] {
        items.map { (order(of: unit($0)), unit($0), $0) }
            .sorted { ($0.0, $0.1) < ($1.0, $1.1) }
            .map(\.2)
    }
}
