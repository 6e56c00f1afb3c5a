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
        }
        public enum Severity: String, Sendable, CaseIterable { case notice, warning, critical }
        public var id: String
        public var metric: Metric
        /// Triggered when the figure is below this (percent, or points for an assessment).
        public var below: Decimal
        public var label: LocalizedText
        public var severity: Severity
        /// How many years in a row the figure must be below (default 1).
        public var consecutiveYears: Int
        /// A level id; nil for every level.
        public var appliesTo: String?
        public var location: SourceLocation
        public var metricLocation: SourceLocation
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
    /// The encoding of the data files (`encoding:`); nil: UTF-8 (or as a BOM says).
    public var encoding: TextEncoding?
    /// What separates CSV cells (`csv_delimiter:`); nil: `,`.
    public var csvDelimiter: CSVDelimiter?
    /// Settings of single datasets (`datasets:`), by dataset name.
    public var datasets: [String: DatasetSettings]
    /// The settings file, and each setting's value, for later diagnostics.
    public var location: SourceLocation
    public var fieldLocations: [String: SourceLocation]

    public static let themeLanguages = ["zh-Hans", "zh-Hant", "en"]
    static let knownKeys = ["title", "language", "description", "base_url", "publisher", "levels", "roles",
                            "indicators", "private_fields", "rules", "unsafe_html", "smart_punctuation", "file_urls",
                            "encoding", "csv_delimiter", "datasets"]

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
        config.privateFields = Set(readWords(fields, "private_fields", &diagnostics))
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
            warnUnknownKeys(item, known: ["id", "metric", "below", "label", "severity", "consecutive_years", "applies_to"],
                            what: "field of a rule", &diagnostics)
            let id = item.id("id", required: true, &diagnostics)
            let metric = item.string("metric", required: true, &diagnostics).flatMap { text -> Rule.Metric? in
                if text == "satisfaction" { return .satisfaction }
                if text.hasPrefix("assessment:"), Identifier.isValid(String(text.dropFirst("assessment:".count))) {
                    return .assessment(String(text.dropFirst("assessment:".count)))
                }
                diagnostics.error("unknown metric '\(SourceNode.shortened(text))' (expected satisfaction or assessment:<scheme>)",
                                  at: item.location("metric"))
                return nil
            }
            let below = item.decimal("below", required: true, &diagnostics)
            let label = item.localized("label", required: true, &diagnostics)
            let severity = item.choice("severity", as: Rule.Severity.self, what: "severity", &diagnostics) ?? .notice
            var years = item.int("consecutive_years", &diagnostics) ?? 1
            if years < 1 {
                diagnostics.error("field 'consecutive_years' must be 1 or more, found \(years)", at: item.location("consecutive_years"))
                years = 1
            }
            let appliesTo = item.string("applies_to", &diagnostics)
            if let appliesTo, !levelIDs.contains(appliesTo) {
                diagnostics.error("unknown level '\(SourceNode.shortened(appliesTo))' in field 'applies_to'", at: item.location("applies_to"))
            }
            guard let id, let metric, let below, let label else { return nil }
            return Rule(id: id, metric: metric, below: below, label: label, severity: severity, consecutiveYears: years,
                        appliesTo: appliesTo, location: item.record.location, metricLocation: item.location("metric"),
                        appliesToLocation: appliesTo == nil ? nil : item.location("applies_to"))
        }
        checkUnique(config.rules.map { ($0.id, $0.location) }, what: "rule", &diagnostics)
        return config
    }
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

/// The known key within edit distance 2, if any (the closest; the first on ties).
func closestKey(to key: String, among known: [String]) -> String? {
    var best: (String, Int)?
    for candidate in known {
        let distance = editDistance(key, candidate)
        if distance <= 2, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
    }
    return best?.0
}

/// Levenshtein distance over characters; long keys are never close to known ones.
func editDistance(_ a: String, _ b: String) -> Int {
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
