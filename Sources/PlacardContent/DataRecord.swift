import PlacardDiagnostics

/// What every record of a typed dataset keeps besides its typed fields:
/// where it was read, and the record as read (private fields already
/// removed), so templates can show extra columns and checks can point at a field.
public protocol DataRecord: Sendable {
    var source: SourceNode { get }
}

extension DataRecord {
    /// Where the record starts: the place of `source`, not stored twice.
    public var location: SourceLocation { source.location }

    /// Where `field`'s value was written, or the record when it was not.
    public func location(of field: String) -> SourceLocation {
        source[field]?.location ?? location
    }

    /// Locations of every field's value. Derived from `source` on each call
    /// rather than stored: a stored dictionary took about 800 bytes for a
    /// commitment of 12 fields (16 buckets of 48 bytes), 800 MB at a million.
    public var fieldLocations: [String: SourceLocation] {
        Dictionary((source.fields ?? []).map { ($0.key, $0.value.location) }, uniquingKeysWith: { first, _ in first })
    }
}

/// Reads each record of a dataset with `read`, after checking it is a map and
/// warning about keys that look like misspellings of known ones.
/// A large dataset is read in parts on every core; each record is read on its own,
/// so the parts give the same records, in order, and the same problems.
func readRecords<T: Sendable>(_ records: [SourceNode], known: [String], _ diagnostics: inout Diagnostics,
                              _ read: @escaping @Sendable (RecordFields, inout Diagnostics) -> T?) -> [T] {
    let partSize = 20_000
    @Sendable func readPart(_ part: ArraySlice<SourceNode>, _ diagnostics: inout Diagnostics) -> [T] {
        // Reserved: growing a million records by doubling held one and a half copies at the end.
        var result: [T] = []
        result.reserveCapacity(part.count)
        // CSV files whose every column is a known field: their records need no look for misspelt keys.
        var knownHeaders = Set<ObjectIdentifier>()
        func mayHaveUnknownKeys(_ node: SourceNode) -> Bool {
            guard let columns = node.row?.file else { return true }
            let header = ObjectIdentifier(columns)
            if knownHeaders.contains(header) { return false }
            guard columns.topLevelNames.allSatisfy(known.contains) else { return true }
            knownHeaders.insert(header)
            return false
        }
        for node in part {
            guard let fields = RecordFields(node, diagnostics: &diagnostics) else { continue }
            if mayHaveUnknownKeys(node) { warnMisspeltKeys(fields, known: known, &diagnostics) }
            if let record = read(fields, &diagnostics) { result.append(record) }
        }
        return result
    }
    guard records.count > partSize else { return readPart(records[...], &diagnostics) }
    var parts = concurrentMap(Array(stride(from: 0, to: records.count, by: partSize))) { start in
        var problems = Diagnostics()
        let part = readPart(records[start..<min(start + partSize, records.count)], &problems)
        return (part, problems)
    }
    var result: [T] = []
    result.reserveCapacity(parts.reduce(0) { $0 + $1.0.count })
    for index in parts.indices {
        result += parts[index].0
        diagnostics.append(contentsOf: parts[index].1)
        // Freed as soon as copied: the parts and the whole at once were two copies of a million records.
        parts[index] = ([], Diagnostics())
    }
    return result
}

/// Datasets may carry extra columns for a site's own templates, so an unknown
/// key is only reported when it is close to a known one (`parnet`).
func warnMisspeltKeys(_ fields: RecordFields, known: [String], _ diagnostics: inout Diagnostics) {
    for field in fields.fields where !known.contains(field.key) {
        if let suggestion = closestKey(to: field.key, among: known), field.key.count > 2 {
            diagnostics.warning("unknown field '\(field.key)' (did you mean '\(suggestion)'?)", at: field.keyLocation)
        }
    }
}
