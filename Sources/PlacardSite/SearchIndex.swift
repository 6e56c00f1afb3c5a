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
    }

    static let documentsPerChunk = 500
    /// Text indexed and kept for snippets, per page.
    static let textLimit = 1500

    var documents: [Document] = []

    /// Terms of a text: lowercased words, CJK characters and CJK pairs.
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
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return true
        default: return false
        }
    }

    /// Shards grow with the site so each stays small: 1 for a small site, up to 1,024.
    var shardCount: Int {
        var count = 1
        while count < 1024, count * 200 < documents.count { count *= 2 }
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

    static func termList(_ document: Document) -> [String] {
        Array(terms(document.title + " " + document.unit + " " + document.text))
    }

    /// Documents whose terms are found together: enough for every core, few
    /// enough that a large site does not hold every term of every page at once.
    static let termBatch = 2_000

    /// Makes the files under search/ (meta.js, s-N.js: terms to document numbers,
    /// d-N.js: documents) and hands each to `write` as soon as it is made.
    func writeFiles(cache: SearchTermsCache? = nil, _ write: (_ path: String, _ text: String) -> Void) {
        let count = shardCount
        var shards = Array(repeating: [String: [Int]](), count: count)
        // Terms on every core, a batch at a time; numbers go into the shards in
        // document order and the terms are sorted when written, so the files do not vary.
        for start in stride(from: 0, to: documents.count, by: Self.termBatch) {
            let batch = Array(documents[start..<min(start + Self.termBatch, documents.count)])
            let termsOfDocuments = concurrentMap(batch) { document in
                cache?.terms(of: document) ?? Self.termList(document)
            }
            for (offset, terms) in termsOfDocuments.enumerated() {
                for term in terms {
                    shards[Self.shard(of: term, count: count)][term, default: []].append(start + offset)
                }
            }
        }
        let chunks = (documents.count + Self.documentsPerChunk - 1) / Self.documentsPerChunk
        write("search/meta.js", "placardSearch.meta({\"shards\":\(count),\"chunk\":\(Self.documentsPerChunk),\"documents\":\(documents.count),\"chunks\":\(chunks)});\n")
        for index in shards.indices {
            let shard = shards[index]
            let entries = shard.keys.sorted().map { "\(DataTable.jsonString($0)):[\(shard[$0]!.map(String.init).joined(separator: ","))]" }
            write("search/s-\(index).js", "placardSearch.shard(\(index),{\(entries.joined(separator: ","))});\n")
            shards[index] = [:]
        }
        for chunk in 0..<chunks {
            let slice = documents[(chunk * Self.documentsPerChunk)..<min((chunk + 1) * Self.documentsPerChunk, documents.count)]
            let rows = slice.map { "[\(DataTable.jsonString($0.title)),\(DataTable.jsonString($0.url)),\(DataTable.jsonString($0.unit)),\(DataTable.jsonString($0.text))]" }
            write("search/d-\(chunk).js", "placardSearch.docs(\(chunk),[\n\(rows.joined(separator: ",\n"))\n]);\n")
        }
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

extension SitePlan {
    /// `search/`: the page; the index of every page planned before it is made
    /// while they are written.
    mutating func planSearch() {
        for index in pages.indices where pages[index].address != "404.html" {
            pages[index].inSearch = true
        }
        pages.append(PlannedPage(address: "search/", template: "search", content: generatedContent(title: site.strings.search, address: "search/")))
    }

    func searchDocument(_ page: PlannedPage, _ content: PageContent) -> SearchIndex.Document {
        var text = content.summary.map { $0 + " " } ?? ""
            text += SearchIndex.plainText(content.bodyHTML)
            for block in content.blocks where text.utf8.count < SearchIndex.textLimit * 3 {
                text += " " + block.title + (block.note.map { " " + $0 } ?? "")
                if let table = block.table {
                    text += " " + table.rows.prefix(50).map { ([$0.header] + $0.cells).map(\.text).joined(separator: " ") }.joined(separator: " ")
                }
            }
        return SearchIndex.Document(
            title: content.title,
            url: site.addresses.link(from: "search/", to: page.address),
            unit: content.org ?? "",
            text: String(text.prefix(SearchIndex.textLimit)))
    }
}

/// The terms of the documents of the last build, and of this one.
final class SearchTermsCache: @unchecked Sendable {
    private let lock = NSLock()
    private let previous: [SearchIndex.Document: [String]]
    private(set) var current: [SearchIndex.Document: [String]] = [:]

    init(previous: [SearchIndex.Document: [String]]) {
        self.previous = previous
    }

    func terms(of document: SearchIndex.Document) -> [String] {
        let terms = previous[document] ?? SearchIndex.termList(document)
        lock.withLock { current[document] = terms }
        return terms
    }
}
