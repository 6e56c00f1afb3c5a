import Foundation
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
    var files: [(path: String, text: String)] = []
    index.writeFiles { files.append(($0, $1)) }
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
    let pieces = ["a", "Z", "9", " ", "-", "\r\n", "\n", "é", "e\u{301}", "É", "ß", "兌", "現", "，", "İ", "ǅ", "٣", "x\u{20DD}", "_", "'", "Ω", "ｱ", "😀"]
    await propertyCheck(count: 500, input: Gen.int(in: 0...(pieces.count - 1)).array(of: 0...40)) { choices in
        let text = choices.map { pieces[$0] }.joined()
        #expect(SearchIndex.terms(text) == referenceTerms(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }
}
