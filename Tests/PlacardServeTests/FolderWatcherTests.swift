import Foundation
import Testing

@testable import PlacardServe

/// Counts the bursts of changes a watcher reports for `site`.
private func watch(_ site: URL, log: ChangeLog = ChangeLog()) -> (count: Shared<Int>, task: Task<Void, Never>) {
    let count = Shared(0)
    let changes = FolderWatcher.changes(site: site, log: log)
    let task = Task {
        for await _ in changes { count.update { $0 += 1 } }
    }
    return (count, task)
}

/// A site with only Content/site.yaml, watched from before the return.
private func watchedSite(_ name: String = #function) async throws -> (site: URL, count: Shared<Int>, task: Task<Void, Never>) {
    let site = try temporaryFolder(name)
    try write("title: x\n", to: site.appendingPathComponent("Content/site.yaml"))
    let (count, task) = watch(site)
    // Let the watches be set up before changing anything.
    try await Task.sleep(for: .milliseconds(300))
    return (site, count, task)
}

private func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
}

/// Makes a change once the watcher has been quiet for a while, and waits for a
/// burst after it. Under load one change (a folder and the folder in it) can be
/// reported as two bursts, so each step waits for more bursts than it saw, not a count.
private func change(_ what: String, seen count: Shared<Int>, _ make: () throws -> Void) async throws {
    var before = count.value
    repeat {
        before = count.value
        try await Task.sleep(for: .milliseconds(300))
    } while count.value != before
    try make()
    try await waitUntil(what) { count.value > before }
}

@Test func watchesNewSubfoldersAndTemplatesMadeLater() async throws {
    let (site, count, task) = try await watchedSite()
    defer { task.cancel() }

    try await change("a change to a file", seen: count) { try write("a", to: site.appendingPathComponent("Content/site.yaml")) }
    try await change("a new folder", seen: count) {
        try FileManager.default.createDirectory(at: site.appendingPathComponent("Content/new/deeper"), withIntermediateDirectories: true)
    }
    try await change("a file in the new folder", seen: count) {
        try write("b", to: site.appendingPathComponent("Content/new/deeper/page.md"))
    }
    try await change("Templates/ made after the start", seen: count) {
        try write("c", to: site.appendingPathComponent("Templates/partials/footer.mustache"))
    }
    try await change("a change inside it", seen: count) {
        try write("d", to: site.appendingPathComponent("Templates/partials/footer.mustache"))
    }
}

@Test func ignoresHiddenFilesAndTheRestOfTheSiteFolder() async throws {
    let (site, count, task) = try await watchedSite()
    defer { task.cancel() }

    // An editor's swap file, and the output written beside Content/.
    try write("swap", to: site.appendingPathComponent("Content/.index.md.swp"))
    try write("<p>", to: site.appendingPathComponent("Output/index.html"))
    try write("<p>", to: site.appendingPathComponent(".Output.placard-build-1/index.html"))
    try await Task.sleep(for: .milliseconds(400))
    #expect(count.value == 0)
}

@Test func aBurstOfChangesIsOneChange() async throws {
    let site = try temporaryFolder()
    let log = ChangeLog()
    let (count, task) = watch(site, log: log)
    defer { task.cancel() }
    try FileManager.default.createDirectory(at: site.appendingPathComponent("Content"), withIntermediateDirectories: true)
    try await waitUntil("Content/ made") { count.value == 1 }
    #expect(log.take() == [site.path + "/Content"])
    for index in 0..<20 {
        try write("\(index)", to: site.appendingPathComponent("Content/page-\(index).md"))
    }
    try await waitUntil("the burst") { count.value == 2 }
    try await Task.sleep(for: .milliseconds(300))
    #expect(count.value == 2)
    // Every file of the burst is named, once, for the fast path of the rebuild.
    #expect(log.take() == Set((0..<20).map { site.path + "/Content/page-\($0).md" }))
    #expect(log.take() == [])
}

@Test func pollingSeesChangesToo() async throws {
    let site = try temporaryFolder()
    try write("title: x\n", to: site.appendingPathComponent("Content/site.yaml"))
    let count = Shared(0)
    let log = ChangeLog()
    let task = Task {
        await FolderWatcher.poll(site: site, every: .milliseconds(50)) { paths in
            log.add(paths)
            count.update { $0 += 1 }
        }
    }
    defer { task.cancel() }
    try await Task.sleep(for: .milliseconds(150))
    try write("b", to: site.appendingPathComponent("Content/new/page.md"))
    try await waitUntil("a new file") { count.value >= 1 }
    #expect(log.take()?.contains(site.appendingPathComponent("Content/new/page.md").path) == true)
}
