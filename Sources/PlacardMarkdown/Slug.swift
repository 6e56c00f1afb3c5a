extension Markdown {
    /// A GitHub-like slug for a heading's plain text, used as its `id`:
    /// letters, marks and digits of every script are kept (cased letters
    /// lowercased), each run of spaces, dashes and underscores becomes one `-`
    /// (none at the ends), other punctuation and symbols are dropped; an empty
    /// result becomes `section`.
    ///
    ///     slug("2009年 工作總結!")  == "2009年-工作總結"
    ///     slug("Hello, World -- Again") == "hello-world-again"
    public static func slug(_ text: String) -> String {
        var slug = ""
        var separatorPending = false
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .nonspacingMark, .spacingMark, .enclosingMark,
                 .decimalNumber, .letterNumber, .otherNumber:
                if separatorPending && !slug.isEmpty { slug += "-" }
                separatorPending = false
                if scalar.properties.changesWhenLowercased {
                    slug += scalar.properties.lowercaseMapping
                } else {
                    slug.unicodeScalars.append(scalar)
                }
            case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control,
                 .dashPunctuation, .connectorPunctuation:
                // Tabs and newlines are controls; `-` is dash, `_` connector punctuation.
                separatorPending = true
            default:
                break
            }
        }
        return slug.isEmpty ? "section" : slug
    }
}

/// Hands out heading ids unique within one document: the first `intro` is
/// `intro`, later ones `intro-1`, `intro-2`, … skipping ids already taken.
struct HeadingIDs {
    private var used: Set<String> = []
    private var nextSuffix: [String: Int] = [:]

    mutating func claim(_ base: String) -> String {
        if used.insert(base).inserted { return base }
        var suffix = nextSuffix[base, default: 1]
        while !used.insert("\(base)-\(suffix)").inserted { suffix += 1 }
        nextSuffix[base] = suffix + 1
        return "\(base)-\(suffix)"
    }
}
