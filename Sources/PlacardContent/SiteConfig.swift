import Foundation
import PlacardDiagnostics

/// `Content/site.yaml`: the site's settings.
public struct SiteConfig: Sendable {
    public struct Level: Sendable, Hashable {
        public var id: String
        public var label: LocalizedText
        public var location: SourceLocation
    }

    public struct Role: Sendable, Hashable {
        public var id: String
        public var label: LocalizedText
        public var location: SourceLocation
    }

    public struct IndicatorDefinition: Sendable, Hashable {
        public enum Aggregate: String, Sendable, CaseIterable { case sum, none }
        public var id: String
        public var label: LocalizedText
        public var aggregate: Aggregate
        public var unit: String?
        public var location: SourceLocation
    }

    public struct Rule: Sendable, Hashable {
        public enum Metric: Sendable, Hashable {
            case satisfaction
            /// `assessment:<scheme>`: the total of that assessment.
            case assessment(String)
            /// `overdue`: how many of a unit's commitments of the year are overdue.
            case overdue
        }
        public enum Severity: String, Sendable, CaseIterable { case notice, warning, critical }
        public var id: String
        public var metric: Metric
        /// Triggered when the figure is below this (percent, or points for an assessment).
        public var below: Decimal
        /// Set for an overdue rule, which is triggered when the count is above
        /// this instead (`below` is then 0 and unused).
        public var above: Decimal?
        public var label: LocalizedText
        public var severity: Severity
        /// How many years in a row the figure must be below (default 1).
        public var consecutiveYears: Int
        /// A level id; nil for every level.
        public var appliesTo: String?
        public var location: SourceLocation
        public var metricLocation: SourceLocation
        public var belowLocation: SourceLocation
        public var appliesToLocation: SourceLocation?
    }

    public var title: LocalizedText
    /// The site's language tag as written: used to pick localised texts.
    public var language: String
    /// The language of the built-in theme's own labels: zh-Hans, zh-Hant or en.
    public var uiLanguage: String
    public var description: LocalizedText?
    /// Absolute http(s) address ending with `/`, for the sitemap and the feed.
    public var baseURL: String?
    public var publisher: LocalizedText?
    /// Top level first.
    public var levels: [Level]
    /// In display order.
    public var roles: [Role]
    public var indicators: [IndicatorDefinition]
    public var privateFields: Set<String>
    public var rules: [Rule]
    public var unsafeHTML: Bool
    public var smartPunctuation: Bool
    public var fileURLs: Bool
    /// The date the site's data describes (`as_of`); nil: each dataset's own, else the build date.
    public var asOf: ISODate?
    /// Settings of single datasets (`datasets:`), by dataset name.
    public var datasets: [String: DatasetSettings]
    /// The currency of funding lines that name none (ISO 4217 code; `CNY` by default).
    public var currency: String
    /// Every warning is an error (`placard build --strict` does the same).
    public var strict: Bool
    /// The encoding of the data files (`encoding:`); nil: UTF-8 (or as a BOM says).
    public var encoding: TextEncoding?
    /// What separates CSV cells (`csv_delimiter:`); nil: `,`.
    public var csvDelimiter: CSVDelimiter?
    /// The settings file, and each setting's value, for later diagnostics.
    public var location: SourceLocation
    public var fieldLocations: [String: SourceLocation]

    public static let themeLanguages = ["zh-Hans", "zh-Hant", "en"]
    static let knownKeys = ["title", "language", "description", "base_url", "publisher", "levels", "roles",
                            "indicators", "private_fields", "rules", "unsafe_html", "smart_punctuation", "file_urls",
                            "as_of", "datasets", "currency", "strict", "encoding", "csv_delimiter"]

    public func level(_ id: String) -> Level? { levels.first { $0.id == id } }
    public func role(_ id: String) -> Role? { roles.first { $0.id == id } }
    public func indicator(_ id: String) -> IndicatorDefinition? { indicators.first { $0.id == id } }

    /// A configuration with defaults only, for tests and for sites that set little.
    public init(title: LocalizedText, language: String = "en", file: String = "Content/site.yaml") {
        self.title = title
        self.language = language
        self.uiLanguage = Self.themeLanguages.contains(language) ? language : "en"
        self.levels = []
        self.roles = []
        self.indicators = []
        self.privateFields = []
        self.rules = []
        self.unsafeHTML = false
        self.smartPunctuation = true
        self.fileURLs = false
        self.datasets = [:]
        self.currency = Currency.siteDefault
        self.strict = false
        self.location = SourceLocation(file: file)
        self.fieldLocations = [:]
    }

    /// Reads the settings from a parsed `site.yaml`; nil when it is not a map.
    public static func read(_ node: SourceNode, diagnostics: inout Diagnostics) -> SiteConfig? {
        guard let fields = RecordFields(node, what: "site.yaml", diagnostics: &diagnostics) else { return nil }
        warnUnknownKeys(fields, known: knownKeys, what: "setting", &diagnostics)
        let title = fields.localized("title", required: true, &diagnostics) ?? LocalizedText("")
        var config = SiteConfig(title: title, file: node.location.file)
        config.location = SourceLocation(file: node.location.file)
        config.fieldLocations = fields.fieldLocations

        if let language = fields.string("language", &diagnostics) {
            config.language = language
            if let theme = themeLanguages.first(where: { $0.lowercased() == language.lowercased() }) {
                config.uiLanguage = theme
            } else {
                config.uiLanguage = "en"
                diagnostics.warning("the built-in theme has no labels in '\(language)' (it has zh-Hans, zh-Hant and en): its labels will be in English",
                                    at: fields.location("language"))
            }
        }
        config.description = fields.localized("description", &diagnostics)
        config.publisher = fields.localized("publisher", &diagnostics)
        if let address = fields.string("base_url", &diagnostics) {
            let url = URL(string: address)
            if let scheme = url?.scheme?.lowercased(), scheme == "http" || scheme == "https", url?.host?.isEmpty == false {
                config.baseURL = address.hasSuffix("/") ? address : address + "/"
            } else {
                diagnostics.error("base_url must be an absolute http or https address, found '\(SourceNode.shortened(address))'",
                                  at: fields.location("base_url"))
            }
        }
        config.unsafeHTML = fields.bool("unsafe_html", &diagnostics) ?? false
        config.smartPunctuation = fields.bool("smart_punctuation", &diagnostics) ?? true
        config.fileURLs = fields.bool("file_urls", &diagnostics) ?? false
        config.strict = fields.bool("strict", &diagnostics) ?? false
        config.currency = fields.currency("currency", &diagnostics) ?? Currency.siteDefault
        config.privateFields = Set(readWords(fields, "private_fields", &diagnostics))
        config.asOf = readAsOf(fields, &diagnostics)
        config.encoding = readEncoding(fields, "encoding", &diagnostics)
        config.csvDelimiter = readDelimiter(fields, "csv_delimiter", &diagnostics)
        config.datasets = readDatasetSettings(fields, &diagnostics)

        config.levels = readList(fields, "levels", what: "a level", &diagnostics) { item, diagnostics in
            warnUnknownKeys(item, known: ["id", "label"], what: "field of a level", &diagnostics)
            guard let id = item.id("id", required: true, &diagnostics) else { return nil }
            return Level(id: id, label: item.localized("label", &diagnostics) ?? LocalizedText(id), location: item.record.location)
        }
        checkUnique(config.levels.map { ($0.id, $0.location) }, what: "level", &diagnostics)

        config.roles = readList(fields, "roles", what: "a role", &diagnostics) { item, diagnostics in
            warnUnknownKeys(item, known: ["id", "label"], what: "field of a role", &diagnostics)
            guard let id = item.id("id", required: true, &diagnostics) else { return nil }
            return Role(id: id, label: item.localized("label", &diagnostics) ?? LocalizedText(id), location: item.record.location)
        }
        checkUnique(config.roles.map { ($0.id, $0.location) }, what: "role", &diagnostics)

        config.indicators = readList(fields, "indicators", what: "an indicator", &diagnostics) { item, diagnostics in
            warnUnknownKeys(item, known: ["id", "label", "aggregate", "unit"], what: "field of an indicator", &diagnostics)
            guard let id = item.id("id", required: true, &diagnostics) else { return nil }
            return IndicatorDefinition(
                id: id, label: item.localized("label", &diagnostics) ?? LocalizedText(id),
                aggregate: item.choice("aggregate", as: IndicatorDefinition.Aggregate.self, &diagnostics) ?? .none,
                unit: item.string("unit", &diagnostics), location: item.record.location)
        }
        checkUnique(config.indicators.map { ($0.id, $0.location) }, what: "indicator", &diagnostics)

        let levelIDs = Set(config.levels.map(\.id))
        config.rules = readList(fields, "rules", what: "a rule", &diagnostics) { item, diagnostics in
            warnUnknownKeys(item, known: ["id", "metric", "below", "above", "label", "severity", "consecutive_years", "applies_to"],
                            what: "field of a rule", &diagnostics)
            let id = item.id("id", required: true, &diagnostics)
            let metric = item.string("metric", required: true, &diagnostics).flatMap { text -> Rule.Metric? in
                if text == "satisfaction" { return .satisfaction }
                if text == "overdue" { return .overdue }
                if text.hasPrefix("assessment:"), Identifier.isValid(String(text.dropFirst("assessment:".count))) {
                    return .assessment(String(text.dropFirst("assessment:".count)))
                }
                diagnostics.error("unknown metric '\(SourceNode.shortened(text))' (expected satisfaction, assessment:<scheme> or overdue)",
                                  at: item.location("metric"))
                return nil
            }
            // An overdue rule counts up (`above`); the others look down (`below`).
            let (below, above) = readThreshold(item, countsUp: metric == .overdue, &diagnostics)
            // An assessment's scale is known once its scheme is read (see `Validation`).
            if let below, metric == .satisfaction, below < 0 || below > 100 {
                diagnostics.error("'below' \(below) is outside 0 to 100 (a satisfaction rate is a percentage)", at: item.location("below"))
            }
            let label = item.localized("label", required: true, &diagnostics)
            let severity = item.choice("severity", as: Rule.Severity.self, what: "severity", &diagnostics) ?? .notice
            var years = item.int("consecutive_years", &diagnostics) ?? 1
            if years < 1 {
                diagnostics.error("field 'consecutive_years' must be 1 or more, found \(years)", at: item.location("consecutive_years"))
                years = 1
            }
            let appliesTo = item.string("applies_to", &diagnostics)
            if let appliesTo, !levelIDs.contains(appliesTo) {
                diagnostics.error("unknown level '\(SourceNode.shortened(appliesTo))' in field 'applies_to'\(didYouMean(appliesTo, among: levelIDs.sorted()))",
                                  at: item.location("applies_to"))
            }
            guard let id, let metric, let below, let label else { return nil }
            return Rule(id: id, metric: metric, below: below, above: above, label: label, severity: severity, consecutiveYears: years,
                        appliesTo: appliesTo, location: item.record.location, metricLocation: item.location("metric"),
                        belowLocation: item.location("below"),
                        appliesToLocation: appliesTo == nil ? nil : item.location("applies_to"))
        }
        checkUnique(config.rules.map { ($0.id, $0.location) }, what: "rule", &diagnostics)
        return config
    }
}

/// A rule's threshold: `below` for rates and totals; `above`, a count not
/// negative, for an overdue rule (`above: 0`: any overdue commitment).
private func readThreshold(_ item: RecordFields, countsUp: Bool, _ diagnostics: inout Diagnostics) -> (below: Decimal?, above: Decimal?) {
    let (wanted, other) = countsUp ? ("above", "below") : ("below", "above")
    if item.value(other) != nil {
        diagnostics.error(countsUp ? "an overdue rule takes 'above' (a count of overdue commitments), not 'below'"
                                   : "field 'above' is only for metric overdue (this rule takes 'below')",
                          at: item.location(other))
    }
    guard countsUp else { return (item.decimal("below", required: true, &diagnostics), nil) }
    guard let above = item.decimal(wanted, required: true, &diagnostics) else { return (nil, nil) }
    guard above >= 0 else {
        diagnostics.error("field 'above' must not be negative, found \(above)", at: item.location("above"))
        return (nil, nil)
    }
    return (0, above)
}

// MARK: - Helpers shared by the settings and the datasets

/// A list field whose items are maps, each read by `read`.
func readList<T>(_ fields: RecordFields, _ key: String, what: String, _ diagnostics: inout Diagnostics,
                 _ read: (RecordFields, inout Diagnostics) -> T?) -> [T] {
    guard let node = fields.value(key) else { return [] }
    guard let items = node.items else {
        diagnostics.error("field '\(key)' must be a list, found \(node.kindDescription)", at: node.location)
        return []
    }
    return items.compactMap { item in
        guard let itemFields = RecordFields(item, what: what, diagnostics: &diagnostics) else { return nil }
        return read(itemFields, &diagnostics)
    }
}

/// A list of words, or a single word.
func readWords(_ fields: RecordFields, _ key: String, _ diagnostics: inout Diagnostics) -> [String] {
    guard let node = fields.value(key) else { return [] }
    let items = node.items ?? [node]
    return items.compactMap { item in
        guard case .string(let text) = item.kind else {
            diagnostics.error("field '\(key)' must be a list of names, found \(item.kindDescription)", at: item.location)
            return nil
        }
        return text
    }
}

/// Duplicate ids are an error at the second one, pointing back to the first.
func checkUnique(_ ids: [(String, SourceLocation)], what: String, _ diagnostics: inout Diagnostics) {
    checkUnique(ids, id: \.0, location: \.1, what: what, &diagnostics)
}

/// Reports each item whose id an earlier one has. Where an item is written is
/// asked only for a duplicate, not for each of a million records.
func checkUnique<Item>(_ items: [Item], id: (Item) -> String, location: (Item) -> SourceLocation, what: String,
                       _ diagnostics: inout Diagnostics) {
    var first: [String: Int] = [:]
    first.reserveCapacity(items.count)
    for (index, item) in items.enumerated() {
        if let earlier = first[id(item)] {
            diagnostics.error("duplicate \(what) id '\(id(item))' (first defined at \(location(items[earlier]).description))",
                              at: location(item))
        } else {
            first[id(item)] = index
        }
    }
}

/// A key nobody reads is most often a typo: say so, and suggest the key meant.
func warnUnknownKeys(_ fields: RecordFields, known: [String], what: String, _ diagnostics: inout Diagnostics) {
    for field in fields.fields where !known.contains(field.key) {
        var message = "unknown \(what) '\(SourceNode.shortened(field.key))'"
        if let suggestion = closestKey(to: field.key, among: known) { message += " (did you mean '\(suggestion)'?)" }
        diagnostics.warning(message, at: field.keyLocation)
    }
}

/// ` (did you mean 'x'?)` when a known id is close to `value`, else nothing.
public func didYouMean(_ value: String, among known: [String]) -> String {
    closestKey(to: value, among: known).map { " (did you mean '\($0)'?)" } ?? ""
}

/// The known key within edit distance 2, if any (the closest; the first on ties).
func closestKey(to key: String, among known: [String]) -> String? {
    var best: (String, Int)?
    for candidate in known {
        let distance = editDistance(key, candidate)
        // Not when every letter would change: `x` is not a misspelt `id`.
        if distance <= 2, distance < key.count, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
    }
    return best?.0
}

/// Levenshtein distance over characters; long keys are never close to known ones.
func editDistance(_ a: String, _ b: String) -> Int {
    // Checked on bytes before anything is made: a suggestion may look through 100,000 ids.
    if abs(a.utf8.count - b.utf8.count) > 8 { return Int.max }
    let a = Array(a), b = Array(b)
    if abs(a.count - b.count) > 2 || a.count > 64 { return Int.max }
    var previous = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...max(b.count, 1) where !b.isEmpty {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
