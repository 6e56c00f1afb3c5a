import Foundation
import Testing

@testable import PlacardSite

/// The example site at the repository root, built with a fixed date, compared
/// byte for byte with Tests/PlacardSiteTests/Golden/example-site/.
/// After an intended change: PLACARD_UPDATE_GOLDEN=1 swift test, then review the diff.
@Test func theExampleSiteMatchesItsGoldenByteForByte() throws {
    let output = try temporaryFolder().appendingPathComponent("Output")
    let result = build(packageRoot, into: output)
    #expect(result.succeeded, "\(result.diagnostics.map(\.description))")
    let golden = testsFolder.appendingPathComponent("Golden/example-site")
    if ProcessInfo.processInfo.environment["PLACARD_UPDATE_GOLDEN"] == "1" {
        try? FileManager.default.removeItem(at: golden)
        try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: output, to: golden)
    }
    let expected = tree(golden)
    #expect(!expected.isEmpty, "no golden at \(golden.path)")
    #expect(differences(tree(output), expected) == [])
}

@Test func twoBuildsGiveIdenticalBytes() throws {
    let folder = try temporaryFolder()
    let first = build(packageRoot, into: folder.appendingPathComponent("one"))
    let second = build(packageRoot, into: folder.appendingPathComponent("two"))
    #expect(first.succeeded && second.succeeded)
    let one = tree(folder.appendingPathComponent("one"))
    #expect(one.count > 10)
    #expect(differences(one, tree(folder.appendingPathComponent("two"))) == [])
}

@Test func privateFieldsAppearNowhereInTheOutput() throws {
    let output = try temporaryFolder().appendingPathComponent("Output")
    #expect(build(packageRoot, into: output).succeeded)
    let people = try String(contentsOf: packageRoot.appendingPathComponent("Content/data/people.csv"), encoding: .utf8)
    // Every phone number of the example's people.csv (the private column).
    let phones = people.split(separator: "\n").dropFirst().compactMap { line -> String? in
        line.split(separator: ",").first { $0.hasPrefix("0543-") || $0.hasPrefix("138") }.map(String.init)
    }
    #expect(!phones.isEmpty)
    for (path, data) in tree(output) {
        let text = String(decoding: data, as: UTF8.self)
        for phone in phones { #expect(!text.contains(phone), "\(phone) published in \(path)") }
    }
}
