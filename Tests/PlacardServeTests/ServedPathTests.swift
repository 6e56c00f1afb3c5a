import Foundation
import Testing

@testable import PlacardServe

/// An output folder with a page, a folder page, an empty folder, a link inside
/// it and two links out of it, beside a secret the server must never send.
private func outputFolder() throws -> (root: String, real: String) {
    let base = try temporaryFolder(UUID().uuidString)
    let root = base.appendingPathComponent("Output")
    let outside = base.appendingPathComponent("outside")
    for folder in [root.appendingPathComponent("about"), root.appendingPathComponent("empty"), outside] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }
    for (url, text) in [
        (root.appendingPathComponent("index.html"), "<p>home</p>"),
        (root.appendingPathComponent("about/index.html"), "<p>about</p>"),
        (root.appendingPathComponent("style.css"), "p {}"),
        (root.appendingPathComponent("公示.html"), "<p>notice</p>"),
        (outside.appendingPathComponent("secret.txt"), "secret"),
    ] {
        try Data(text.utf8).write(to: url)
    }
    let links = FileManager.default
    try links.createSymbolicLink(atPath: root.path + "/link-out", withDestinationPath: outside.path + "/secret.txt")
    try links.createSymbolicLink(atPath: root.path + "/link-dir-out", withDestinationPath: outside.path)
    try links.createSymbolicLink(atPath: root.path + "/relative-out", withDestinationPath: "../outside/secret.txt")
    try links.createSymbolicLink(atPath: root.path + "/link-in", withDestinationPath: "style.css")
    return (root.path, realPath(root.path))
}

@Test func filesAndFolderPagesInsideTheOutputAreServed() throws {
    let (root, real) = try outputFolder()
    #expect(ServedPath.resolve("/", root: root) == .file(real + "/index.html"))
    #expect(ServedPath.resolve("/index.html", root: root) == .file(real + "/index.html"))
    #expect(ServedPath.resolve("/about/", root: root) == .file(real + "/about/index.html"))
    #expect(ServedPath.resolve("/about/?q=1#top", root: root) == .file(real + "/about/index.html"))
    #expect(ServedPath.resolve("/style.css?v=2", root: root) == .file(real + "/style.css"))
    #expect(ServedPath.resolve("/%E5%85%AC%E7%A4%BA.html", root: root) == .file(real + "/公示.html"))
    // A link that stays inside is served as the file it names.
    #expect(ServedPath.resolve("/link-in", root: root) == .file(real + "/style.css"))
}

@Test func aFolderWithoutItsSlashRedirects() throws {
    let (root, _) = try outputFolder()
    #expect(ServedPath.resolve("/about", root: root) == .redirect("/about/"))
    #expect(ServedPath.resolve("/about?q=1", root: root) == .redirect("/about/?q=1"))
}

@Test func whatIsNotThereIsNotFound() throws {
    let (root, _) = try outputFolder()
    #expect(ServedPath.resolve("/missing.html", root: root) == .notFound)
    #expect(ServedPath.resolve("/empty/", root: root) == .notFound)
    #expect(ServedPath.resolve("/style.css/", root: root) == .notFound)
    #expect(ServedPath.resolve("/", root: root + "/not-built-yet") == .notFound)
}

@Test(arguments: [
    "/..",
    "/../outside/secret.txt",
    "/about/../../outside/secret.txt",
    "/about/../index.html",
    "/./index.html",
    "/%2e%2e/outside/secret.txt",
    "/%2E%2E/outside/secret.txt",
    "/.%2e/outside/secret.txt",
    "/..%2foutside%2fsecret.txt",
    "/..%2Foutside%2Fsecret.txt",
    "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/%252e%252e/outside/secret.txt",
    "/%252e%252e%252foutside%252fsecret.txt",
    "/..%5coutside%5csecret.txt",
    "/..%5Coutside%5Csecret.txt",
    "/..\\outside\\secret.txt",
    "/about\\..\\..\\outside\\secret.txt",
    "/index.html%00.css",
    "/index.html\0.css",
    "//etc/passwd",
    "/about//index.html",
    "http://127.0.0.1/../outside/secret.txt",
    "etc/passwd",
    "",
    "/100%",
    "/%zz",
])
func traversalAndEncodedFormsAreRefused(target: String) throws {
    let (root, _) = try outputFolder()
    #expect(ServedPath.resolve(target, root: root) == .forbidden)
}

@Test func linksWhoseRealPathLeavesTheOutputAreRefused() throws {
    let (root, _) = try outputFolder()
    #expect(ServedPath.resolve("/link-out", root: root) == .forbidden)
    #expect(ServedPath.resolve("/relative-out", root: root) == .forbidden)
    #expect(ServedPath.resolve("/link-dir-out/secret.txt", root: root) == .forbidden)
    #expect(ServedPath.resolve("/link-dir-out/", root: root) == .forbidden)
    #expect(ServedPath.resolve("/link-dir-out", root: root) == .forbidden)
}

@Test func aLinkedOutputFolderIsServedFromItsRealPlace() throws {
    let (root, real) = try outputFolder()
    let link = URL(fileURLWithPath: root).deletingLastPathComponent().appendingPathComponent("linked-output").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: root)
    #expect(ServedPath.resolve("/about/", root: link) == .file(real + "/about/index.html"))
    #expect(ServedPath.resolve("/link-out", root: link) == .forbidden)
}
