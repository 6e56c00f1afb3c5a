import Foundation
import Testing

@testable import placard_bench

/// The benchmark moves what it is done with aside instead of deleting it before
/// a timed run; everything set aside goes when it is emptied, and nothing else.
@Test func foldersSetAsideLeaveTheirPlaceAndGoOnlyWhenEmptied() throws {
    let fileManager = FileManager.default
    let work = fileManager.temporaryDirectory.appendingPathComponent("placard-set-aside-\(UUID().uuidString)")
    defer { try? fileManager.removeItem(at: work) }
    let output = work.appendingPathComponent("10/placard-out")
    let kept = work.appendingPathComponent("10/placard")
    for folder in [output.appendingPathComponent("s000"), kept] {
        try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
    }
    try Data("<p>page</p>".utf8).write(to: output.appendingPathComponent("s000/index.html"))

    let setAside = SetAside(in: work)
    setAside.move(output)
    #expect(!fileManager.fileExists(atPath: output.path))
    let moved = try fileManager.contentsOfDirectory(atPath: setAside.folder.path)
    #expect(moved.count == 1)
    #expect(try String(contentsOf: setAside.folder.appendingPathComponent("\(moved[0])/s000/index.html"), encoding: .utf8) == "<p>page</p>")

    // A second output at the same path is set aside beside the first; a missing one is nothing to do.
    try fileManager.createDirectory(at: output, withIntermediateDirectories: true)
    setAside.move(output)
    setAside.move(work.appendingPathComponent("no-such-folder"))
    #expect(try fileManager.contentsOfDirectory(atPath: setAside.folder.path).count == 2)

    setAside.deleteAll()
    #expect(!fileManager.fileExists(atPath: setAside.folder.path))
    #expect(fileManager.fileExists(atPath: kept.path))
}
