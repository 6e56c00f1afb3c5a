import PlacardDiagnostics

/// A text that may be given in several languages: either a plain string
/// or a map from language tag to string (`{zh-Hant: 沾化縣, en: Zhanhua County}`).
public struct LocalizedText: Sendable, Hashable, CustomStringConvertible {
    public struct Entry: Sendable, Hashable {
        /// The language tag; empty for a plain string, which fits every language.
        public var language: String
        public var text: String
        public init(language: String, text: String) {
            self.language = language
            self.text = text
        }
    }

    /// A plain string, the common case, is kept without an array: one
    /// allocation less for every name and commitment text.
    private enum Storage: Sendable {
        case plain(String)
        case entries([Entry])
    }

    private var storage: Storage

    /// In source order: the first is the fallback.
    public var entries: [Entry] {
        get {
            switch storage {
            case .plain(let text): return [Entry(language: "", text: text)]
            case .entries(let entries): return entries
            }
        }
        set { storage = .entries(newValue) }
    }

    public init(_ text: String) { storage = .plain(text) }
    public init(entries: [Entry]) { storage = .entries(entries) }

    /// The same entries are the same text, however it is stored.
    public static func == (a: LocalizedText, b: LocalizedText) -> Bool {
        if case .plain(let x) = a.storage, case .plain(let y) = b.storage { return x == y }
        return a.entries == b.entries
    }

    public func hash(into hasher: inout Hasher) {
        switch storage {
        case .plain(let text): hasher.combine(Entry(language: "", text: text))
        case .entries(let entries):
            if entries.count == 1 { hasher.combine(entries[0]) } else { hasher.combine(entries) }
        }
    }

    /// The text for `language`: the exact tag, then the same primary language
    /// (zh-Hant for zh or zh-Hans), then the first in source order.
    public func resolved(for language: String) -> String {
        if case .plain(let text) = storage { return text }
        let wanted = language.lowercased()
        if let exact = entries.first(where: { $0.language.lowercased() == wanted }) { return exact.text }
        let primary = Self.primary(wanted)
        if let same = entries.first(where: { Self.primary($0.language.lowercased()) == primary }) { return same.text }
        return entries.first?.text ?? ""
    }

    public var description: String {
        if case .plain(let text) = storage { return text }
        return entries.first?.text ?? ""
    }

    private static func primary(_ tag: String) -> Substring {
        tag.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
    }
}
