import Foundation
import PlacardDiagnostics
import PropertyBased
import Testing

@testable import PlacardSite

@Test func chineseIsIndexedAsCharactersAndPairsAndLatinAsLowercasedWords() {
    #expect(SearchIndex.terms("兌現率 Cold-Store 2009") == ["兌", "現", "率", "兌現", "現率", "cold", "store", "2009"])
    // Pairs do not cross a break between runs of Chinese.
    #expect(!SearchIndex.terms("西關，村").contains("關村"))
}

@Test func shardsFollowFNV1aSoTheBrowserFindsTheSameShard() {
    // FNV-1a of "a" is 0xE40C292C; search.js computes the same over UTF-8 bytes.
    #expect(SearchIndex.shard(of: "a", count: 1 << 30) == Int(0xE40C292C % UInt32(1 << 30)))
    #expect(SearchIndex.shard(of: "兌現", count: 1) == 0)
}

@Test func theIndexIsSplitAsTheSiteGrows() {
    var index = SearchIndex()
    // More documents than one batch of terms, so numbers must carry across batches.
    for n in 0..<2_501 {
        index.documents.append(.init(title: "Page \(n)", url: "../p\(n)/", unit: "", text: "text \(n)"))
    }
    let files = writtenFiles(index)
    #expect(index.shardCount == 16)
    #expect(files.filter { $0.path.hasPrefix("search/s-") }.count == 16)
    #expect(files.filter { $0.path.hasPrefix("search/d-") }.map(\.path) == (0..<6).map { "search/d-\($0).js" })
    #expect(files.first { $0.path == "search/meta.js" }?.text == "placardSearch.meta({\"shards\":16,\"chunk\":500,\"documents\":2501,\"chunks\":6});\n")
    // Every page's own number is found under its title's term, in the shard the term hashes to.
    for n in [0, 1999, 2000, 2500] {
        let shard = SearchIndex.shard(of: "\(n)", count: 16)
        #expect(files.first { $0.path == "search/s-\(shard).js" }!.text.contains("\"\(n)\":[\(n)]"))
    }
    // "page" is in every title: its list is every number in order.
    let page = files.first { $0.path == "search/s-\(SearchIndex.shard(of: "page", count: 16)).js" }!.text
    #expect(page.contains("\"page\":[\((0..<2_501).map(String.init).joined(separator: ","))]"))
}

@Test func pageTextLosesItsTagsAndKeepsItsCharacters() {
    #expect(SearchIndex.plainText("<p>A &amp; B</p>\n<ul><li>&lt;x&gt;</li></ul>") == "A & B <x>")
}

/// The terms as first written (a Character at a time, no ASCII shortcut): the
/// shortcut must give exactly these, or search.js would look for other terms.
private func referenceTerms(_ text: String) -> Set<String> {
    var terms = Set<String>()
    var word = ""
    var previousCJK: Character?
    for character in text {
        if SearchIndex.isCJK(character) {
            if !word.isEmpty { terms.insert(word); word = "" }
            terms.insert(String(character))
            if let previous = previousCJK { terms.insert(String([previous, character])) }
            previousCJK = character
        } else if character.isLetter || character.isNumber {
            previousCJK = nil
            word += character.lowercased()
        } else {
            previousCJK = nil
            if !word.isEmpty { terms.insert(word); word = "" }
        }
    }
    if !word.isEmpty { terms.insert(word) }
    return terms
}

@Test func termsAreTheSameWithTheASCIIShortcut() async {
    await propertyCheck(count: 500, input: Gen.int(in: 0...(termPieces.count - 1)).array(of: 0...40)) { choices in
        let text = choices.map { termPieces[$0] }.joined()
        #expect(SearchIndex.terms(text) == referenceTerms(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }
}

/// Letters, marks that join the letter before them, CJK and its punctuation,
/// kana with a sound mark, a variation selector, Hangul with a trailing jamo.
let termPieces = [
    "a", "Z", "9", " ", "-", "\r\n", "\n", "é", "e\u{301}", "É", "ß", "兌", "現", "，", "İ", "ǅ", "٣", "x\u{20DD}", "_", "'", "Ω", "ｱ",
    "😀", "。", "「", "」", "、", "〇", "々", "Ａ", "１", "—", "…", "“", "−", "か", "\u{3099}", "葛\u{E0100}", "漢\u{FE00}", "한", "\u{11A8}", "\u{302A}", "ü",
]

@Test func termsReadByScalarAreTheTermsReadByCharacter() async {
    await propertyCheck(count: 1000, input: Gen.int(in: 0...(termPieces.count - 1)).array(of: 0...40)) { choices in
        let text = choices.map { termPieces[$0] }.joined()
        let terms = SearchTerms(of: text)
        #expect(terms.strings == referenceTerms(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        #expect(Set(terms.codes).count == terms.codes.count && Set(terms.words).count == terms.words.count, "a term is kept twice")
    }
    #expect(SearchTerms(of: "兌現率 Cold-Store 2009").codes.count == 5)
    // 兌, 現, 兌現, 現兌: each once, however often it occurs; words in the order first met.
    let repeated = SearchTerms(of: String(repeating: "兌現 cold Cold store ", count: 50))
    #expect(repeated.codes.count == 3 && repeated.words == ["cold", "store"])
    #expect(Set(SearchTerms(of: "兌現率 Cold-Store 2009").words) == ["2009", "cold", "store"])
}

/// The scalar reading is right only if each of these scalars is a Character of its own
/// beside any other: checked for every pair, and beside ASCII and CJK.
@Test func standaloneScalarsNeverJoinTheirNeighbours() {
    var scalars = StandaloneScalars.ranges.flatMap { $0.map { Unicode.Scalar($0)! } }
    scalars += (0x3040...0x30FF).filter { !StandaloneScalars.kanaSoundMarks.contains($0) }.map { Unicode.Scalar($0)! }
    scalars += [0x20, 0x41, 0x7A, 0x0A, 0x0D, 0x4E00, 0x9FFF, 0xAC00, 0xD7A3, 0x20000].map { Unicode.Scalar($0)! }
    var joined: [String] = []
    for first in scalars {
        for second in scalars {
            var text = ""
            text.unicodeScalars.append(first)
            text.unicodeScalars.append(second)
            if text.count != 2 { joined.append("\(String(first.value, radix: 16)) \(String(second.value, radix: 16))") }
        }
    }
    #expect(joined == ["d a"])  // CR LF, both separators either way
}

@Test func shardFilesAreThoseOfTheStringTerms() {
    var index = SearchIndex()
    let words = ["兌現", "承諾", "村委會", "Cold", "store", "年度", "滿意度", "公示", "é", "2024"]
    for n in 0..<2_300 {
        let text = (0..<12).map { words[($0 * 7 + n * 3) % words.count] }.joined(separator: n % 2 == 0 ? "，" : " ")
        index.documents.append(.init(title: "第\(n)頁", url: "../p\(n)/", unit: "", text: text))
    }
    let shards = index.shardCount
    // The shards as first written: string terms, one dictionary.
    var expected = Array(repeating: [String: [Int]](), count: shards)
    for (number, document) in index.documents.enumerated() {
        for term in referenceTerms(document.title + " " + document.unit + " " + document.text) {
            expected[SearchIndex.shard(of: term, count: shards)][term, default: []].append(number)
        }
    }
    let files = writtenFiles(index)
    for (shard, terms) in expected.enumerated() {
        let entries = terms.keys.sorted().map { "\(DataTable.jsonString($0)):[\(terms[$0]!.map(String.init).joined(separator: ","))]" }
        #expect(files.first { $0.path == "search/s-\(shard).js" }?.text == "placardSearch.shard(\(shard),{\(entries.joined(separator: ","))});\n")
    }
}

/// The files `writeFiles` hands over (from several threads), by path.
func writtenFiles(_ index: SearchIndex) -> [(path: String, text: String)] {
    writtenFilesAndChanges(index).map { ($0.path, $0.text) }
}

/// The files `writeFiles` hands over, with whether each changed since `previous`.
func writtenFilesAndChanges(
    _ index: SearchIndex, previous: SearchIndex.Built? = nil, cache: SearchTermsCache? = nil, built: ((SearchIndex.Built?) -> Void)? = nil
) -> [(path: String, changed: Bool, text: String)] {
    let lock = NSLock()
    nonisolated(unsafe) var files: [(path: String, changed: Bool, text: String)] = []
    let result = index.writeFiles(cache: cache, previous: previous, keep: built != nil) { path, changed, text in
        let made = String(decoding: text(), as: UTF8.self)
        lock.withLock { files.append((path, changed, made)) }
    }
    built?(result)
    return files.sorted { $0.path < $1.path }
}

@Test func aPatchedIndexIsTheIndexBuiltAnewAndRewritesOnlyWhatChanged() {
    var index = SearchIndex()
    for n in 0..<1_200 {
        index.documents.append(.init(title: "第\(n)頁", url: "../p\(n)/", unit: "", text: "兌現承諾 page \(n % 7)"))
    }
    var built: SearchIndex.Built?
    _ = writtenFilesAndChanges(index, built: { built = $0 })
    // Three pages change: new words and characters in, old ones out.
    index.documents[5].text = "滿意度調查 survey"
    index.documents[600].text = "兌現 page 3 extra"
    index.documents[1_199].title = "最後"
    let patched = writtenFilesAndChanges(index, previous: built, built: { _ in })
    let fresh = writtenFiles(index)
    #expect(patched.map(\.path) == fresh.map(\.path))
    #expect(patched.map(\.text) == fresh.map(\.text))
    // The chunks of documents 0-499, 500-999 and 1000-1199; a few shards, not all 8.
    #expect(patched.filter { $0.changed && $0.path.hasPrefix("search/d-") }.map(\.path) == ["search/d-0.js", "search/d-1.js", "search/d-2.js"])
    let changedShards = patched.filter { $0.changed && $0.path.hasPrefix("search/s-") }.count
    #expect(changedShards > 0 && changedShards < index.shardCount)
    // Unchanged files are the same bytes as before.
    let before = writtenFiles(SearchIndex(documents: built!.documents))
    for file in patched where !file.changed {
        #expect(before.first { $0.path == file.path }?.text == file.text)
    }
}

/// A JSON string as first written, a Unicode scalar at a time.
func referenceJSON(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case "<": result += "\\u003c"
        default:
            if scalar.value < 0x20 { result += String(format: "\\u%04x", scalar.value) } else { result.unicodeScalars.append(scalar) }
        }
    }
    return result + "\""
}

/// Escaping as first written, a Unicode scalar at a time.
func referenceXML(_ text: String) -> String {
    var result = ""
    for character in text.unicodeScalars {
        switch character {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        case "'": result += "&#39;"
        default:
            let v = character.value
            if v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v) || v >= 0x10000 {
                result.unicodeScalars.append(character)
            }
        }
    }
    return result
}

@Test func escapingOnBytesGivesWhatEscapingByScalarGave() async {
    let pieces = ["a", "&", "<", ">", "\"", "'", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "\u{85}", "é", "兌", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "\u{FEFF}", "\u{EFBF}", "😀", "\u{2028}"]
    await propertyCheck(count: 500, input: Gen.int(in: 0...(pieces.count - 1)).array(of: 0...30)) { choices in
        let text = choices.map { pieces[$0] }.joined()
        #expect(Escaping.xml(text) == referenceXML(text))
        var bytes: [UInt8] = []
        Escaping.appendJSONString(text, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == referenceJSON(text))
    }
}

@Test func cuttingByScalarsCutsWhereCuttingByCharactersCuts() async {
    await propertyCheck(count: 500, input: Gen.int(in: 0...(termPieces.count - 1)).array(of: 0...40)) { choices in
        let text = choices.map { termPieces[$0] }.joined()
        for limit in [0, 1, 7, 30] {
            #expect(SearchIndex.prefix(text, characters: limit) == String(text.prefix(limit)))
        }
    }
}

@Test func documentNumbersAreWrittenAsTheirDigits() {
    for number: Int32 in [0, 7, 10, 99, 100, 123_456, 1_000_000, Int32.max] {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        SearchIndex.Shard.appendDigits(of: number, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "[\(number)")
    }
}

/// A build without a session makes its index while pages are written, its
/// documents arriving in any order from several threads: the files are those
/// the whole index gives, and every chunk, shard and meta.js is written once.
@Test func anIndexMadeWhilePagesAreWrittenHasTheSameFiles() {
    var index = SearchIndex()
    let words = ["兌現", "承諾", "村委會", "Cold", "store", "年度", "滿意度", "公示", "é", "2024"]
    for n in 0..<2_345 {
        let text = (0..<9).map { words[($0 * 5 + n * 7) % words.count] }.joined(separator: n % 3 == 0 ? "，" : " ")
        index.documents.append(.init(title: "第\(n)頁", url: "../p\(n)/", unit: n % 4 == 0 ? "t\(n % 9)" : "", text: text))
    }
    let expected = writtenFiles(index).sorted { $0.path < $1.path }
    let files = Files()
    let stream = StreamedSearchIndex(documents: index.documents.count) { path, bytes in
        files.add(path, String(decoding: bytes, as: UTF8.self))
    }
    // Documents out of order (7,919 is prime, so this is every number once), on every core.
    let count = index.documents.count
    let order = (0..<count).map { ($0 * 7_919) % count }
    let documents = index.documents
    concurrentForEach(order) { stream.add(documents[$0], number: $0) }
    stream.finish()
    let written = files.all.sorted { $0.path < $1.path }
    #expect(written.map(\.path) == expected.map(\.path))
    #expect(written.map(\.text) == expected.map(\.text))
    #expect(written.count == 1 + index.shardCount + 5)  // meta.js, the shards, 5 chunks of 500
}

private final class Files: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [(path: String, text: String)] = []
    func add(_ path: String, _ text: String) { lock.withLock { files.append((path, text)) } }
    var all: [(path: String, text: String)] { lock.withLock { files } }
}

/// Document numbers kept as differences in 7-bit groups read back as they went
/// in: gaps of one byte, of several (127/128, 16383/16384) and the largest.
@Test func postingsKeepEveryNumberInOrder() {
    var numbers: [Int32] = [0, 1, 2, 129, 130, 258, 16_641, 16_642, 1_000_000, Int32.max - 1, Int32.max]
    var postings = Postings(numbers)
    #expect(postings.numbers == numbers)
    postings.append(Int32.max)  // a document counts once
    #expect(postings.numbers == numbers)
    numbers = Array(stride(from: Int32(3), to: 300_000, by: 7))
    #expect(Postings(numbers).numbers == numbers)
    #expect(Postings([]).numbers == [])
    #expect(Postings([Int32.max]).numbers == [Int32.max])
}
