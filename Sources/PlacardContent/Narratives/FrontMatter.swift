import Foundation
import PlacardDiagnostics

/// What a narrative says about itself between its `---` fences.
public struct FrontMatter: Sendable {
    public enum Kind: String, Sendable, CaseIterable { case page, notice, report }

    public struct NoticePeriod: Sendable {
        public var from: ISODate
        public var to: ISODate
    }

    /// One entry of `changes:`: what changed on the page, and when.
    public struct Change: Sendable {
        public var date: ISODate
        public var note: String
    }

    public var title: String?
    public var date: ISODate?
    public var updated: ISODate?
    public var summary: String?
    public var draft = false
    public var org: String?
    public var orgLocation: SourceLocation?
    public var year: Int?
    public var kind: Kind = .page
    public var notice: NoticePeriod?
    public var weight: Int?
    public var tags: [String] = []
    public var changes: [Change] = []
    /// Every other key, for a site's own templates, in the order written.
    public var params: [SourceField] = []

    public init() {}

    static let knownKeys = ["title", "date", "updated", "summary", "draft", "org", "year", "kind", "notice", "weight", "tags", "changes"]

    /// Reads the front matter's YAML map; every problem goes to `diagnostics`.
    static func read(_ node: SourceNode, diagnostics: inout Diagnostics) -> FrontMatter {
        var matter = FrontMatter()
        guard case .map(let fields) = node.kind else {
            if case .null = node.kind { return matter }
            diagnostics.error("front matter must be a map of keys and values", at: node.location)
            return matter
        }
        for field in fields {
            let value = field.value
            switch field.key {
            case "title": matter.title = text(value, "title", &diagnostics)
            case "summary": matter.summary = text(value, "summary", &diagnostics)
            case "date": matter.date = date(value, "date", &diagnostics)
            case "updated": matter.updated = date(value, "updated", &diagnostics)
            case "draft":
                if case .bool(let flag) = value.kind { matter.draft = flag } else {
                    diagnostics.error("'draft' must be true or false", at: value.location)
                }
            case "org":
                matter.org = text(value, "org", &diagnostics)
                matter.orgLocation = value.location
            case "year":
                if case .number(let literal) = value.kind, let year = Int(literal), (1...9999).contains(year) {
                    matter.year = year
                } else {
                    diagnostics.error("'year' must be a year such as 2009", at: value.location)
                }
            case "weight":
                if case .number(let literal) = value.kind, let weight = Int(literal) { matter.weight = weight } else {
                    diagnostics.error("'weight' must be a whole number", at: value.location)
                }
            case "kind":
                let word = text(value, "kind", &diagnostics)
                if let word, let kind = Kind(rawValue: word) { matter.kind = kind } else if word != nil {
                    diagnostics.error("unknown kind '\(word!)' (expected page, notice or report)", at: value.location)
                }
            case "notice": matter.notice = noticePeriod(value, &diagnostics)
            case "tags":
                switch value.kind {
                case .list(let items): matter.tags = items.compactMap { text($0, "tags", &diagnostics) }
                case .string(let one): matter.tags = [one]
                default: diagnostics.error("'tags' must be a list of words", at: value.location)
                }
            case "changes": matter.changes = changes(value, &diagnostics)
            default:
                if let known = closestKnownKey(field.key) {
                    diagnostics.warning("unknown front matter key '\(field.key)'; did you mean '\(known)'?", at: field.keyLocation)
                }
                matter.params.append(field)
            }
        }
        if matter.kind == .notice, matter.notice == nil {
            diagnostics.error("a notice needs its notice period: notice: {from: YYYY-MM-DD, to: YYYY-MM-DD}", at: node.location)
        }
        return matter
    }

    private static func text(_ node: SourceNode, _ key: String, _ diagnostics: inout Diagnostics) -> String? {
        switch node.kind {
        case .string(let value): return value
        case .number(let literal): return literal
        case .null: return nil
        default:
            diagnostics.error("'\(key)' must be text", at: node.location)
            return nil
        }
    }

    private static func date(_ node: SourceNode, _ key: String, _ diagnostics: inout Diagnostics) -> ISODate? {
        let written: String
        switch node.kind {
        case .string(let value): written = value
        case .number(let literal): written = literal  // a bare year: `date: 2009`
        default:
            diagnostics.error("'\(key)' must be a date such as 2010-01-15", at: node.location)
            return nil
        }
        guard let date = ISODate(written) else {
            diagnostics.error("'\(written)' is not a date (expected YYYY-MM-DD, YYYY-MM, YYYY or YYYY-MM-DDTHH:MM:SSZ)", at: node.location)
            return nil
        }
        return date
    }

    private static func noticePeriod(_ node: SourceNode, _ diagnostics: inout Diagnostics) -> NoticePeriod? {
        guard case .map(let fields) = node.kind else {
            diagnostics.error("'notice' must be a map: {from: YYYY-MM-DD, to: YYYY-MM-DD}", at: node.location)
            return nil
        }
        var from: ISODate?
        var to: ISODate?
        for field in fields {
            switch field.key {
            case "from": from = date(field.value, "notice.from", &diagnostics)
            case "to": to = date(field.value, "notice.to", &diagnostics)
            default: diagnostics.error("unknown key '\(field.key)' in 'notice' (expected from and to)", at: field.keyLocation)
            }
        }
        guard let from, let to else {
            diagnostics.error("'notice' needs both 'from' and 'to'", at: node.location)
            return nil
        }
        if to.upperBound < from.lowerBound {
            diagnostics.error("the notice period ends (\(to.text)) before it starts (\(from.text))", at: node.location)
        }
        return NoticePeriod(from: from, to: to)
    }

    private static func changes(_ node: SourceNode, _ diagnostics: inout Diagnostics) -> [Change] {
        guard case .list(let items) = node.kind else {
            diagnostics.error("'changes' must be a list of {date, note}", at: node.location)
            return []
        }
        var result: [Change] = []
        for item in items {
            guard case .map(let fields) = item.kind,
                let dateNode = fields.first(where: { $0.key == "date" })?.value,
                let noteNode = fields.first(where: { $0.key == "note" })?.value
            else {
                diagnostics.error("each change needs a 'date' and a 'note'", at: item.location)
                continue
            }
            if let date = date(dateNode, "date", &diagnostics), let note = text(noteNode, "note", &diagnostics) {
                result.append(Change(date: date, note: note))
            }
        }
        return result.sorted { $0.date.lowerBound > $1.date.lowerBound }
    }

    /// A key within two edits of a known one is most likely a typo of it (`titel`).
    static func closestKnownKey(_ key: String) -> String? {
        // Short keys are a word of their own more often than a typo: `id` is not `kind`.
        guard key.count >= 4 else { return nil }
        return closestKey(to: key, among: knownKeys)
    }
}

