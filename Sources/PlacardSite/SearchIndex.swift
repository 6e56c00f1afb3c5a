import Foundation
import PlacardDiagnostics

/// The site search, built at build time and served as plain files: no server.
///
/// Chinese, Japanese and Korean text is indexed as single characters and
/// overlapping pairs of characters, so any word or phrase is found without a
/// dictionary; other text as lowercased words. The index is split into shards
/// by a hash of each term, and the documents into chunks, so a browser fetches
/// only the few files a query needs, even for a site of 100,000 pages. Shards
/// are JavaScript files (`placardSearch.shard(…)`) rather than JSON so that
/// they also load from disk (file://), where browsers refuse to fetch JSON.
struct SearchIndex {
    struct Document: Hashable, Sendable {
        var title: String
        /// Relative to the search page.
        var url: String
        var unit: String
        var text: String

        /// Equal and hashed byte for byte (see `hasSameBytes`): a session looks up every page's.
        static func == (a: Document, b: Document) -> Bool {
            a.text.hasSameBytes(as: b.text) && a.title.hasSameBytes(as: b.title)
                && a.url.hasSameBytes(as: b.url) && a.unit.hasSameBytes(as: b.unit)
        }

        func hash(into hasher: inout Hasher) {
            for field in [title, url, unit, text] { field.hashBytes(into: &hasher) }
        }
    }

    static let documentsPerChunk = 500

    /// How many chunk files `documents` documents take.
    static func chunkCount(documents: Int) -> Int { (documents + documentsPerChunk - 1) / documentsPerChunk }

    /// The numbers of chunk `chunk`'s documents.
    static func chunkRange(_ chunk: Int, documents: Int) -> Range<Int> {
        (chunk * documentsPerChunk)..<min((chunk + 1) * documentsPerChunk, documents)
    }
    /// Text indexed and kept for snippets, per page.
    static let textLimit = 1500

    var documents: [Document] = []

    /// Terms of a text: lowercased words, CJK characters and CJK pairs, read by
    /// Character. `SearchTerms(of:)` finds the same faster.
    static func terms(_ text: String) -> Set<String> {
        var terms = Set<String>()
        var word = ""
        var previousCJK: Character?
        func endWord() {
            if !word.isEmpty { terms.insert(word); word = "" }
        }
        for character in text {
            // ASCII first: most of any page, and no String made per letter.
            if let byte = character.asciiValue {
                previousCJK = nil
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    word.unicodeScalars.append(Unicode.Scalar(byte))
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    word.unicodeScalars.append(Unicode.Scalar(byte + 32))
                default:
                    endWord()
                }
            } else if isCJK(character) {
                endWord()
                terms.insert(String(character))
                if let previous = previousCJK { terms.insert(String([previous, character])) }
                previousCJK = character
            } else if character.isLetter || character.isNumber {
                previousCJK = nil
                word += character.lowercased()
            } else {
                previousCJK = nil
                endWord()
            }
        }
        endWord()
        return terms
    }

    static func isCJK(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        return isCJK(scalar.value)
    }

    static func isCJK(_ value: UInt32) -> Bool {
        switch value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return true
        default: return false
        }
    }

    /// Shards grow with the site so each stays small: 1 for a small site, up to 1,024.
    var shardCount: Int { Self.shardCount(documents: documents.count) }

    static func shardCount(documents: Int) -> Int {
        var count = 1
        while count < 1024, count * 200 < documents { count *= 2 }
        return count
    }

    /// FNV-1a over UTF-8: the same in Swift and in search.js.
    static func shard(of term: String, count: Int) -> Int {
        var hash: UInt32 = 0x811C_9DC5
        for byte in term.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return Int(hash % UInt32(count))
    }

    static func termList(_ document: Document) -> SearchTerms {
        SearchTerms(of: document.title + " " + document.unit + " " + document.text)
    }

    /// Documents whose terms are found together: enough for every core, few
    /// enough that a large site does not hold every term of every page at once.
    static let termBatch = 500
    /// Documents whose terms are grouped by shard together, on one core.
    static let termGroup = 50

    /// Makes the files under search/ (meta.js, s-N.js: terms to document numbers,
    /// d-N.js: documents) and hands each to `write` as soon as it is made, with
    /// whether it changed since `previous` (its text is then made only if asked).
    /// Terms are found on every core a batch of documents at a time, and each
    /// shard takes its terms of the batch on its own core; numbers go in in
    /// document order and terms are sorted when written, so the files do not vary.
    /// With `previous` (a session's last index, whose files are on disk), an
    /// index with as many documents is patched where documents changed: only
    /// the shards and chunks they touch are made again.
    @discardableResult
    func writeFiles(
        cache: SearchTermsCache? = nil, previous: Built? = nil, keep: Bool = false,
        _ write: @Sendable (_ path: String, _ changed: Bool, _ bytes: () -> [UInt8]) -> Void
    ) -> Built? {
        let count = shardCount
        let documents = documents
        let chunks = Self.chunkCount(documents: documents.count)
        var changedShards = Set(0..<count)
        var changedChunks = Set(0..<chunks)
        let shards: [Shard]
        if let previous, let patched = patch(previous, cache: cache) {
            (shards, changedShards, changedChunks) = patched
        } else {
            shards = (0..<count).map { _ in Shard() }
            for start in stride(from: 0, to: documents.count, by: Self.termBatch) {
                let end = min(start + Self.termBatch, documents.count)
                // Each group's terms are found and grouped by shard on a core of its own.
                let groups = concurrentMap(Array(stride(from: start, to: end, by: Self.termGroup))) { first in
                    ShardedTerms(documents[first..<min(first + Self.termGroup, end)], firstDocument: first, shards: count, cache: cache)
                }
                concurrentForEach(Array(0..<count)) { index in
                    for group in groups { shards[index].add(group, shard: index) }
                }
            }
        }
        let (shardsToWrite, chunksToWrite) = (changedShards, changedChunks)
        write("search/meta.js", true) { Self.metaScript(shards: count, documents: documents.count) }
        concurrentForEach(Array(0..<count)) { index in
            write("search/s-\(index).js", shardsToWrite.contains(index)) { shards[index].script(index) }
            if !keep { shards[index].removeAll() }
        }
        concurrentForEach(Array(0..<chunks)) { chunk in
            write("search/d-\(chunk).js", chunksToWrite.contains(chunk)) {
                Self.chunkScript(chunk, of: documents[Self.chunkRange(chunk, documents: documents.count)])
            }
        }
        return keep ? Built(documents: documents, shards: shards) : nil
    }

    /// `placardSearch.meta({…});`: how many shards, documents and chunks there are.
    static func metaScript(shards: Int, documents: Int) -> [UInt8] {
        Array("placardSearch.meta({\"shards\":\(shards),\"chunk\":\(documentsPerChunk),\"documents\":\(documents),\"chunks\":\(chunkCount(documents: documents))});\n".utf8)
    }

    /// `placardSearch.docs(N,[[title,url,unit,text],…]);` for chunk N, as UTF-8
    /// (the files are bytes: a String would be checked and copied for nothing).
    static func chunkScript(_ chunk: Int, of slice: ArraySlice<Document>) -> [UInt8] {
        var bytes = Array("placardSearch.docs(\(chunk),[\n".utf8)
        for (row, document) in slice.enumerated() {
            if row > 0 { bytes.append(contentsOf: ",\n".utf8) }
            bytes.append(UInt8(ascii: "["))
            for (field, text) in [document.title, document.url, document.unit, document.text].enumerated() {
                if field > 0 { bytes.append(UInt8(ascii: ",")) }
                Escaping.appendJSONString(text, to: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        }
        bytes += Array("\n]);\n".utf8)
        return bytes
    }

    /// An index as built, kept by a session to patch it next time.
    struct Built: @unchecked Sendable {
        let documents: [Document]
        let shards: [Shard]
    }

    /// The last index with the changed documents taken out and put in again, and
    /// the shards and chunks that changed; nil when the documents are not as many,
    /// or too many changed for a patch to be quicker than building anew.
    private func patch(_ previous: Built, cache: SearchTermsCache?) -> (shards: [Shard], changedShards: Set<Int>, changedChunks: Set<Int>)? {
        guard previous.documents.count == documents.count, previous.shards.count == shardCount else { return nil }
        let changed = documents.indices.filter { documents[$0] != previous.documents[$0] }
        guard changed.count <= max(8, documents.count / 20) else { return nil }
        var changedShards = Set<Int>()
        // Each term a document lost or gained, in the shard it belongs to.
        func update<Term: Hashable>(_ old: [Term], _ new: [Term], shard: (Term) -> Int, _ change: (Shard, Term, _ gained: Bool) -> Void) {
            let (oldSet, newSet) = (Set(old), Set(new))
            for (terms, gained) in [(oldSet.subtracting(newSet), false), (newSet.subtracting(oldSet), true)] {
                for term in terms {
                    let index = shard(term)
                    change(previous.shards[index], term, gained)
                    changedShards.insert(index)
                }
            }
        }
        let count = shardCount
        for index in changed {
            let number = Int32(index)
            let old = cache?.previousTerms(of: previous.documents[index]) ?? Self.termList(previous.documents[index])
            let new = cache?.terms(of: documents[index]) ?? Self.termList(documents[index])
            update(old.codes, new.codes, shard: { SearchTerms.shard(of: $0, count: count) }) { shard, code, gained in
                if gained { shard.insert(number, code: code) } else { shard.remove(number, code: code) }
            }
            update(old.words, new.words, shard: { Self.shard(of: $0, count: count) }) { shard, word, gained in
                if gained { shard.insert(number, word: word) } else { shard.remove(number, word: word) }
            }
        }
        cache?.keepUnrequested()
        return (previous.shards, changedShards, Set(changed.map { $0 / Self.documentsPerChunk }))
    }

    /// A batch's terms grouped by shard, each with its document's number, in
    /// document order. Grouped once for the batch: with each document's terms
    /// grouped apart, every shard looked through every document, and a site of
    /// 100,000 pages (1,024 shards) spent most of its index time waiting on memory.
    struct ShardedTerms: Sendable {
        var codes: Grouped<UInt64>
        var words: Grouped<String>

        /// One document's terms with the shard of each, found on the document's core.
        struct Located: Sendable {
            var terms: SearchTerms
            var codeShards: [Int32]
            var wordShards: [Int32]

            init(_ terms: SearchTerms, shards: Int) {
                self.terms = terms
                codeShards = terms.codes.map { Int32(SearchTerms.shard(of: $0, count: shards)) }
                wordShards = terms.words.map { Int32(SearchIndex.shard(of: $0, count: shards)) }
            }
        }

        /// The terms of consecutive documents, the first numbered `firstDocument`.
        init(_ documents: ArraySlice<Document>, firstDocument: Int, shards: Int, cache: SearchTermsCache? = nil) {
            let located = documents.map { Located(cache?.terms(of: $0) ?? SearchIndex.termList($0), shards: shards) }
            self.init(located, firstDocument: firstDocument, shards: shards)
        }

        init(_ located: [Located], firstDocument: Int, shards: Int) {
            codes = Grouped(located.map(\.terms.codes), located.map(\.codeShards), firstDocument: firstDocument, shards: shards)
            words = Grouped(located.map(\.terms.words), located.map(\.wordShards), firstDocument: firstDocument, shards: shards)
        }

        struct Grouped<Term: Sendable>: Sendable {
            var terms: [Term] = []
            var documents: [Int32] = []
            /// Where each shard's terms begin: `shards + 1` numbers.
            var starts: [Int32]

            init(_ lists: [[Term]], _ shardOfTerm: [[Int32]], firstDocument: Int, shards: Int) {
                starts = [Int32](repeating: 0, count: shards + 1)
                for list in shardOfTerm {
                    for index in list { starts[Int(index) + 1] += 1 }
                }
                for index in 0..<shards { starts[index + 1] += starts[index] }
                guard let first = lists.first(where: { !$0.isEmpty })?.first else { return }
                var next = starts
                terms = [Term](repeating: first, count: Int(starts[shards]))
                documents = [Int32](repeating: 0, count: Int(starts[shards]))
                for (offset, (list, shardOfItem)) in zip(lists, shardOfTerm).enumerated() {
                    for (term, index) in zip(list, shardOfItem) {
                        let position = Int(next[Int(index)])
                        terms[position] = term
                        documents[position] = Int32(firstDocument + offset)
                        next[Int(index)] += 1
                    }
                }
            }

            func forEach(in shard: Int, _ body: (Term, Int32) -> Void) {
                for position in Int(starts[shard])..<Int(starts[shard + 1]) { body(terms[position], documents[position]) }
            }
        }
    }

    /// The terms of one shard and the numbers of the documents that have them.
    /// Filled by one worker at a time.
    final class Shard: @unchecked Sendable {
        private var codes: [UInt64: Postings] = [:]
        private var words: [String: Postings] = [:]

        func add(_ batch: ShardedTerms, shard: Int) {
            batch.codes.forEach(in: shard) { code, number in codes[code, default: Postings()].append(number) }
            batch.words.forEach(in: shard) { word, number in words[word, default: Postings()].append(number) }
        }

        func insert(_ number: Int32, code: UInt64) { Self.insert(number, into: &codes, under: code) }
        func remove(_ number: Int32, code: UInt64) { Self.remove(number, from: &codes, under: code) }
        func insert(_ number: Int32, word: String) { Self.insert(number, into: &words, under: word) }
        func remove(_ number: Int32, word: String) { Self.remove(number, from: &words, under: word) }

        /// Numbers stay in order: a patched shard is written as a built one is.
        private static func insert<Term>(_ number: Int32, into table: inout [Term: Postings], under term: Term) {
            var list = table[term]?.numbers ?? []
            var position = 0, end = list.count  // the first number not below `number`
            while position < end {
                let middle = (position + end) / 2
                if list[middle] < number { position = middle + 1 } else { end = middle }
            }
            guard position == list.count || list[position] != number else { return }
            list.insert(number, at: position)
            table[term] = Postings(list)
        }

        private static func remove<Term>(_ number: Int32, from table: inout [Term: Postings], under term: Term) {
            guard var list = table[term]?.numbers, let position = list.firstIndex(of: number) else { return }
            list.remove(at: position)
            table[term] = list.isEmpty ? nil : Postings(list)
        }

        /// `placardSearch.shard(N,{"term":[numbers],…});`, terms in String order, as UTF-8.
        func script(_ index: Int) -> [UInt8] {
            var entries = codes.map { (SearchTerms.string(of: $0.key), $0.value) }
            entries += words.map { ($0.key, $0.value) }
            entries.sort { $0.0 < $1.0 }
            var bytes = Array("placardSearch.shard(\(index),{".utf8)
            for (position, entry) in entries.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                Escaping.appendJSONString(entry.0, to: &bytes)
                bytes.append(contentsOf: ":[".utf8)
                var first = true
                entry.1.forEach { number in
                    if !first { bytes.append(UInt8(ascii: ",")) }
                    first = false
                    Self.appendDigits(of: number, to: &bytes)
                }
                bytes.append(UInt8(ascii: "]"))
            }
            bytes += Array("});\n".utf8)
            return bytes
        }

        /// A document number's decimal digits, without a String for each of the
        /// millions of numbers in a large site's shards.
        static func appendDigits(of number: Int32, to bytes: inout [UInt8]) {
            var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var value = UInt32(number)  // document numbers are never negative
            var count = 0
            withUnsafeMutableBytes(of: &digits) { buffer in
                repeat {
                    buffer[count] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                    count += 1
                } while value > 0
                for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
            }
        }

        func removeAll() {
            codes = [:]
            words = [:]
        }
    }

    /// The first `limit` Characters of `text`. Where every scalar is a Character
    /// of its own (ASCII but CR, CJK, the standalone scalars) they are counted
    /// as scalars, without finding grapheme breaks: a tenth of a second per
    /// thousand Chinese pages.
    /// Only the scalars up to the cut and the one after it are looked at: a
    /// standalone scalar after the cut does not join the one before it.
    static func prefix(_ text: String, characters limit: Int) -> String {
        // No more bytes than the limit: no more scalars, nor Characters.
        if text.utf8.count <= limit { return text }
        var text = text
        // Where to cut, in bytes; nil when a scalar up to the cut may join another.
        let cut: Int? = text.withUTF8 { bytes in
            var (index, scalars) = (0, 0)
            while index < bytes.count {
                let (value, length) = StandaloneScalars.scalar(in: bytes, at: index)
                guard StandaloneScalars.isStandalone(value) else { return nil }
                if scalars == limit { return index }
                scalars += 1
                index += length
            }
            return index
        }
        guard let cut else { return String(text.prefix(limit)) }
        return cut == text.utf8.count ? text : String(text.utf8.prefix(cut))!
    }

    /// The readable text of a page's HTML: tags dropped, the entities cmark and
    /// the templates write restored, white space folded, cut to `textLimit`
    /// characters. Works on bytes: it runs over every page of the site.
    static func plainText(_ html: String) -> String {
        let entities: [(name: [UInt8], byte: UInt8)] = [
            (Array("lt;".utf8), UInt8(ascii: "<")), (Array("gt;".utf8), UInt8(ascii: ">")),
            (Array("amp;".utf8), UInt8(ascii: "&")), (Array("quot;".utf8), UInt8(ascii: "\"")),
            (Array("#39;".utf8), UInt8(ascii: "'")),
        ]
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(min(bytes.count, textLimit * 3))
        var characters = 0
        var inTag = false
        var lastWasSpace = true
        var index = 0
        func space() {
            if !lastWasSpace { out.append(0x20); characters += 1; lastWasSpace = true }
        }
        while index < bytes.count, characters < textLimit {
            let byte = bytes[index]
            index += 1
            if inTag {
                if byte == UInt8(ascii: ">") { inTag = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "<"):
                inTag = true
                space()
            case 0x20, 0x09, 0x0A, 0x0D:
                space()
            case UInt8(ascii: "&"):
                if let entity = entities.first(where: { bytes[index...].starts(with: $0.name) }) {
                    out.append(entity.byte)
                    index += entity.name.count
                } else {
                    out.append(byte)
                }
                characters += 1
                lastWasSpace = false
            default:
                out.append(byte)
                if byte & 0xC0 != 0x80 { characters += 1 }  // count characters, not continuation bytes
                lastWasSpace = false
            }
        }
        while out.last == 0x20 { out.removeLast() }
        // Cutting may split a character: decoding repairs that with U+FFFD, so drop a broken tail.
        var text = String(decoding: out, as: UTF8.self)
        while text.last == "\u{FFFD}" { text.removeLast() }
        return text
    }
}

/// The numbers of the documents that have a term, in increasing order, kept as
/// the differences between them in 7-bit groups (LEB128): a common term is in
/// nearly every page, so most take one byte instead of four. The shards of
/// 100,000 units held 28 million numbers, 170 MB as arrays of `Int32`.
struct Postings: Sendable {
    private(set) var last: Int32 = -1
    private var bytes: [UInt8] = []

    init() {}

    init(_ numbers: [Int32]) {
        for number in numbers { append(number) }
    }

    /// Adds `number` when it is above the last one (a document counts once).
    mutating func append(_ number: Int32) {
        guard number > last else { return }
        var gap = UInt32(Int64(number) - Int64(last))
        last = number
        while gap >= 0x80 {
            bytes.append(UInt8(gap & 0x7F) | 0x80)
            gap >>= 7
        }
        bytes.append(UInt8(gap))
    }

    func forEach(_ body: (Int32) -> Void) {
        var number: Int64 = -1
        var gap: UInt32 = 0
        var shift: UInt32 = 0
        for byte in bytes {
            gap |= UInt32(byte & 0x7F) << shift
            if byte & 0x80 != 0 {
                shift += 7
                continue
            }
            number += Int64(gap)
            body(Int32(number))
            gap = 0
            shift = 0
        }
    }

    var numbers: [Int32] {
        var numbers: [Int32] = []
        forEach { numbers.append($0) }
        return numbers
    }
}

/// The index of a build without a session, made while its pages are written
/// (the same files as `SearchIndex.writeFiles`): once every page of a chunk of
/// documents is made, the chunk's file is written, its terms are added to the
/// shards (chunks in document order, one thread at a time) and its text is let
/// go of. Held to the end, the documents of 100,000 pages took 150 MB.
final class StreamedSearchIndex: @unchecked Sendable {
    typealias Document = SearchIndex.Document
    private let documentCount: Int
    private let shards: [SearchIndex.Shard]
    private let write: @Sendable (_ path: String, _ bytes: [UInt8]) -> Void
    private let lock = NSLock()
    /// Documents waiting for the rest of their chunk.
    private var waiting: [[Document?]]
    private var missing: [Int]
    /// Chunks' terms waiting for the chunks before them to be added.
    private var sharded: [Int: [SearchIndex.ShardedTerms]] = [:]
    private var nextChunk = 0
    private var adding = false

    init(documents: Int, write: @escaping @Sendable (_ path: String, _ bytes: [UInt8]) -> Void) {
        documentCount = documents
        shards = (0..<SearchIndex.shardCount(documents: documents)).map { _ in SearchIndex.Shard() }
        self.write = write
        missing = (0..<SearchIndex.chunkCount(documents: documents)).map { SearchIndex.chunkRange($0, documents: documents).count }
        waiting = missing.map { [Document?](repeating: nil, count: $0) }
    }

    /// Document `number`, from any thread.
    func add(_ document: Document, number: Int) {
        let perChunk = SearchIndex.documentsPerChunk
        let chunk = number / perChunk
        let complete: [Document]? = lock.withLock {
            waiting[chunk][number % perChunk] = document
            missing[chunk] -= 1
            guard missing[chunk] == 0 else { return nil }
            defer { waiting[chunk] = [] }
            return waiting[chunk].map { $0! }
        }
        guard let complete else { return }
        write("search/d-\(chunk).js", SearchIndex.chunkScript(chunk, of: complete[...]))
        let first = chunk * perChunk
        let groups = stride(from: 0, to: complete.count, by: SearchIndex.termGroup).map { start in
            SearchIndex.ShardedTerms(complete[start..<min(start + SearchIndex.termGroup, complete.count)],
                                     firstDocument: first + start, shards: shards.count)
        }
        // Whoever finds the next chunk's terms ready adds them, and those of the chunks after it that are ready too.
        var next: [SearchIndex.ShardedTerms]? = lock.withLock {
            sharded[chunk] = groups
            guard !adding, let ready = sharded.removeValue(forKey: nextChunk) else { return nil }
            adding = true
            return ready
        }
        while let ready = next {
            for (index, shard) in shards.enumerated() {
                for group in ready { shard.add(group, shard: index) }
            }
            next = lock.withLock {
                nextChunk += 1
                guard let ready = sharded.removeValue(forKey: nextChunk) else {
                    adding = false
                    return nil
                }
                return ready
            }
        }
    }

    /// meta.js and the shards, once every document was added.
    func finish() {
        write("search/meta.js", SearchIndex.metaScript(shards: shards.count, documents: documentCount))
        concurrentForEach(Array(shards.indices)) { index in
            write("search/s-\(index).js", shards[index].script(index))
            shards[index].removeAll()
        }
    }
}

extension SitePlan {
    /// `search/`: the page; the index of every page planned before it is made
    /// while they are written.
    mutating func planSearch() {
        for index in pages.indices where pages[index].address != "404.html" {
            pages[index].inSearch = true
        }
        // Dated by the newest date of what it finds: the narratives' and the data's.
        var content = generatedContent(title: site.strings.search, address: "search/")
        let dataDates = datasetDates().filter { $0.source != .buildDate }.map(\.day)
        listingDated(&content, newest: narrativeByAddress.values.compactMap { Self.lastChanged($0.narrative.frontMatter) } + dataDates)
        pages.append(PlannedPage(address: "search/", template: "search", content: content))
    }

    func searchDocument(_ page: PlannedPage, _ content: PageContent) -> SearchIndex.Document {
        var text = content.summary.map { $0 + " " } ?? ""
            text += SearchIndex.plainText(content.bodyHTML)
            for block in content.blocks where text.utf8.count < SearchIndex.textLimit * 3 {
                text += " " + block.title + (block.note.map { " " + $0 } ?? "")
                if let table = block.table {
                    // The first 50 rows' cells, spaced, appended one by one (no array or joined string per row).
                    text += " "
                    for (index, row) in table.rows.prefix(50).enumerated() {
                        if index > 0 { text += " " }
                        text += row.header.text
                        for cell in row.cells {
                            text += " "
                            text += cell.text
                        }
                    }
                }
            }
        return SearchIndex.Document(
            title: content.title,
            url: site.addresses.link(from: "search/", to: page.address),
            unit: content.org ?? "",
            text: SearchIndex.prefix(text, characters: SearchIndex.textLimit))
    }
}

/// The terms of the documents of the last build, and of this one.
final class SearchTermsCache: @unchecked Sendable {
    private let lock = NSLock()
    private let previous: [SearchIndex.Document: SearchTerms]
    private(set) var current: [SearchIndex.Document: SearchTerms] = [:]

    init(previous: [SearchIndex.Document: SearchTerms]) {
        self.previous = previous
    }

    /// What the last build found, without recording it for the next.
    func previousTerms(of document: SearchIndex.Document) -> SearchTerms? {
        previous[document]
    }

    /// A patched index asked only for its changed documents: the others' terms are kept too.
    func keepUnrequested() {
        lock.withLock { current.merge(previous) { mine, _ in mine } }
    }

    func terms(of document: SearchIndex.Document) -> SearchTerms {
        let terms = previous[document] ?? SearchIndex.termList(document)
        lock.withLock { current[document] = terms }
        return terms
    }
}

/// A session's search index: the last good build's, and this build's.
final class SearchIndexMemo: @unchecked Sendable {
    let previous: SearchIndex.Built?
    var current: SearchIndex.Built?

    init(previous: SearchIndex.Built?) {
        self.previous = previous
    }
}
