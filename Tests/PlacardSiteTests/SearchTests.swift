import Foundation
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
    for n in 0..<1_001 {
        index.documents.append(.init(title: "Page \(n)", url: "../p\(n)/", unit: "", text: "text \(n)"))
    }
    let files = index.files()
    #expect(index.shardCount == 8)
    #expect(files.filter { $0.path.hasPrefix("search/s-") }.count == 8)
    #expect(files.filter { $0.path.hasPrefix("search/d-") }.map(\.path) == ["search/d-0.js", "search/d-1.js", "search/d-2.js"])
    #expect(files.first { $0.path == "search/meta.js" }?.text == "placardSearch.meta({\"shards\":8,\"chunk\":500,\"documents\":1001,\"chunks\":3});\n")
    // Every page's own number is found under its title's term, in the shard the term hashes to.
    let shard = SearchIndex.shard(of: "1000", count: 8)
    #expect(files.first { $0.path == "search/s-\(shard).js" }!.text.contains("\"1000\":[1000]"))
}

@Test func pageTextLosesItsTagsAndKeepsItsCharacters() {
    #expect(SearchIndex.plainText("<p>A &amp; B</p>\n<ul><li>&lt;x&gt;</li></ul>") == "A & B <x>")
}
