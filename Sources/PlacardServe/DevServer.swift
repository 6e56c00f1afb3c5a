import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import PlacardSite

/// `placard serve`: builds the site, serves the output folder over HTTP, and
/// rebuilds and reloads the open pages whenever Content/ or Templates/ change.
public struct DevServer: Sendable {
    public var options: BuildOptions
    /// True when no date was given: each rebuild takes the clock again.
    public var followsClock: Bool
    public var host: String
    /// 0 picks a free port; `listening` is told the one it got.
    public var port: Int
    /// A connection that sends nothing for this long, before or between requests, is closed.
    public var idleTimeout: Duration = .seconds(30)
    /// Keeps each build's work for the next: rebuilds redo only what changed.
    private let session = BuildSession()

    public init(options: BuildOptions, followsClock: Bool = false, host: String = "127.0.0.1", port: Int = 8080) {
        self.options = options
        self.followsClock = followsClock
        self.host = host
        self.port = port
    }

    /// One finished build, as the command line reports it.
    public struct Report: Sendable {
        public var result: BuildResult
        public var seconds: Double
        /// The build made before serving began (the others are rebuilds).
        public var isFirst: Bool
        /// The same problems as the build before, so they need not be printed again.
        public var sameProblemsAsBefore = false
        /// Pages rewritten at once, before the rebuild (see `BuildSession.updatePages`).
        public var quickPages: [String] = []
        public var quickSeconds: Double = 0
    }

    /// Runs until the task is cancelled (or the port cannot be had, which throws).
    /// The port is taken first, so that a port in use fails at once; `listening`
    /// is told the address once the first build is done. The first build shows
    /// `progress`; rebuilds are silent but for `built`.
    public func run(
        progress: any BuildProgress = SilentProgress(),
        built: @escaping @Sendable (Report) -> Void,
        listening: @escaping @Sendable (URL) -> Void
    ) async throws {
        let events = ReloadEvents()
        let hosts = AllowedHosts(host: host)
        let files = FileResponder(root: options.outputDirectory.path, events: events, hosts: hosts)
        let (running, isRunning) = AsyncStream.makeStream(of: URL.self)
        let app = Application(
            responder: CallbackResponder<BasicRequestContext> { request, _ in await files.respond(to: request) },
            server: HTTPServerBuilder { [idleTimeout] responder in ServeChannel(responder: responder, idleTimeout: idleTimeout) },
            configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
            onServerRunning: { [host] channel in
                let name = host.contains(":") ? "[\(host)]" : host
                hosts.listening(on: channel.localAddress?.port ?? 0)
                isRunning.yield(URL(string: "http://\(name):\(channel.localAddress?.port ?? 0)/")!)
                isRunning.finish()
            },
            logger: Logger(label: "placard-serve", factory: { _ in SwiftLogNoOpLogHandler() }))

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            group.addTask {
                var address: URL?
                for await url in running { address = url }
                guard let address else { return }
                // Watching starts before the first build, so an edit made during it is not missed.
                let log = ChangeLog()
                let changes = FolderWatcher.changes(site: options.siteDirectory, log: log)
                let first = await build(progress: progress, isFirst: true)
                built(first)
                await events.publish(first.result)
                listening(address)
                var previous = first.result.diagnostics
                for await _ in changes {
                    // An edit to a narrative's text: its page first, reloaded at once.
                    let started = Date()
                    let quick = log.take().flatMap { paths in session.updatePages(for: paths.map(URL.init(fileURLWithPath:))) } ?? []
                    let quickSeconds = Date().timeIntervalSince(started)
                    if !quick.isEmpty { await events.reload() }
                    var report = await build(progress: SilentProgress(), isFirst: false)
                    report.sameProblemsAsBefore = report.result.diagnostics == previous
                    report.quickPages = quick
                    report.quickSeconds = quickSeconds
                    previous = report.result.diagnostics
                    built(report)
                    // No second reload when the rebuild changed no other page.
                    if quick.isEmpty || !report.result.succeeded || report.result.pagesRendered > quick.count {
                        await events.publish(report.result)
                    }
                }
            }
            // Either ends only by cancellation or by an error (such as a port in use).
            try await group.next()
            group.cancelAll()
        }
    }

    /// Builds on a thread of its own: a build is long, synchronous work that must
    /// not hold one of the few threads the server's tasks run on.
    private func build(progress: any BuildProgress, isFirst: Bool) async -> Report {
        var options = options
        if followsClock { options.now = Date() }
        let dated = options
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                let started = Date()
                let result = session.build(dated, progress: progress)
                continuation.resume(returning: Report(result: result, seconds: Date().timeIntervalSince(started), isFirst: isFirst))
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}
