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
/// that each of its fields is one of `known` (an unknown field is an error:
/// a misspelt `parnet` would otherwise publish a wrong tree). `what` names a
/// record in messages ("an organisation"). A record that cannot be read is left
/// out, so fewer records than given means the dataset is incomplete.
/// A large dataset is read in parts on every core; each record is read on its own,
/// so the parts give the same records, in order, and the same problems.
func readRecords<T: Sendable>(_ records: [SourceNode], known: [String], what: String, _ diagnostics: inout Diagnostics,
                              _ read: @escaping @Sendable (RecordFields, inout Diagnostics) -> T?) -> [T] {
    let partSize = 20_000
    let knownSet = Set(known)
    @Sendable func readPart(_ part: ArraySlice<SourceNode>, _ diagnostics: inout Diagnostics) -> [T] {
        // Reserved: growing a million records by doubling held one and a half copies at the end.
        var result: [T] = []
        result.reserveCapacity(part.count)
        // A CSV file's columns are checked once, at its header, not on each of its rows.
        var checkedHeaders = Set<ObjectIdentifier>()
        // Fields already reported, by where their name is (a CSV header read as maps after private fields went).
        var reported = Set<SourceLocation>()
        for node in part {
            guard let fields = RecordFields(node, diagnostics: &diagnostics) else { continue }
            if let columns = node.row?.file {
                if checkedHeaders.insert(ObjectIdentifier(columns)).inserted {
                    for (name, location) in zip(columns.topLevelNames, columns.topLevelKeyLocations) where !knownSet.contains(name) {
                        if reported.insert(location).inserted { reportUnknownField(name, at: location, known: known, in: what, &diagnostics) }
                    }
                }
            } else {
                for field in fields.fields where !knownSet.contains(field.key) {
                    if reported.insert(field.keyLocation).inserted {
                        reportUnknownField(field.key, at: field.keyLocation, known: known, in: what, &diagnostics)
                    }
                }
            }
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

/// `unknown field 'parnet' in an organisation (did you mean 'parent'?)`; without a
/// close match, the known fields are listed.
func reportUnknownField(_ key: String, at location: SourceLocation, known: [String], in what: String, _ diagnostics: inout Diagnostics) {
    let hint = closestKey(to: key, among: known).map { "did you mean '\($0)'?" } ?? "known fields: \(known.joined(separator: ", "))"
    diagnostics.error("unknown field '\(SourceNode.shortened(key))' in \(what) (\(hint))", at: location)
}

/// The same check for the fields of a map that is not a dataset's record (an assessment, a survey's question).
func reportUnknownFields(_ fields: RecordFields, known: [String], in what: String, _ diagnostics: inout Diagnostics) {
    for field in fields.fields where !known.contains(field.key) {
        reportUnknownField(field.key, at: field.keyLocation, known: known, in: what, &diagnostics)
    }
}
