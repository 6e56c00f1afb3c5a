import Foundation
import Testing

@testable import PlacardSite

#if canImport(Glibc)
import Glibc
#endif

// `placard verify` end to end: the built binary run on folders made here, its
// standard output, standard error and exit status compared exactly.

/// What the binary said and how it ended.
private struct Run: Equatable {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the built `placard` with a deadline: a run that hangs (on a fifo, say) is
/// killed and fails the test instead of hanging it.
private func placard(_ arguments: [String], seconds: Double = 60, asNobody: Bool = false) throws -> Run {
    let executable = packageRoot.appendingPathComponent(".build/debug/placard").path
    try #require(FileManager.default.isExecutableFile(atPath: executable), "build the placard binary first (swift build)")
    let process = Process()
    if asNobody {
        // Root reads every file: the run drops to user and group 65534 (nobody).
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", executable] + arguments
    } else {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
    }
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    let finished = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in finished.signal() }
    try process.run()
    // Read both pipes while it runs, so a full pipe cannot stall it.
    let collected = Shared<(Data, Data)>((Data(), Data()))
    let readers = DispatchGroup()
    for (index, pipe) in [output, errors].enumerated() {
        readers.enter()
        Thread.detachNewThread {
            let data = readToEnd(pipe.fileHandleForReading.fileDescriptor)
            collected.update { if index == 0 { $0.0 = data } else { $0.1 = data } }
            readers.leave()
        }
    }
    if finished.wait(timeout: .now() + seconds) == .timedOut {
        process.terminate()
        Issue.record("placard \(arguments.joined(separator: " ")) did not finish within \(seconds) s")
    }
    readers.wait()
    let (out, err) = collected.value
    return Run(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
}

/// Everything until end of file, retrying a read interrupted by a signal (FileHandle's
/// readDataToEndOfFile traps on EINTR, which the tests' child processes can cause).
private func readToEnd(_ descriptor: Int32) -> Data {
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = read(descriptor, &buffer, buffer.count)
        if count < 0, errno == EINTR { continue }
        if count <= 0 { return data }
        data.append(contentsOf: buffer[..<count])
    }
}

private final class Shared<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func update(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}

private let shippedNote = "placard: note: checked against the manifest inside the copy, which proves only that the copy is what that manifest lists, not that it is what you built: whoever can change the files can change the manifest. Keep the build's manifest.sha256 elsewhere and pass it with --manifest FILE.\n"

// SHA-256 of "a", "b", "c" and "d" (from sha256sum).
private let digestA = "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"
private let digestB = "3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d"
private let digestC = "2e7d2c03a9507ae265ecf5b5356885a53393a2029d241394997265a1a25aefc6"
private let digestD = "18ac3e7343f016890c510e93f935261169d9e3f565436429830faf0934f4f8e4"

/// A copy of a site: `index.html` ("a") and `css/site.css` ("b"), and its manifest written by hand.
private func makeCopy(_ folder: URL) throws {
    try makeSite(["index.html": "a", "css/site.css": "b"], in: folder)
    try Data("\(digestB)  css/site.css\n\(digestA)  index.html\n".utf8).write(to: folder.appendingPathComponent("manifest.sha256"))
}

private func makeFifo(_ url: URL) throws {
    try #require(mkfifo(url.path, 0o644) == 0, "mkfifo \(url.path)")
}

@Test func verifyPassesAnExactCopyAndSaysWhatAShippedManifestProves() throws {
    let copy = try temporaryFolder().appendingPathComponent("copy")
    try makeCopy(copy)
    #expect(try placard(["verify", copy.path]) == Run(status: 0, stdout: "", stderr: shippedNote + "placard: \(copy.path) matches its own manifest.sha256\n"))
}

@Test func verifyReportsASymlinkAddedToTheCopyWithoutFollowingIt() throws {
    let folder = try temporaryFolder()
    let copy = folder.appendingPathComponent("copy")
    try makeCopy(copy)
    try FileManager.default.createSymbolicLink(atPath: copy.appendingPathComponent("evil.html").path, withDestinationPath: "/etc/passwd")
    // A listed file replaced by a link to a file with the very same bytes.
    try Data("a".utf8).write(to: folder.appendingPathComponent("outside.html"))
    try FileManager.default.removeItem(at: copy.appendingPathComponent("index.html"))
    try FileManager.default.createSymbolicLink(atPath: copy.appendingPathComponent("index.html").path, withDestinationPath: "../outside.html")
    let run = try placard(["verify", copy.path])
    #expect(run == Run(status: 1, stdout: """
        not a regular file: evil.html (symbolic link)
        not a regular file: index.html (symbolic link)

        """, stderr: shippedNote))
}

@Test func verifyNeverOpensAManifestPathThatLeadsOutOfTheFolder() throws {
    let folder = try temporaryFolder()
    let copy = folder.appendingPathComponent("copy")
    try makeCopy(copy)
    // The sentinel is a fifo: opening it to read would wait for a writer, and the run would be killed.
    let sentinel = folder.appendingPathComponent("sentinel")
    try makeFifo(sentinel)
    // inotify sees any open of it, by anyone.
    let watcher = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
    try #require(watcher >= 0)
    defer { close(watcher) }
    try #require(inotify_add_watch(watcher, sentinel.path, UInt32(IN_OPEN | IN_ACCESS)) >= 0)
    try FileManager.default.createSymbolicLink(atPath: copy.appendingPathComponent("up").path, withDestinationPath: "..")
    let lines = [
        "\(digestA)  ../sentinel", "\(digestA)  \(sentinel.path)", "\(digestA)  up/sentinel", "\(digestA)  css//site.css",
        "\(digestA)  ./index.html", "\(digestB)  css/site.css", "\(digestA)  index.html", "\(digestA)  css/../../sentinel",
    ]
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: copy.appendingPathComponent("manifest.sha256"))
    let run = try placard(["verify", copy.path])
    #expect(run == Run(status: 1, stdout: """
        unsafe path in manifest: ../sentinel
        unsafe path in manifest: ./index.html
        unsafe path in manifest: \(sentinel.path)
        unsafe path in manifest: css/../../sentinel
        unsafe path in manifest: css//site.css
        not a regular file: up (symbolic link)
        unsafe path in manifest: up/sentinel

        """, stderr: shippedNote))
    var buffer = [UInt8](repeating: 0, count: 4096)
    #expect(read(watcher, &buffer, buffer.count) == -1 && errno == EAGAIN, "the sentinel outside the folder was opened")

    // The parsing function the build uses refuses such a manifest at its first unsafe line.
    #expect(throws: ManifestError(line: 1, message: "unsafe path in manifest: ../sentinel")) {
        try Manifest.entries(in: lines.joined(separator: "\n"))
    }
}

@Test func verifyReportsFifosAndFoldersWithoutOpeningThem() throws {
    let copy = try temporaryFolder().appendingPathComponent("copy")
    try makeCopy(copy)
    try makeFifo(copy.appendingPathComponent("pipe"))
    // A listed file replaced by a fifo: opened to be hashed, the run would hang.
    try FileManager.default.removeItem(at: copy.appendingPathComponent("index.html"))
    try makeFifo(copy.appendingPathComponent("index.html"))
    try FileManager.default.removeItem(at: copy.appendingPathComponent("css/site.css"))
    try FileManager.default.createDirectory(at: copy.appendingPathComponent("css/site.css"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: copy.appendingPathComponent("empty"), withIntermediateDirectories: true)
    let run = try placard(["verify", copy.path])
    #expect(run == Run(status: 1, stdout: """
        not a regular file: css/site.css (folder)
        added: empty/
        not a regular file: index.html (fifo)
        not a regular file: pipe (fifo)

        """, stderr: shippedNote))
}

@Test func aNameWithANewlineIsEscapedAsSha256sumDoesAndCannotForgeALine() throws {
    let folder = try temporaryFolder()
    let copy = folder.appendingPathComponent("copy")
    let names = ["a\nb.html", "back\\slash.html", "cr\rname.html", "plain name.html"]
    for (name, content) in zip(names, ["a", "b", "c", "d"]) {
        try makeSite([name: content], in: copy)
    }
    try Manifest.write(["a\nb.html": digestA, "back\\slash.html": digestB, "cr\rname.html": digestC, "plain name.html": digestD], in: copy)
    let manifest = try Data(contentsOf: copy.appendingPathComponent("manifest.sha256"))
    // As GNU sha256sum 9 writes it.
    #expect(String(decoding: manifest, as: UTF8.self) == """
        \\\(digestA)  a\\nb.html
        \\\(digestB)  back\\\\slash.html
        \\\(digestC)  cr\\rname.html
        \(digestD)  plain name.html

        """)
    #expect(try Manifest.entries(in: String(decoding: manifest, as: UTF8.self)).map(\.path) == names)
    #expect(try placard(["verify", copy.path]).status == 0)

    // The real sha256sum reads it, when there is one.
    if let sha256sum = ["/usr/bin/sha256sum", "/bin/sha256sum"].first(where: FileManager.default.isExecutableFile(atPath:)) {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: sha256sum)
        check.arguments = ["--strict", "-c", "manifest.sha256"]
        check.currentDirectoryURL = copy
        check.standardOutput = FileHandle.nullDevice
        try check.run()
        check.waitUntilExit()
        #expect(check.terminationStatus == 0, "sha256sum -c manifest.sha256")
    }

    // A file added with a newline in its name is one line, escaped, not two.
    try makeSite(["evil\nchanged: index.html": "x"], in: copy)
    #expect(try placard(["verify", copy.path]) == Run(status: 1, stdout: "added: evil\\nchanged: index.html\n", stderr: shippedNote))
}

@Test func verifyChecksAgainstAManifestKeptElsewhere() throws {
    let folder = try temporaryFolder()
    let copy = folder.appendingPathComponent("copy")
    try makeCopy(copy)
    let kept = folder.appendingPathComponent("kept.sha256")
    try FileManager.default.copyItem(at: copy.appendingPathComponent("manifest.sha256"), to: kept)
    #expect(try placard(["verify", copy.path, "--manifest", kept.path]) == Run(status: 0, stdout: "", stderr: "placard: \(copy.path) matches \(kept.path)\n"))

    // Whoever changes a file can change the manifest beside it: the shipped one passes...
    try Data("d".utf8).write(to: copy.appendingPathComponent("index.html"))
    try Data("\(digestB)  css/site.css\n\(digestD)  index.html\n".utf8).write(to: copy.appendingPathComponent("manifest.sha256"))
    #expect(try placard(["verify", copy.path]).status == 0)
    // ...the one kept elsewhere does not.
    #expect(try placard(["verify", copy.path, "--manifest", kept.path]) == Run(status: 1, stdout: """
        changed: index.html
        changed: manifest.sha256

        """, stderr: ""))

    // Without a manifest inside the copy.
    try FileManager.default.removeItem(at: copy.appendingPathComponent("manifest.sha256"))
    #expect(try placard(["verify", copy.path, "--manifest", kept.path]).stdout == "changed: index.html\nmissing: manifest.sha256\n")
    #expect(try placard(["verify", copy.path]) == Run(status: 2, stdout: "", stderr: "placard: error: cannot read \(copy.path)/manifest.sha256: No such file or directory\n"))
    // The copy's own manifest given as --manifest is still the shipped one.
    try FileManager.default.copyItem(at: kept, to: copy.appendingPathComponent("manifest.sha256"))
    let own = copy.appendingPathComponent("manifest.sha256").path
    #expect(try placard(["verify", copy.path, "--manifest", own]).stderr == shippedNote)
}

@Test func aManifestThatIsNotInSha256sumsFormatCannotBeUsed() throws {
    let copy = try temporaryFolder().appendingPathComponent("copy")
    try makeCopy(copy)
    try Data("\(digestB)  css/site.css\n\(digestA) index.html\n".utf8).write(to: copy.appendingPathComponent("manifest.sha256"))
    #expect(try placard(["verify", copy.path]) == Run(status: 2, stdout: "", stderr: "placard: error: \(copy.path)/manifest.sha256:2: not a manifest line: expected 64 hex digits, two spaces and a path\n"))
    // The manifest inside the copy must be a file of the copy, not a link out of it.
    try FileManager.default.removeItem(at: copy.appendingPathComponent("manifest.sha256"))
    try FileManager.default.createSymbolicLink(atPath: copy.appendingPathComponent("manifest.sha256").path, withDestinationPath: "/etc/passwd")
    #expect(try placard(["verify", copy.path]) == Run(status: 2, stdout: "", stderr: "placard: error: cannot read \(copy.path)/manifest.sha256: not a regular file (symbolic link)\n"))
}

@Test func anUnreadableFileIsReportedNotACrash() throws {
    // Root reads every file: as root, the run is made as nobody (or skipped without setpriv).
    let asNobody = getuid() == 0
    guard !asNobody || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return }
    let copy = try temporaryFolder().appendingPathComponent("copy")
    try makeCopy(copy)
    chmod(copy.appendingPathComponent("index.html").path, 0)
    chmod(copy.appendingPathComponent("css").path, 0)
    defer { chmod(copy.appendingPathComponent("css").path, 0o755) }
    #expect(try placard(["verify", copy.path], asNobody: asNobody) == Run(status: 1, stdout: """
        cannot read: css (Permission denied)
        cannot read: css/site.css (css cannot be read)
        cannot read: index.html (Permission denied)

        """, stderr: shippedNote))
}

@Test func manifestEntriesParsesSha256sumsFormat() throws {
    let text = "\(digestA)  plain.html\r\n\n\(digestB.uppercased()) *binary.css\n\\\(digestC)  a\\\\b\\nc\n"
    let entries = try Manifest.entries(in: text)
    #expect(entries == [
        ManifestEntry(path: "plain.html", digest: digestA, line: 1),
        ManifestEntry(path: "binary.css", digest: digestB, line: 3),
        ManifestEntry(path: "a\\b\nc", digest: digestC, line: 4),
    ])
    #expect(throws: ManifestError(line: 2, message: "a is listed twice")) { try Manifest.entries(in: "\(digestA)  a\n\(digestB)  a\n") }
    #expect(throws: ManifestError(line: 1, message: "unknown escape in a name: only \\\\, \\n and \\r are")) { try Manifest.entries(in: "\\\(digestA)  a\\tb\n") }
    #expect(throws: ManifestError(line: 1, message: "unsafe path in manifest: /etc/passwd")) { try Manifest.entries(in: "\(digestA)  /etc/passwd\n") }
}

/// A published file whose name holds a newline and a forged manifest line stays one line of
/// the build's manifest, and cannot vouch for another file.
@Test func aBuiltFileNamedLikeAManifestLineCannotForgeOne() throws {
    let folder = try temporaryFolder()
    let forged = "evil\n\(String(repeating: "0", count: 64))  index.html"
    try makeSite(["Content/site.yaml": "title: T\n", "Content/index.md": "# Home\n", "Content/files/\(forged)": "x"], in: folder)
    let output = folder.appendingPathComponent("Output")
    #expect(build(folder, into: output).succeeded)
    let manifest = try String(contentsOf: output.appendingPathComponent("manifest.sha256"), encoding: .utf8)
    // sha256("x"), from sha256sum.
    #expect(manifest.contains("\n\\2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881  files/evil\\n\(String(repeating: "0", count: 64))  index.html\n"))
    #expect(manifest.split(separator: "\n").count == tree(output).count - 1)
    #expect(try placard(["verify", output.path]).status == 0)
    try Data("changed".utf8).write(to: output.appendingPathComponent("index.html"))
    #expect(try placard(["verify", output.path]).stdout == "changed: index.html\n")
}

@Test func verifyReportsSocketsAndDevices() throws {
    let copy = try temporaryFolder().appendingPathComponent("copy")
    try makeCopy(copy)
    // A socket bound at copy/sock.
    let socketPath = copy.appendingPathComponent("sock").path
    let unixSocket = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    try #require(unixSocket >= 0)
    defer { close(unixSocket) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
        for (index, byte) in socketPath.utf8.enumerated() where index < raw.count - 1 { raw[index] = byte }
    }
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(unixSocket, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    try #require(bound == 0, "bind \(socketPath)")
    var expected = "not a regular file: sock (socket)\n"
    // A device (/dev/null's numbers), where the system lets this user make one.
    if mknod(copy.appendingPathComponent("null").path, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0 {
        expected = "not a regular file: null (character device)\n" + expected
    }
    #expect(try placard(["verify", copy.path]) == Run(status: 1, stdout: expected, stderr: shippedNote))
}
