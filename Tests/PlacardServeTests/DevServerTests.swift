import Foundation
import PlacardSite
import Testing

@testable import PlacardServe

/// 2025-11-15: the date the English test site is built with elsewhere.
private let now = Date(timeIntervalSince1970: 1_763_164_800)

/// A copy of Tests/PlacardSiteTests/Fixtures/english-site, served on a free port.
private struct RunningServer {
    let site: URL
    let output: URL
    let http: RawHTTP
    let task: Task<Void, any Error>
    let reports: Shared<[DevServer.Report]>

    static func start(_ name: String = #function, idleTimeout: Duration = .seconds(30)) async throws -> RunningServer {
        let folder = try temporaryFolder(name)
        let site = folder.appendingPathComponent("site")
        try FileManager.default.copyItem(at: testsFolder.appendingPathComponent("PlacardSiteTests/Fixtures/english-site"), to: site)
        let output = folder.appendingPathComponent("Output")
        var server = DevServer(options: BuildOptions(siteDirectory: site, outputDirectory: output, now: now), port: 0)
        server.idleTimeout = idleTimeout
        let reports = Shared<[DevServer.Report]>([])
        let address = Shared<URL?>(nil)
        let task = Task {
            try await server.run(built: { report in reports.update { $0.append(report) } }, listening: { url in address.update { $0 = url } })
        }
        try await waitUntil("the server to listen", seconds: 60) { address.value != nil || task.isCancelled }
        let url = try #require(address.value)
        #expect(url.host == "127.0.0.1")
        return RunningServer(site: site, output: output, http: RawHTTP(port: try #require(url.port)), task: task, reports: reports)
    }

    func edit(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: site.appendingPathComponent(path))
    }

    /// Cancelling stops the server: the task ends, without an error.
    func stop() async throws {
        task.cancel()
        let ended = Shared(false)
        Task { _ = try? await task.value; ended.update { $0 = true } }
        try await waitUntil("the server to stop", seconds: 10) { ended.value }
        try await task.value
    }
}

@Test func servesTheBuiltSiteWithTheScriptOnlyInWhatItSends() async throws {
    let server = try await RunningServer.start()
    let first = try #require(server.reports.value.first)
    #expect(first.isFirst && first.result.succeeded && first.result.pageCount > 5)

    let home = try await server.http.get("/")
    #expect(home.status == 200)
    #expect(home.headers["content-type"] == "text/html; charset=utf-8")
    #expect(home.headers["cache-control"] == "no-store")
    #expect(home.text.contains("Welcome"))
    let onDisk = try Data(contentsOf: server.output.appendingPathComponent("index.html"))
    #expect(home.body == ReloadScript.inject(into: onDisk))
    #expect(home.text.contains(ReloadScript.tag + "</body>"))

    // What is written is what placard build writes, byte for byte: no script.
    let plain = server.output.deletingLastPathComponent().appendingPathComponent("Plain")
    let plainResult = SiteBuilder.build(BuildOptions(siteDirectory: server.site, outputDirectory: plain, now: now))
    #expect(plainResult.succeeded)
    #expect(try tree(server.output) == tree(plain))
    #expect(!String(decoding: onDisk, as: UTF8.self).contains("EventSource"))

    // Not HTML: sent exactly as on disk.
    let assets = try FileManager.default.contentsOfDirectory(atPath: server.output.appendingPathComponent("assets").path)
    let stylesheet = "assets/" + (try #require(assets.first { $0.hasSuffix(".css") }))
    let types = [
        stylesheet: "text/css; charset=utf-8",
        "assets/search.js": "text/javascript; charset=utf-8",
        "data/people.csv": "text/csv; charset=utf-8",
        "data/fulfilment.json": "application/json",
        "sitemap.xml": "application/xml",
    ]
    for (path, type) in types {
        let file = try await server.http.get("/" + path)
        #expect(file.status == 200, "\(path)")
        #expect(file.headers["content-type"] == type, "\(path)")
        #expect(file.headers["cache-control"] == "no-store", "\(path)")
        #expect(file.body == (try Data(contentsOf: server.output.appendingPathComponent(path))), "\(path)")
    }

    let head = try await server.http.get("/" + stylesheet, method: "HEAD")
    #expect(head.status == 200)
    #expect(head.body.isEmpty)
    #expect(head.headers["content-length"] == String(try Data(contentsOf: server.output.appendingPathComponent(stylesheet)).count))

    let folder = try await server.http.get("/notices?x=1")
    #expect(folder.status == 302)
    #expect(folder.headers["location"] == "/notices/?x=1")

    let missing = try await server.http.get("/no-such-page/")
    #expect(missing.status == 404)
    #expect(missing.body == ReloadScript.inject(into: try Data(contentsOf: server.output.appendingPathComponent("404.html"))))

    for target in ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd", "/%252e%252e/etc/passwd", "/..%5c..%5cetc%5cpasswd"] {
        let refused = try await server.http.get(target)
        #expect([400, 403, 404].contains(refused.status), "\(target)")
        #expect(!refused.text.contains("root:"), "\(target)")
    }

    let post = try await server.http.get("/", method: "POST")
    #expect(post.status == 405)
    try await server.stop()
}

@Test func anEditReloadsThePagesAndABrokenOneShowsItsProblemsWhileTheOldSiteStays() async throws {
    let server = try await RunningServer.start()
    let events = Shared("")
    let socket = try server.http.events(ReloadScript.eventsPath, into: events)
    defer { close(socket) }
    try await waitUntil("the event stream to open") { events.value.contains("retry: 1000") }
    #expect(events.value.hasPrefix("HTTP/1.1 200"))
    #expect(events.value.lowercased().contains("content-type: text/event-stream"))

    try server.edit("Content/index.md", "---\ntitle: Welcome\n---\nFreshly served paragraph.\n")
    try await waitUntil("a reload event") { events.value.contains("event: reload") }
    let home = try await server.http.get("/")
    #expect(home.status == 200)
    #expect(home.text.contains("Freshly served paragraph."))
    let rebuild = try #require(server.reports.value.last)
    #expect(!rebuild.isFirst && rebuild.result.succeeded)

    try server.edit("Content/notices/agm.md", "---\ntitle: [unclosed\n---\nBroken.\n")
    try await waitUntil("an error event") { events.value.contains("event: error") }
    #expect(events.value.contains("data: Content/notices/agm.md:3:1: error: invalid YAML"))
    #expect(server.reports.value.last?.result.succeeded == false)
    // The last good site is still served.
    let stillThere = try await server.http.get("/")
    #expect(stillThere.text.contains("Freshly served paragraph."))
    let notice = try await server.http.get("/notices/agm/")
    #expect(notice.status == 200)
    #expect(notice.text.contains("The AGM is on 29 November."))

    // A page opened after the failure is told at once.
    let late = Shared("")
    let lateSocket = try server.http.events(ReloadScript.eventsPath, into: late)
    defer { close(lateSocket) }
    try await waitUntil("the error event on a new stream") { late.value.contains("data: Content/notices/agm.md:3:1: error: invalid YAML") }

    try server.edit("Content/notices/agm.md", "---\ntitle: Annual general meeting\nkind: notice\ndate: 2025-11-01\nnotice: {from: 2025-11-01, to: 2025-11-30}\n---\nMoved to December.\n")
    try await waitUntil("a reload after the fix") { late.value.contains("event: reload") }
    #expect(server.reports.value.last?.result.diagnostics.map(\.description) == [])
    #expect(try await server.http.get("/notices/agm/").text.contains("Moved to December."))
    try await server.stop()
}

@Test func aSecondServerOnTheSamePortFailsWithAnError() async throws {
    let server = try await RunningServer.start()
    let second = server.output.deletingLastPathComponent().appendingPathComponent("Second")
    let options = BuildOptions(siteDirectory: server.site, outputDirectory: second, now: now)
    let builds = Shared(0)
    await #expect(throws: (any Error).self) {
        try await DevServer(options: options, port: server.http.port).run(built: { _ in builds.update { $0 += 1 } }, listening: { _ in })
    }
    // The port is taken before building: nothing was built.
    #expect(builds.value == 0)
    #expect(!FileManager.default.fileExists(atPath: second.path))
    try await server.stop()
}

/// Every regular file under `folder`, by relative path.
private func tree(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let root = folder.standardizedFileURL.path
    for case let url as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)! {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
            files[String(url.standardizedFileURL.path.dropFirst(root.count))] = try Data(contentsOf: url)
        }
    }
    return files
}

@Test func anEditToANarrativesTextIsWrittenAndReloadedBeforeTheRebuild() async throws {
    let server = try await RunningServer.start()
    let events = Shared("")
    let socket = try server.http.events(ReloadScript.eventsPath, into: events)
    defer { close(socket) }
    try await waitUntil("the event stream to open") { events.value.contains("retry: 1000") }

    // Same front matter, new text: the fast path takes it.
    try server.edit("Content/notices/agm.md", "---\ntitle: Annual general meeting\nkind: notice\ndate: 2025-11-01\nnotice: {from: 2025-11-01, to: 2025-11-30}\n---\nThe AGM is on 30 November.\n")
    try await waitUntil("the rebuild after the edit") { server.reports.value.count == 2 }
    let report = try #require(server.reports.value.last)
    #expect(report.quickPages == ["notices/agm/"])
    #expect(report.result.succeeded)
    #expect(events.value.contains("event: reload"))
    #expect(try await server.http.get("/notices/agm/").text.contains("The AGM is on 30 November."))
    // What is on disk is what a clean build writes.
    let clean = server.output.deletingLastPathComponent().appendingPathComponent("Clean")
    let result = SiteBuilder.build(BuildOptions(siteDirectory: server.site, outputDirectory: clean, now: now))
    #expect(result.succeeded)
    #expect(try Data(contentsOf: clean.appendingPathComponent("notices/agm/index.html")) == Data(contentsOf: server.output.appendingPathComponent("notices/agm/index.html")))
    #expect(try Data(contentsOf: clean.appendingPathComponent("manifest.sha256")) == Data(contentsOf: server.output.appendingPathComponent("manifest.sha256")))
    try await server.stop()
}

/// `ab` and other HTTP/1.0 clients wait for the server to close the connection.
@Test func anHTTP10RequestWithoutKeepAliveIsAnsweredAndItsConnectionClosed() async throws {
    let server = try await RunningServer.start()
    let host = "Host: 127.0.0.1:\(server.http.port)\r\n"
    // The idle timeout is 30 s; the socket gives up after 10: a close seen is the server's answer to HTTP/1.0.
    let plain = try await server.http.exchange("GET /robots.txt HTTP/1.0\r\n\(host)\r\n")
    #expect(plain.closed)
    #expect(plain.received.hasPrefix("HTTP/1.1 200 OK\r\n"))
    #expect(plain.received.contains("\r\nConnection: close\r\n"))
    #expect(plain.received.hasSuffix(try String(contentsOf: server.output.appendingPathComponent("robots.txt"), encoding: .utf8)))

    // With keep-alive it stays open for the next request (this one without, so it then closes).
    let kept = try await server.http.exchange(
        "GET /robots.txt HTTP/1.0\r\n\(host)Connection: keep-alive\r\n\r\nGET /robots.txt HTTP/1.0\r\n\(host)\r\n")
    #expect(kept.closed)
    let responses = kept.received.components(separatedBy: "HTTP/1.1 200 OK\r\n")
    #expect(responses.count == 3)
    #expect(!responses[1].contains("Connection: close") && responses[2].contains("\r\nConnection: close\r\n"))

    // HTTP/1.1 with `close` among other Connection tokens closes too.
    let closing = try await server.http.exchange("GET /robots.txt HTTP/1.1\r\n\(host)Connection: TE, close\r\nTE: trailers\r\n\r\n")
    #expect(closing.closed && closing.received.hasPrefix("HTTP/1.1 200 OK\r\n"))
    try await server.stop()
}

/// DNS rebinding: a page of evil.example whose name now points at 127.0.0.1 sends its own name.
@Test func aRequestForAnotherHostIsRefused() async throws {
    let server = try await RunningServer.start()
    let port = server.http.port
    for host in ["evil.example:\(port)", "127.0.0.1", "localhost:1", "127.0.0.1:\(port)x", "localhost.evil.example:\(port)", "[::1]"] {
        let refused = try await server.http.exchange("GET / HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n")
        let body = "misdirected request: this server answers only to localhost:\(port), 127.0.0.1:\(port), [::1]:\(port)\n"
        #expect(refused.received.hasPrefix("HTTP/1.1 421 Misdirected Request\r\n"), "\(host)")
        #expect(refused.received.hasSuffix("\r\n\r\n" + body), "\(host)")
        #expect(refused.received.contains("\r\nContent-Type: text/plain; charset=utf-8\r\n"), "\(host)")
        #expect(refused.received.contains("\r\nContent-Length: \(body.utf8.count)\r\n"), "\(host)")
    }
    // Without Host (HTTP/1.0 allows it): refused as well, and the event stream too.
    #expect(try await server.http.exchange("GET / HTTP/1.0\r\n\r\n").received.hasPrefix("HTTP/1.1 421 Misdirected Request\r\n"))
    #expect(try await server.http.exchange("GET \(ReloadScript.eventsPath) HTTP/1.1\r\nHost: evil.example:\(port)\r\nConnection: close\r\n\r\n").received.hasPrefix("HTTP/1.1 421 "))
    for host in ["127.0.0.1:\(port)", "localhost:\(port)", "LocalHost:\(port)", "[::1]:\(port)"] {
        let answered = try await server.http.exchange("GET /robots.txt HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n")
        #expect(answered.received.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(host)")
    }
    try await server.stop()
}

@Test func idleConnectionsAreClosedButAnEventStreamStaysOpen() async throws {
    let server = try await RunningServer.start(idleTimeout: .seconds(1))
    let events = Shared("")
    let socket = try server.http.events(ReloadScript.eventsPath, into: events)
    defer { close(socket) }
    try await waitUntil("the event stream to open") { events.value.contains("retry: 1000") }

    // A client that sends nothing, and one that keeps its connection alive after a response.
    let silent = try await server.http.exchange("")
    #expect(silent.closed && silent.received.isEmpty)
    let kept = try await server.http.exchange("GET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1:\(server.http.port)\r\n\r\n")
    #expect(kept.closed)
    #expect(kept.received.components(separatedBy: "HTTP/1.1 200 OK\r\n").count == 2)

    // The event stream, open longer than the idle timeout by now, still brings the reload.
    try server.edit("Content/index.md", "---\ntitle: Welcome\n---\nStill listening.\n")
    try await waitUntil("a reload event") { events.value.contains("event: reload") }
    try await server.stop()
}
