import Foundation
import PlacardContent
@testable import PlacardSite
import Testing

// Placard never destroys what it did not make: every test here works in a
// temporary folder, with sentinel files standing for a publisher's own files.

private let smallSite = [
    "Content/site.yaml": "title: T\nlanguage: en\n",
    "Content/index.md": "# Home\n\nHello.\n",
    "Content/about.md": "# About\n",
]

/// A throwaway folder holding the small site in `site/`.
private func smallSiteInAFolder(_ name: String = #function) throws -> (folder: URL, site: URL) {
    let folder = try temporaryFolder(name)
    let site = folder.appendingPathComponent("site")
    try makeSite(smallSite, in: site)
    return (folder, site)
}

/// Writes `text` at `path` under `folder`, making the folders above it.
private func put(_ text: String, _ path: String, in folder: URL) throws {
    let url = folder.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
}

private func read(_ path: String, in folder: URL) -> String? {
    (try? Data(contentsOf: folder.appendingPathComponent(path))).map { String(decoding: $0, as: UTF8.self) }
}

private func entries(of folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
}

@Test func anOutputThatIsOrHoldsTheSiteOrItsSourcesIsRefusedAndNothingChanges() throws {
    let (folder, site) = try smallSiteInAFolder()
    try put("mine", "site/Templates/partials/note.txt", in: folder)
    let before = tree(folder)
    let cases: [(String, String)] = [
        ("site", "is the site folder"),
        ("", "holds the site folder"),
        ("site/Content", "is inside the site's Content/ folder"),
        ("site/Content/out", "is inside the site's Content/ folder"),
        ("site/Templates", "is inside the site's Templates/ folder"),
        ("site/Content/about.md", "is inside the site's Content/ folder"),
    ]
    for (relative, reason) in cases {
        let output = relative.isEmpty ? folder : folder.appendingPathComponent(relative)
        let result = build(site, into: output)
        #expect(result.diagnostics.map(\.description) == [
            "\(output.path): error: the output folder \(reason): build into a new or empty folder of its own (--output DIR)",
        ])
        #expect(differences(tree(folder), before) == [], "output \(relative)")
    }
    #expect(OutputFolder.refusal(of: URL(fileURLWithPath: "/"), site: site) == "is the root of the file system")
    // A file given as the output.
    #expect(build(site, into: site.appendingPathComponent("Content/index.md")).diagnostics.count == 1)
    let file = folder.appendingPathComponent("notes.txt")
    try put("keep", "notes.txt", in: folder)
    #expect(build(site, into: file).diagnostics.map(\.description) == [
        "\(file.path): error: the output folder is a file, not a folder: build into a new or empty folder of its own (--output DIR)",
    ])
    #expect(read("notes.txt", in: folder) == "keep")
}

@Test func aHomeFolderAndTheFoldersAboveItAreRefused() throws {
    let folder = try temporaryFolder()
    let home = folder.appendingPathComponent("home/ann")
    let site = folder.appendingPathComponent("elsewhere/site")
    try makeSite(smallSite, in: site)
    #expect(OutputFolder.refusal(of: home, site: site, homeFolders: [home.path]) == "is your home folder")
    #expect(OutputFolder.refusal(of: home.deletingLastPathComponent(), site: site, homeFolders: [home.path]) == "holds your home folder")
    #expect(OutputFolder.refusal(of: home.appendingPathComponent("www"), site: site, homeFolders: [home.path]) == nil)
    // Through a link: the folder it leads to is the one judged.
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    let link = folder.appendingPathComponent("link-to-home")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: home)
    #expect(OutputFolder.refusal(of: link, site: site, homeFolders: [home.path]) == "is your home folder")
}

/// End to end: the real binary with HOME set to a throwaway folder.
@Test func theCommandLineRefusesTheHomeFolderWithExitStatusOne() throws {
    let placard = packageRoot.appendingPathComponent(".build/debug/placard").path
    try #require(FileManager.default.isExecutableFile(atPath: placard), "build the placard binary first (swift build)")
    let folder = try temporaryFolder()
    let home = folder.appendingPathComponent("home")
    try put("my letters", "home/letters.txt", in: folder)
    let site = folder.appendingPathComponent("home/site")
    try makeSite(smallSite, in: site)
    let before = tree(home)
    // Through env, so that HOME is the throwaway folder.
    let (status, stderr) = try run("/usr/bin/env", ["-i", "HOME=\(home.path)", "PATH=/usr/bin:/bin",
                                                    placard, "build", site.path, "--output", home.path, "--now", "2026-01-01"])
    #expect(status == 1)
    #expect(stderr == "\(home.path): error: the output folder is your home folder: build into a new or empty folder of its own (--output DIR)\n1 error, 0 warnings\n")
    #expect(differences(tree(home), before) == [])
    #expect(entries(of: folder) == ["home"])
}

@Test func aFolderHoldingOtherFilesAndNoEarlierBuildIsRefused() throws {
    let (folder, site) = try smallSiteInAFolder()
    let www = folder.appendingPathComponent("www")
    try put("other site", "www/other/index.html", in: folder)
    try put("token", "www/.well-known/acme", in: folder)
    let before = tree(www)
    let result = build(site, into: www)
    #expect(result.diagnostics.map(\.description) == [
        "\(www.path): error: the output folder '\(www.path)' is not empty and holds no earlier Placard build (it has no manifest.sha256): build into a new or empty folder, or one Placard built",
    ])
    #expect(differences(tree(www), before) == [])
    #expect(entries(of: folder) == ["site", "www"])
    // An empty folder is fine.
    let empty = folder.appendingPathComponent("empty")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    #expect(build(site, into: empty).succeeded)
    #expect(read("about/index.html", in: empty)?.contains("About") == true)
}

/// A web root shared with other files: only the files Placard's last build
/// wrote are replaced or removed; everything else stays as it was.
@Test func aSharedWebRootKeepsEveryFilePlacardDidNotWrite() throws {
    let (folder, site) = try smallSiteInAFolder()
    let www = folder.appendingPathComponent("www")
    #expect(build(site, into: www).succeeded)
    #expect(read("about/index.html", in: www) != nil)
    try put("other site", "www/other/index.html", in: folder)
    try put("token", "www/.well-known/acme", in: folder)
    try put("mine", "www/about/notes.txt", in: folder)  // beside a page Placard will remove

    try FileManager.default.removeItem(at: site.appendingPathComponent("Content/about.md"))
    try makeSite(["Content/news.md": "# News\n"], in: site)
    #expect(build(site, into: www).succeeded)
    #expect(read("other/index.html", in: www) == "other site")
    #expect(read(".well-known/acme", in: www) == "token")
    #expect(read("about/notes.txt", in: www) == "mine")
    #expect(read("about/index.html", in: www) == nil)
    #expect(read("news/index.html", in: www)?.contains("News") == true)
    #expect(entries(of: folder) == ["site", "www"])  // no staging folder, journal or lock left
    // The manifest lists Placard's files only, and they match it.
    let problems = try Manifest.verify(www).problems
    #expect(problems == ["added: .well-known/acme", "added: about/notes.txt", "added: other/index.html"])
}

@Test func aFileOfSomeoneElseWhereTheNewBuildWouldWriteStopsTheBuildBeforeAnythingChanges() throws {
    let (folder, site) = try smallSiteInAFolder()
    let www = folder.appendingPathComponent("www")
    #expect(build(site, into: www).succeeded)
    try put("their page", "www/news/index.html", in: folder)
    try put("their link target", "elsewhere/x", in: folder)
    try FileManager.default.createSymbolicLink(atPath: www.appendingPathComponent("reports").path, withDestinationPath: folder.appendingPathComponent("elsewhere").path)
    let before = tree(www)
    try makeSite(["Content/news.md": "# News\n", "Content/reports/a.md": "# A\n"], in: site)
    let result = build(site, into: www)
    #expect(result.diagnostics.map(\.description) == [
        "\(www.path): error: 'news/index.html' is already in the output folder '\(www.path)' and was not written by Placard: move it away or build into another folder",
        "\(www.path): error: 'reports' in the output folder '\(www.path)' is not a folder Placard can write into (a file or a symbolic link): move it away or build into another folder",
    ])
    #expect(differences(tree(www), before) == [])
    #expect(entries(of: folder.appendingPathComponent("elsewhere")) == ["x"])
    #expect(entries(of: folder) == ["elsewhere", "site", "www"])
}

/// A folder holding only Placard's files is replaced whole.
@Test func anOutputOfItsOwnIsReplacedWholeAndTheOldBuildIsGone() throws {
    let (folder, site) = try smallSiteInAFolder()
    let output = folder.appendingPathComponent("Output")
    #expect(build(site, into: output).succeeded)
    try FileManager.default.removeItem(at: site.appendingPathComponent("Content/about.md"))
    #expect(build(site, into: output).succeeded)
    #expect(read("about/index.html", in: output) == nil)
    #expect(try Manifest.verify(output).problems == [])
    #expect(entries(of: folder) == ["Output", "site"])
}

@Test func aSecondBuildIntoTheSameOutputStopsWithAClearMessage() throws {
    let (folder, site) = try smallSiteInAFolder()
    let output = folder.appendingPathComponent("Output")
    #expect(build(site, into: output).succeeded)
    let before = tree(output)
    let held = try OutputFolder(output).lock()  // as a running build holds it
    try makeSite(["Content/news.md": "# News\n"], in: site)
    let result = build(site, into: output)
    #expect(result.diagnostics.map(\.description) == [
        "\(output.path): error: another placard build (process \(getpid())) is writing to '\(output.path)': wait for it to finish, then build again",
    ])
    #expect(differences(tree(output), before) == [])
    held.release()
    #expect(build(site, into: output).succeeded)
    #expect(read("news/index.html", in: output) != nil)
}

/// A commit into a shared folder cut short (the process killed while moving
/// files in) is finished by the next build that takes the lock.
@Test func aSharedCommitCutShortIsFinishedByTheNextBuild() throws {
    let (folder, site) = try smallSiteInAFolder()
    let www = folder.appendingPathComponent("www")
    #expect(build(site, into: www).succeeded)
    try put("other site", "www/other/index.html", in: folder)
    // The new build, complete, as a killed build leaves it in its staging folder.
    try FileManager.default.removeItem(at: site.appendingPathComponent("Content/about.md"))
    try makeSite(["Content/news.md": "# News\n"], in: site)
    let complete = folder.appendingPathComponent("complete")
    #expect(build(site, into: complete).succeeded)
    let expected = tree(complete)
    let staging = folder.appendingPathComponent(".www.placard-build-999999")
    try FileManager.default.moveItem(at: complete, to: staging)
    // It had moved the home page in before it was killed.
    try FileManager.default.removeItem(at: www.appendingPathComponent("index.html"))
    try FileManager.default.moveItem(at: staging.appendingPathComponent("index.html"), to: www.appendingPathComponent("index.html"))
    try Data(staging.path.utf8).write(to: folder.appendingPathComponent(".www.placard-commit"))

    let lock = try OutputFolder(www).lock()
    lock.release()
    var actual = tree(www)
    #expect(actual.removeValue(forKey: "other/index.html") == Data("other site".utf8))
    #expect(differences(actual, expected) == [])
    #expect(entries(of: folder) == ["site", "www"])
}

/// `--cache` updates in place: it too leaves other files alone.
@Test func anInPlaceUpdateKeepsFilesPlacardDidNotWrite() throws {
    let (folder, site) = try smallSiteInAFolder()
    let www = folder.appendingPathComponent("www")
    let cache = folder.appendingPathComponent("cache")
    #expect(build(site, into: www) { $0.cacheDirectory = cache }.succeeded)
    try put("other site", "www/other/index.html", in: folder)
    try FileManager.default.removeItem(at: site.appendingPathComponent("Content/about.md"))
    #expect(build(site, into: www) { $0.cacheDirectory = cache }.succeeded)
    #expect(read("other/index.html", in: www) == "other site")
    #expect(read("about/index.html", in: www) == nil)
    // A new page where someone else's file is: an error, and their file stays.
    try put("their news", "www/news/index.html", in: folder)
    try makeSite(["Content/news.md": "# News\n"], in: site)
    let result = build(site, into: www) { $0.cacheDirectory = cache }
    #expect(result.diagnostics.map(\.description) == [
        "www/news/index.html: error: cannot write 'news/index.html': the file is already in the output folder and was not written by Placard: move it away or build into another folder",
    ])
    #expect(read("news/index.html", in: www) == "their news")
}

// MARK: Only files inside the site are read

@Test func aLinkOutOfTheSiteIsAnErrorAndItsTargetIsNeverPublished() throws {
    let folder = try temporaryFolder()
    let site = folder.appendingPathComponent("site")
    try makeSite(smallSite.merging(["Content/data/organisations.yaml": "- {id: a, name: A}\n"]) { a, _ in a }, in: site)
    try put("id,name\nsecret,Secret\n", "outside/secret.csv", in: folder)
    try put("title: Leaked\n", "outside/site.yaml", in: folder)
    let content = site.appendingPathComponent("Content")
    try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("data/leak.csv").path, withDestinationPath: folder.appendingPathComponent("outside/secret.csv").path)
    try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("files").path, withDestinationPath: folder.appendingPathComponent("outside").path)
    try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("gone.md").path, withDestinationPath: folder.appendingPathComponent("nothing-here.md").path)
    let real = FileTree.realPath(folder.path)!
    let output = folder.appendingPathComponent("Output")
    let result = build(site, into: output)
    #expect(result.diagnostics.map(\.description) == [
        "Content/data/leak.csv: error: leads out of the site through a symbolic link (to \(real)/outside/secret.csv): only files inside the site folder are read",
        "Content/files: error: leads out of the site through a symbolic link (to \(real)/outside): only files inside the site folder are read",
        "Content/gone.md: error: is a broken symbolic link (or one in a loop)",
    ])
    #expect(!FileManager.default.fileExists(atPath: output.path))
}

@Test func aLinkedSiteYamlOrTemplateOutOfTheSiteIsAnError() throws {
    let folder = try temporaryFolder()
    let site = folder.appendingPathComponent("site")
    try makeSite(["Content/index.md": "# Home\n"], in: site)
    try put("title: Leaked\n", "outside/site.yaml", in: folder)
    try put("{{title}}", "outside/page.mustache", in: folder)
    try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("Content/site.yaml").path, withDestinationPath: folder.appendingPathComponent("outside/site.yaml").path)
    try FileManager.default.createDirectory(at: site.appendingPathComponent("Templates"), withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("Templates/page.mustache").path, withDestinationPath: folder.appendingPathComponent("outside/page.mustache").path)
    let real = FileTree.realPath(folder.path)!
    #expect(build(site, into: folder.appendingPathComponent("Output")).diagnostics.map(\.description) == [
        "Content/site.yaml: error: leads out of the site through a symbolic link (to \(real)/outside/site.yaml): only files inside the site folder are read",
        "Templates/page.mustache: error: leads out of the site through a symbolic link (to \(real)/outside/page.mustache): only files inside the site folder are read",
    ])
}

@Test func linksInsideTheSiteAreFollowedAndNamedPipesAndLoopsAreErrors() throws {
    let folder = try temporaryFolder()
    let site = folder.appendingPathComponent("site")
    try makeSite(smallSite.merging(["Content/files/form.txt": "a form\n", "shared/note.md": "# Shared note\n"]) { a, _ in a }, in: site)
    let content = site.appendingPathComponent("Content")
    try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("copy.txt").path, withDestinationPath: "files/form.txt")
    try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("note.md").path, withDestinationPath: "../shared/note.md")
    let output = folder.appendingPathComponent("Output")
    #expect(build(site, into: output).diagnostics.filter { $0.severity == .error } == [])
    #expect(read("copy.txt", in: output) == "a form\n")
    #expect(read("note/index.html", in: output)?.contains("Shared note") == true)
    var status = stat()
    #expect(lstat(output.appendingPathComponent("copy.txt").path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG)

    #expect(mkfifo(content.appendingPathComponent("pipe.txt").path, 0o644) == 0)
    try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("files/loop").path, withDestinationPath: "..")
    let before = tree(output)
    #expect(build(site, into: output).diagnostics.map(\.description) == [
        "Content/files/loop: error: is a symbolic link to a folder that holds it (a loop)",
        "Content/pipe.txt: error: is not a regular file or folder (a named pipe, socket or device): it cannot be read",
    ])
    #expect(differences(tree(output), before) == [])
}

/// Run as another user so that permissions apply (root reads everything).
@Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
func anUnreadableFolderOrFileIsAnErrorNotAMissingPage() throws {
    let placard = packageRoot.appendingPathComponent(".build/debug/placard").path
    try #require(FileManager.default.isExecutableFile(atPath: placard), "build the placard binary first (swift build)")
    let folder = try temporaryFolder()
    chmod(folder.path, 0o777)
    let site = folder.appendingPathComponent("site")
    try makeSite(smallSite.merging(["Content/reports/a.md": "# A\n", "Content/secret.md": "# S\n"]) { a, _ in a }, in: site)
    chmod(site.appendingPathComponent("Content/reports").path, 0o700)
    chmod(site.appendingPathComponent("Content/secret.md").path, 0o600)
    let output = folder.appendingPathComponent("Output")
    let (status, stderr) = try runAsNobody(placard, ["build", site.path, "--output", output.path, "--now", "2026-01-01"])
    #expect(status == 1)
    #expect(stderr == """
        Content/reports: error: cannot read the folder: Permission denied
        Content/secret.md: error: cannot read the file: Permission denied
        2 errors, 0 warnings

        """)
    #expect(!FileManager.default.fileExists(atPath: output.path))
}

/// A command run as user nobody, so that permissions apply (root reads and
/// writes everything): its exit status and what it printed.
private func runAsNobody(_ command: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    try run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", command] + arguments)
}

/// An output that is a mount point (a Docker volume, a share) cannot be renamed
/// or swapped: the build is staged inside it and moved in file by file.
/// Needs root to mount a tmpfs; where mounting is not allowed the test has nothing to check.
@Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/bin/mount")))
func anOutputThatIsAMountPointIsUpdatedFileByFile() throws {
    let (folder, site) = try smallSiteInAFolder()
    let www = folder.appendingPathComponent("www")
    try FileManager.default.createDirectory(at: www, withIntermediateDirectories: true)
    guard try run("/bin/mount", ["-t", "tmpfs", "placard-test", www.path]).status == 0 else { return }
    defer { _ = try? run("/bin/umount", [www.path]) }
    #expect(OutputFolder(www).isMountPoint)
    #expect(build(site, into: www).diagnostics.filter { $0.severity == .error }.map(\.description) == [])
    try put("other site", "www/other/index.html", in: folder)
    try FileManager.default.removeItem(at: site.appendingPathComponent("Content/about.md"))
    try makeSite(["Content/news.md": "# News\n"], in: site)
    #expect(build(site, into: www).diagnostics.filter { $0.severity == .error }.map(\.description) == [])
    #expect(read("other/index.html", in: www) == "other site")
    #expect(read("about/index.html", in: www) == nil)
    #expect(read("news/index.html", in: www)?.contains("News") == true)
    #expect(try Manifest.verify(www).problems == ["added: other/index.html"])
    #expect(!entries(of: www).contains { $0.hasPrefix(".placard") })
    #expect(entries(of: folder) == ["site", "www"])
}

/// A build keeps its lock and staging folder beside the output: a folder above
/// it that cannot be written is said plainly. Run as another user (root writes anywhere).
@Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
func aFolderAboveTheOutputThatCannotBeWrittenIsSaidPlainly() throws {
    let placard = packageRoot.appendingPathComponent(".build/debug/placard").path
    try #require(FileManager.default.isExecutableFile(atPath: placard), "build the placard binary first (swift build)")
    let (folder, site) = try smallSiteInAFolder()
    chmod(folder.path, 0o755)
    let closed = folder.appendingPathComponent("closed")
    try FileManager.default.createDirectory(at: closed.appendingPathComponent("www"), withIntermediateDirectories: true)
    chmod(closed.path, 0o555)
    let www = closed.appendingPathComponent("www")
    let (status, stderr) = try runAsNobody(placard, ["build", site.path, "--output", www.path, "--now", "2026-01-01"])
    #expect(status == 1)
    #expect(stderr == "\(www.path): error: cannot make the lock file '\(closed.path)/.www.placard-lock' beside the output folder: Permission denied (a build keeps its lock and its staging folder beside the output)\n1 error, 0 warnings\n")
    #expect(entries(of: www) == [])
}

/// A folder the last build wrote, replaced since by a link to somewhere else:
/// the build stops before anything changes, and never writes through the link.
@Test func aFolderOfTheLastBuildReplacedByALinkStopsTheBuildBeforeAnythingChanges() throws {
    let (folder, site) = try smallSiteInAFolder()
    let output = folder.appendingPathComponent("Output")
    #expect(build(site, into: output).succeeded)
    try put("precious", "elsewhere/file.txt", in: folder)
    try FileManager.default.removeItem(at: output.appendingPathComponent("about"))
    try FileManager.default.createSymbolicLink(atPath: output.appendingPathComponent("about").path, withDestinationPath: folder.appendingPathComponent("elsewhere").path)
    let before = tree(output)
    try makeSite(["Content/index.md": "# Home\n\nChanged.\n"], in: site)
    #expect(build(site, into: output).diagnostics.map(\.description) == [
        "\(output.path): error: 'about' in the output folder '\(output.path)' is not a folder Placard can write into (a file or a symbolic link): move it away or build into another folder",
    ])
    #expect(differences(tree(output), before) == [])
    #expect(entries(of: folder.appendingPathComponent("elsewhere")) == ["file.txt"])
    #expect(entries(of: folder) == ["Output", "elsewhere", "site"])
}
