/// The terms of one search document: CJK characters and pairs packed into
/// integers (no String made per character), and words as strings. Codes come
/// in text order and may repeat (the index takes each once per document);
/// `SearchIndex.terms` gives the same terms as strings.
struct SearchTerms: Sendable {
    /// A CJK character is its scalar value; a pair is `pairFlag | first << 21 | second`.
    var codes: [UInt64] = []
    var words: [String] = []

    static let pairFlag: UInt64 = 1 << 42

    init(codes: [UInt64] = [], words: [String] = []) {
        self.codes = codes
        self.words = words
    }

    /// Terms of a text: lowercased words, CJK characters and CJK pairs, read a
    /// Unicode scalar at a time from the UTF-8 bytes (a word is made a String
    /// once, not a scalar at a time). Where a scalar could join its neighbour
    /// into one Character (a combining mark, a variation selector…) the whole
    /// text is read again by Character (`SearchIndex.terms`), so the terms never differ.
    init(of text: String) {
        var text = text
        if let found = text.withUTF8(Self.scalarTerms) {
            self = found
        } else {
            self.init(strings: SearchIndex.terms(text))
        }
    }

    /// nil when a scalar is not a Character of its own. The bytes are a String's, so valid UTF-8.
    private static func scalarTerms(_ bytes: UnsafeBufferPointer<UInt8>) -> SearchTerms? {
        // Each term once: a page repeats most of its characters, pairs and words,
        // and every repeat would be sharded, grouped and looked up again.
        var codes = DistinctTerms<UInt64>(expected: bytes.count / 2)
        var words = DistinctTerms<String>(expected: bytes.count / 16)
        var word: [UInt8] = []
        var previousCJK: UInt32?
        func endWord() {
            if !word.isEmpty {
                words.insert(word)
                word.removeAll(keepingCapacity: true)
            }
        }
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                previousCJK = nil
                switch lead {
                case 0x61...0x7A, 0x30...0x39: word.append(lead)
                case 0x41...0x5A: word.append(lead + 32)
                default: endWord()
                }
                continue
            }
            let (value, length) = StandaloneScalars.scalar(in: bytes, at: index)
            index += length
            if SearchIndex.isCJK(value), !StandaloneScalars.kanaSoundMarks.contains(value) {
                endWord()
                codes.insert(UInt64(value))
                if let previous = previousCJK { codes.insert(Self.pairFlag | UInt64(previous) << 21 | UInt64(value)) }
                previousCJK = value
            } else if let lowered = StandaloneScalars.lowered(value) {
                previousCJK = nil
                if lowered.isEmpty { endWord() } else { word.append(contentsOf: lowered.utf8) }
            } else {
                return nil
            }
        }
        endWord()
        return SearchTerms(codes: codes.terms, words: words.terms)
    }

    /// Terms given as strings: single CJK characters and pairs become codes.
    init(strings: Set<String>) {
        var codes: [UInt64] = []
        var words: [String] = []
        for term in strings {
            let scalars = Array(term.unicodeScalars)
            if scalars.count == 1, SearchIndex.isCJK(scalars[0].value) {
                codes.append(UInt64(scalars[0].value))
            } else if scalars.count == 2, SearchIndex.isCJK(scalars[0].value), SearchIndex.isCJK(scalars[1].value) {
                codes.append(Self.pairFlag | UInt64(scalars[0].value) << 21 | UInt64(scalars[1].value))
            } else {
                words.append(term)
            }
        }
        self.init(codes: codes, words: words)
    }

    static func string(of code: UInt64) -> String {
        var text = ""
        if code & pairFlag != 0 {
            text.unicodeScalars.append(Unicode.Scalar(UInt32(truncatingIfNeeded: code >> 21) & 0x1F_FFFF)!)
        }
        text.unicodeScalars.append(Unicode.Scalar(UInt32(truncatingIfNeeded: code) & 0x1F_FFFF)!)
        return text
    }

    var strings: Set<String> {
        Set(codes.map(Self.string(of:))).union(words)
    }

    /// The shard of a code: FNV-1a over the UTF-8 of its characters, as `SearchIndex.shard(of:count:)`.
    static func shard(of code: UInt64, count: Int) -> Int {
        var hash: UInt32 = 0x811C_9DC5
        if code & pairFlag != 0 { fnv(&hash, UInt32(truncatingIfNeeded: code >> 21) & 0x1F_FFFF) }
        fnv(&hash, UInt32(truncatingIfNeeded: code) & 0x1F_FFFF)
        return Int(hash % UInt32(count))
    }

    private static func fnv(_ hash: inout UInt32, _ scalar: UInt32) {
        for byte in UTF8.encode(Unicode.Scalar(scalar)!)! {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
    }
}

/// The distinct terms of one text in the order first met, kept with an
/// open-addressing table of their positions hashed by a cheap mix (FNV-1a for
/// a word's bytes), not by `Hasher`: every character of every page goes through it.
struct DistinctTerms<Term: Equatable> {
    private(set) var terms: [Term] = []
    /// Each term's hash, for growing the table.
    private var hashes: [UInt64] = []
    /// Positions in `terms` plus one; 0 is a free slot.
    private var slots: [Int32]
    private var mask: Int

    init(expected: Int) {
        var size = 16
        while size < expected * 2 { size *= 2 }
        slots = [Int32](repeating: 0, count: size)
        mask = size - 1
    }

    private mutating func insert(_ hash: UInt64, matches: (Term) -> Bool, make: () -> Term) {
        var index = Int(truncatingIfNeeded: hash >> 32) & mask
        while slots[index] != 0 {
            if matches(terms[Int(slots[index]) - 1]) { return }
            index = (index + 1) & mask
        }
        terms.append(make())
        hashes.append(hash)
        slots[index] = Int32(terms.count)
        if terms.count * 2 > slots.count { grow() }
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for position in terms.indices {
            var index = Int(truncatingIfNeeded: hashes[position] >> 32) & mask
            while slots[index] != 0 { index = (index + 1) & mask }
            slots[index] = Int32(position + 1)
        }
    }

    static func mix(_ code: UInt64) -> UInt64 { code &* 0x9E37_79B9_7F4A_7C15 }

    static func fnv(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}

extension DistinctTerms<UInt64> {
    mutating func insert(_ code: UInt64) {
        insert(Self.mix(code), matches: { $0 == code }, make: { code })
    }
}

extension DistinctTerms<String> {
    /// A word given by its UTF-8 bytes, made a String only the first time.
    mutating func insert(_ word: [UInt8]) {
        insert(Self.fnv(word), matches: { $0.utf8.elementsEqual(word) }, make: { String(decoding: word, as: UTF8.self) })
    }
}

/// Scalars outside ASCII and CJK that are always a Character of their own,
/// next to each other, to ASCII and to CJK (a test checks every pair): Latin
/// letters, general and CJK punctuation, the minus sign figures are written
/// with, full-width forms. For each, what it adds to a word: its lowercase for
/// a letter or number, nothing for the rest.
enum StandaloneScalars {
    /// The only scalars of the CJK ranges that join the one before them.
    static let kanaSoundMarks: ClosedRange<UInt32> = 0x3099...0x309A

    static let ranges: [ClosedRange<UInt32>] = [
        0x00A0...0x024F, 0x2010...0x2027, 0x2030...0x205E, 0x2212...0x2212, 0x3000...0x3029, 0x3030...0x303F, 0xFF01...0xFF5E,
    ]

    private static let table: [[String]] = ranges.map { range in
        range.map { value in
            let character = Character(Unicode.Scalar(value)!)
            return character.isLetter || character.isNumber ? character.lowercased() : ""
        }
    }

    /// The scalar starting at `index` of valid UTF-8, and its length in bytes.
    @inline(__always)
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, length: Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return (value, length)
    }

    /// A scalar that is a Character of its own beside any other such scalar.
    static func isStandalone(_ value: UInt32) -> Bool {
        value < 0x80 ? value != 0x0D : (SearchIndex.isCJK(value) && !kanaSoundMarks.contains(value)) || lowered(value) != nil
    }

    /// The lowercase of a letter or number, "" for a separator, nil when not a standalone scalar.
    static func lowered(_ value: UInt32) -> String? {
        for (index, range) in ranges.enumerated() where range.contains(value) {
            return table[index][Int(value - range.lowerBound)]
        }
        return nil
    }
}
