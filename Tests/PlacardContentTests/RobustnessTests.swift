import Foundation
import Testing
@testable import PlacardContent
import PlacardDiagnostics

/// Broken input of every kind must give diagnostics, never a crash.
@Suite struct RobustnessTests {
    /// A small deterministic generator, so a failure can be replayed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state ^ (state >> 33)
        }
    }

    static let pieces: [String] = ["[", "]", "{", "}", ":", ",", "-", "\"", "'", "\n", "\r\n", "\t", "#", "&a", "*a", "!", "|", ">",
                                   "?", "\\", "\\u", "1e99999", "-0.5", "true", "null", "~", "沾化", "\u{0}", "\u{FEFF}", " ", "  ", "...", "---",
                                   "id", "org", "parent", "facts.residents", "count", "2009-13-45", "1" + String(repeating: "9", count: 60)]

    static func mutate(_ text: String, _ random: inout Generator) -> String {
        var scalars = Array(text.unicodeScalars)
        for _ in 0..<Int.random(in: 1...6, using: &random) {
            let at = Int.random(in: 0...scalars.count, using: &random)
            switch Int.random(in: 0..<3, using: &random) {
            case 0: scalars.insert(contentsOf: pieces.randomElement(using: &random)!.unicodeScalars, at: at)
            case 1 where !scalars.isEmpty:
                let end = min(scalars.count, at + Int.random(in: 1...8, using: &random))
                if at < end { scalars.removeSubrange(at..<end) }
            default:
                let end = min(scalars.count, at + Int.random(in: 1...20, using: &random))
                if at < end { scalars.insert(contentsOf: scalars[at..<end], at: at) }
            }
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }

    @Test func mutatedTextInEveryReader() {
        var random = Generator(state: 20091231)
        let yaml = FigureCheckTests.tongren
        let json = #"[{"id": "zhanhua", "name": {"zh-Hant": "沾化縣", "en": "Zhanhua"}, "facts": {"residents": 4200}, "rate": 81.45}]"#
        let csv = "id,name,parent,facts.residents\r\nzhanhua,沾化縣,,\r\nfuyuan,\"富源, \"\"街道\"\"\",zhanhua,4200\r\n"
        for _ in 0..<400 {
            var diagnostics = Diagnostics()
            _ = YAMLReader.parse(Self.mutate(yaml, &random), file: "f.yaml", diagnostics: &diagnostics)
            let mutated = Self.mutate(json, &random)
            let whole = JSONReader.parse(mutated, file: "f.json", diagnostics: &diagnostics)
            // Objects kept as places read again as the maps first read.
            var again = Diagnostics()
            let kept = JSONReader.records(mutated, file: "f.json", diagnostics: &again)
            #expect(kept.map(LargeDataTests.fullDump) == whole.map(LargeDataTests.fullDump), "\(mutated.debugDescription)")
            _ = CSVReader.records(Self.mutate(csv, &random), file: "f.csv", diagnostics: &diagnostics)
            #expect(diagnostics.all.allSatisfy { !$0.location.file.isEmpty })
        }
    }

    @Test func randomBytesAreDecodedOrRejected() {
        var random = Generator(state: 117)
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0...64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            var diagnostics = Diagnostics()
            let text = TextFile.decode(Data(bytes), file: "f", diagnostics: &diagnostics)
            #expect((text == nil) == diagnostics.hasErrors)
        }
    }

    @Test func mutatedSitesLoad() {
        var random = Generator(state: 6891)
        let files = [
            "Content/data/organisations.csv": "id,name,level,parent,facts.residents\nzhanhua,沾化縣,county,,\nfuyuan,富源,township,zhanhua,4200\n",
            "Content/data/commitments.yaml": "- {id: c1, org: fuyuan, year: 2009, text: 道路, status: fulfilled, fulfilled_on: 2009-11-01, quantity: 6.9}\n",
            "Content/data/commitment-updates.json": #"[{"commitment": "c1", "date": "2009-11-01", "status": "fulfilled"}]"#,
            "Content/data/funding.yaml": "- {year: 2009, org: fuyuan, rate: 1.5, per: residents, amount: 6300}\n",
            "Content/data/evaluations.csv": "org,year,group,satisfied,total\nfuyuan,2009,黨員,45,50\n",
            "Content/data/surveys/tongren.yaml": FigureCheckTests.tongren,
            "Content/data/assessments/towns.yaml": "title: T\nlevel: township\ncomponents: [{id: a, weight: 100}]\nscores: [{org: fuyuan, component: a, score: 90}]\n",
        ]
        for _ in 0..<25 {
            var mutated = files
            for key in files.keys where Bool.random(using: &random) { mutated[key] = Self.mutate(files[key]!, &random) }
            let settings = Self.mutate(TestSite.defaultSettings, &random)
            _ = TestSite(mutated, settings: settings).load()
        }
    }

    @Test func outOfRangeNumbersAreErrors() {
        let site = TestSite(["Content/data/funding.yaml": "- {year: 2009, org: a, rate: 1e40, per: residents, amount: 1e-45}\n",
                             "Content/data/organisations.yaml": "- {id: a, name: A, facts: {residents: 1e40}}\n"])
        #expect(site.load().messages == [
            "Content/data/funding.yaml:1:60: error: field 'amount' is out of range: 1e-45",
        ])
        #expect(DecimalLiteral.decimal("1e41") == nil && DecimalLiteral.decimal("1e40") != nil)
    }
}

/// Narratives and static files are the regular files under Content/: hidden
/// ones are skipped and links are not followed, to a file or a folder, inside or out.
@Test func theContentFolderIsWalkedWithoutHiddenFilesOrLinks() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("placard-walk-\(getpid())")
    try? FileManager.default.removeItem(at: root)
    defer { try? FileManager.default.removeItem(at: root) }
    let content = root.appendingPathComponent("Content")
    for path in ["a.md", "sub/b.md", "sub/deeper/c.pdf", ".hidden.md", ".git/x.md", "sub/.d.md"] {
        let url = content.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: url)
    }
    try FileManager.default.createDirectory(at: root.appendingPathComponent("outside"), withIntermediateDirectories: true)
    try Data("secret".utf8).write(to: root.appendingPathComponent("outside/secret.md"))
    try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("out.md").path, withDestinationPath: "../outside/secret.md")
    try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("in.md").path, withDestinationPath: "a.md")
    try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("folder").path, withDestinationPath: "../outside")
    #expect(FileTree.regularFiles(under: content.path).sorted() == ["a.md", "sub/b.md", "sub/deeper/c.pdf"])
    #expect(FileTree.regularFiles(under: root.appendingPathComponent("missing").path) == [])
}

@Test func dayBoundsAreWrittenAsStringFormatWritesThem() {
    for (year, month, day) in [(2009, 1, 5), (12, 12, 31), (0, 1, 1), (10_000, 2, 29), (-5, 3, 4), (987, 10, 9)] {
        #expect(ISODate.day(year, month, day) == String(format: "%04d-%02d-%02d", year, month, day))
    }
}
