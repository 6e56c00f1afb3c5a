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

    /// In source order: the first is the fallback.
    public var entries: [Entry]

    public init(_ text: String) { entries = [Entry(language: "", text: text)] }
    public init(entries: [Entry]) { self.entries = entries }

    /// The text for `language`: the exact tag, then the same primary language
    /// (zh-Hant for zh or zh-Hans), then the first in source order.
    public func resolved(for language: String) -> String {
        let wanted = language.lowercased()
        if let exact = entries.first(where: { $0.language.lowercased() == wanted }) { return exact.text }
        let primary = Self.primary(wanted)
        if let same = entries.first(where: { Self.primary($0.language.lowercased()) == primary }) { return same.text }
        return entries.first?.text ?? ""
    }

    public var description: String { entries.first?.text ?? "" }

    private static func primary(_ tag: String) -> Substring {
        tag.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
    }
}
