import Foundation
import Testing

@testable import PlacardSite

/// A site whose data Excel saved in other encodings and with other delimiters
/// builds what the same site in UTF-8 CSV builds: downloads are UTF-8.
@Suite struct DataEncodingTests {
    static let settings = "title: T\nlanguage: en\nlevels:\n  - {id: county, label: County}\n  - {id: township, label: Township}\n"
    static let organisations = "id,name,level,parent\nzhanhua,沾化县,county,\nfuyuan,富源街道,township,zhanhua\n"
    static let measures = "org,year,value\nzhanhua,2024,\"1,5\"\nfuyuan,2024,7\n"

    // 沾化县 D5B4 BBAF CFD8; 富源街道 B8BB D4B4 BDD6 B5C0 (the GB18030 tables, checked with Python's codec).
    static let organisationsGB18030 = Data(Array("id,name,level,parent\r\nzhanhua,".utf8) + [0xD5, 0xB4, 0xBB, 0xAF, 0xCF, 0xD8]
        + Array(",county,\r\nfuyuan,".utf8) + [0xB8, 0xBB, 0xD4, 0xB4, 0xBD, 0xD6, 0xB5, 0xC0] + Array(",township,zhanhua\r\n".utf8))

    /// `measures` as Excel's "Unicode text" saves it: UTF-16LE with a BOM (made with Swift's own `utf16` view), tabs, CRLF.
    static let measuresUnicodeText = Data([0xFF, 0xFE] + "org\tyear\tvalue\r\nzhanhua\t2024\t1,5\r\nfuyuan\t2024\t7\r\n"
        .utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })

    static func write(_ files: [String: Data], in folder: URL) throws {
        for (path, data) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
    }

    @Test func excelsEncodingsAndDelimitersBuildTheUTF8Site() throws {
        let folder = try temporaryFolder()
        let utf8 = folder.appendingPathComponent("utf8"), excel = folder.appendingPathComponent("excel")
        try Self.write(["Content/site.yaml": Data(Self.settings.utf8), "Content/data/organisations.csv": Data(Self.organisations.utf8),
                        "Content/data/measures.csv": Data(Self.measures.utf8)], in: utf8)
        try Self.write([
            "Content/site.yaml": Data((Self.settings + "datasets:\n  organisations: {encoding: gb18030}\n  measures: {delimiter: tab}\n").utf8),
            "Content/data/organisations.csv": Self.organisationsGB18030,
            "Content/data/measures.csv": Self.measuresUnicodeText,
        ], in: excel)
        let expected = build(utf8, into: utf8.appendingPathComponent("Output"))
        let result = build(excel, into: excel.appendingPathComponent("Output"))
        #expect(expected.succeeded && result.succeeded, "\(result.diagnostics.map(\.description))")
        let files = tree(excel.appendingPathComponent("Output"))
        #expect(differences(files, tree(utf8.appendingPathComponent("Output"))) == [])
        // The downloads are UTF-8 (with the CRLF rows of CSV downloads), whatever the source was saved in.
        let download = try #require(files["data/organisations.csv"])
        #expect(String(validating: download, as: UTF8.self)?.contains("zhanhua,沾化县,county") == true)
        #expect(String(validating: try #require(files["data/measures.csv"]), as: UTF8.self)?.contains("\"1,5\"") == true)
    }

    @Test func aBadByteIsOneErrorAndThePreviousOutputStays() throws {
        let placard = packageRoot.appendingPathComponent(".build/debug/placard").path
        try #require(FileManager.default.isExecutableFile(atPath: placard), "build the placard binary first (swift build)")
        let folder = try temporaryFolder()
        let site = folder.appendingPathComponent("site"), output = folder.appendingPathComponent("Output")
        let people = "id,name,org\nli,李明,zhanhua\nwang,王芳,fuyuan\n"
        try Self.write(["Content/site.yaml": Data((Self.settings + "encoding: gb18030\n").utf8),
                        "Content/data/organisations.csv": Self.organisationsGB18030,
                        "Content/data/people.csv": Data(people.utf8)], in: site)
        func placardBuild() throws -> (status: Int32, stderr: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: placard)
            process.arguments = ["build", site.path, "--output", output.path, "--now", "2026-01-01"]
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        #expect(try placardBuild().status == 0)
        let before = tree(output)
        #expect(before["orgs/zhanhua/index.html"] != nil)

        // 0x80 alone is no GB18030 character: line 3, after 'fuyuan,' and 富源.
        var broken = Self.organisationsGB18030
        broken[broken.range(of: Data([0xBD, 0xD6]))!] = Data([0x80, 0xD6])
        try broken.write(to: site.appendingPathComponent("Content/data/organisations.csv"))
        let failed = try placardBuild()
        #expect(failed.status != 0)
        // One error, first and alone: no 'unknown organisation' for the people of the unreadable file.
        let lines = failed.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "Content/data/organisations.csv:3:10: error: the file is not valid GB18030 text, the encoding declared for it in site.yaml (bytes 0x80 0xD6)")
        #expect(lines.filter { $0.contains("error:") }.count == 1, "\(lines)")
        #expect(differences(tree(output), before) == [])
    }
}
