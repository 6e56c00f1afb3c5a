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
        func keep(_ scalar: Unicode.Scalar) {
            if separatorPending && !slug.isEmpty { slug += "-" }
            separatorPending = false
            slug.unicodeScalars.append(scalar)
        }
        for scalar in text.unicodeScalars {
            // ASCII first: most headings are mostly ASCII or CJK, and the
            // Unicode property look-ups below are comparatively slow.
            if scalar.isASCII {
                switch scalar {
                case "a"..."z", "0"..."9": keep(scalar)
                case "A"..."Z": keep(Unicode.Scalar(scalar.value + 32)!)
                case " ", "\t", "\n", "\r", "-", "_": separatorPending = true
                default: break
                }
                continue
            }
            // CJK ideographs (all letters) without a property look-up either.
            if (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value) {
                keep(scalar)
                continue
            }
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .titlecaseLetter:
                if separatorPending && !slug.isEmpty { slug += "-" }
                separatorPending = false
                slug += scalar.properties.lowercaseMapping
            case .lowercaseLetter, .modifierLetter, .otherLetter,
                 .nonspacingMark, .spacingMark, .enclosingMark,
                 .decimalNumber, .letterNumber, .otherNumber:
                keep(scalar)
            case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control,
                 .dashPunctuation, .connectorPunctuation:
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
