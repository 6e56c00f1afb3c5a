import Foundation
import PlacardDiagnostics

/// Checks across datasets, made once everything is read: unique ids,
/// references between datasets and to site.yaml, and the organisation tree.
enum Validation {
    static func checkReferences(_ data: SiteData, config: SiteConfig, _ diagnostics: inout Diagnostics) {
        let orgs = Dictionary(data.organisations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let people = Set(data.people.map(\.id))
        let commitments = Set(data.commitments.map(\.id))
        let levels = Set(config.levels.map(\.id))
        let roles = Set(config.roles.map(\.id))
        let indicators = Set(config.indicators.map(\.id))

        // What each kind of id is looked up in, to suggest the id meant.
        let datasetOf = ["organisation": "organisations", "person": "people", "commitment": "commitments"]
        var suggestions = Suggestions()
        // Generic, not `any DataRecord`: a commitment boxed as an existential was a
        // copy on the heap for each of a million records.
        func check<Record: DataRecord>(_ value: String?, in known: Set<String>, what: String, field: String, of record: Record) {
            guard let value, !known.contains(value) else { return }
            // Root cause first: an id missing from a dataset that could not be read whole is not news.
            if let dataset = datasetOf[what], data.incomplete.contains(dataset) { return }
            diagnostics.error("unknown \(what) '\(SourceNode.shortened(value))' in field '\(field)'\(suggestions.hint(value, what: what, among: known))",
                              at: record.location(of: field))
        }
        let orgIDs = Set(orgs.keys)

        checkUnique(data.organisations, id: \.id, location: { $0.location(of: "id") }, what: "organisation", &diagnostics)
        for org in data.organisations {
            check(org.level, in: levels, what: "level", field: "level", of: org)
            check(org.parent, in: orgIDs, what: "organisation", field: "parent", of: org)
        }
        checkForest(data.organisations, &diagnostics)

        checkUnique(data.people, id: \.id, location: { $0.location(of: "id") }, what: "person", &diagnostics)
        for person in data.people {
            check(person.org, in: orgIDs, what: "organisation", field: "org", of: person)
            check(person.role, in: roles, what: "role", field: "role", of: person)
        }

        checkUnique(data.commitments, id: \.id, location: { $0.location(of: "id") }, what: "commitment", &diagnostics)
        for commitment in data.commitments {
            check(commitment.org, in: orgIDs, what: "organisation", field: "org", of: commitment)
            check(commitment.person, in: people, what: "person", field: "person", of: commitment)
        }
        for update in data.commitmentUpdates {
            check(update.commitment, in: commitments, what: "commitment", field: "commitment", of: update)
        }

        var ratings: [String: SourceLocation] = [:]
        for evaluation in data.evaluations {
            check(evaluation.org, in: orgIDs, what: "organisation", field: "org", of: evaluation)
            let key = "\(evaluation.org)\u{0}\(evaluation.year)\u{0}\(evaluation.group?.description ?? "")"
            if let first = ratings[key] {
                diagnostics.error("duplicate rating of '\(evaluation.org)' for \(evaluation.year)\(evaluation.group.map { " by '\($0)'" } ?? "") (first at \(first.description))",
                                  at: evaluation.location)
            } else {
                ratings[key] = evaluation.location
            }
        }

        for line in data.funding {
            check(line.org, in: orgIDs, what: "organisation", field: "org", of: line)
            if let per = line.per, let org = orgs[line.org], org.fact(per) == nil {
                diagnostics.error("organisation '\(org.id)' has no fact '\(SourceNode.shortened(per))' (field 'per')", at: line.location(of: "per"))
            }
        }

        for value in data.indicators {
            check(value.org, in: orgIDs, what: "organisation", field: "org", of: value)
            check(value.indicator, in: indicators, what: "indicator", field: "indicator", of: value)
        }

        for assessment in data.assessments {
            if let level = assessment.level, !levels.contains(level) {
                diagnostics.error("unknown level '\(SourceNode.shortened(level))' in field 'level'\(suggestions.hint(level, what: "level", among: levels))",
                                  at: assessment.fieldLocations["level"] ?? assessment.location)
            }
            let components = Set(assessment.components.map(\.id))
            for score in assessment.scores {
                check(score.org, in: orgIDs, what: "organisation", field: "org", of: score)
                check(score.component, in: components, what: "component", field: "component", of: score)
            }
        }

        let schemes = Dictionary(data.assessments.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for rule in config.rules {
            guard case .assessment(let id) = rule.metric else { continue }
            guard let scheme = schemes[id] else {
                if !data.incomplete.contains("assessments") {
                    diagnostics.error("rule '\(rule.id)' names unknown assessment '\(id)' in field 'metric'\(suggestions.hint(id, what: "assessment", among: Set(schemes.keys)))",
                                      at: rule.metricLocation)
                }
                continue
            }
            if rule.below < 0 || rule.below > scheme.scale {
                diagnostics.error("'below' \(rule.below) is outside 0 to \(scheme.scale), the scale of assessment '\(id)'", at: rule.belowLocation)
            }
        }
    }

    /// Suggestions for unknown ids, each looked for once. A file of a million
    /// references to missing units gets suggestions for its first few hundred
    /// different ids only: each looks through every known id.
    struct Suggestions {
        private var found: [String: String] = [:]
        private var budget = 500

        mutating func hint(_ value: String, what: String, among known: Set<String>) -> String {
            let key = what + "\u{0}" + value
            if let hint = found[key] { return hint }
            guard budget > 0 else { return "" }
            budget -= 1
            // Of equally close ids the first in sorted order, the same on every run.
            var best: (id: String, distance: Int)?
            let length = value.count
            for id in known {
                let distance = editDistance(value, id)
                guard distance <= 2, distance < length else { continue }
                if best == nil || (distance, id) < (best!.distance, best!.id) { best = (id, distance) }
            }
            let hint = best.map { " (did you mean '\($0.id)'?)" } ?? ""
            found[key] = hint
            return hint
        }
    }

    /// Parents must form a forest: each cycle is reported once, at the member
    /// that comes first in the file, naming the whole cycle.
    static func checkForest(_ organisations: [Organisation], _ diagnostics: inout Diagnostics) {
        var byID: [String: Organisation] = [:]
        var order: [String: Int] = [:]
        for (index, org) in organisations.enumerated() where byID[org.id] == nil {
            byID[org.id] = org
            order[org.id] = index
        }
        var done = Set<String>()
        for org in organisations where !done.contains(org.id) {
            var path: [String] = []
            var onPath: [String: Int] = [:]
            var current: String? = org.id
            while let id = current, !done.contains(id), let unit = byID[id] {
                if let start = onPath[id] {
                    var cycle = Array(path[start...])
                    let first = cycle.indices.min { order[cycle[$0]]! < order[cycle[$1]]! }!
                    cycle = Array(cycle[first...] + cycle[..<first])
                    let member = byID[cycle[0]]!
                    diagnostics.error("organisation '\(member.id)' is its own ancestor: \((cycle + [cycle[0]]).joined(separator: " -> "))",
                                      at: member.location(of: "parent"))
                    break
                }
                onPath[id] = path.count
                path.append(id)
                current = unit.parent
            }
            done.formUnion(path)
        }
    }
}
