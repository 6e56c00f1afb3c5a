import ArgumentParser
import Foundation
import PlacardServe
import PlacardSite

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site, serve it on this computer, and rebuild it when a file changes.",
        discussion: """
            Watches Content/ and Templates/ and rebuilds on every change; open pages reload \
            after a successful rebuild and show the problems of a failed one, while the last \
            good site stays served. Only files inside the output folder are served. The pages \
            get their reload script only as they are sent: the files written are the same as \
            placard build's.
            """)

    @OptionGroup var site: SiteOptions

    @Option(name: .shortAndLong, help: "Where to write the site. Default: Output/ in the site folder.", completion: .directory)
    var output: String?

    @Option(name: .long, help: "The port to listen on; 0 picks a free one.")
    var port = 8080

    @Option(name: .long, help: "The address to listen on. 0.0.0.0 lets other computers in. A request whose Host: names another address is refused (421).")
    var host = "127.0.0.1"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port) is not a port: use 0 to 65535") }
    }

    func run() async throws {
        let options = try site.buildOptions(output: output)
        let siteFolder = options.siteDirectory.standardizedFileURL.path
        let outputFolder = options.outputDirectory.standardizedFileURL.path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: siteFolder + "/Content", isDirectory: &isFolder), isFolder.boolValue else {
            FileHandle.standardError.write(Data("placard: error: no site in \(siteFolder): there is no Content/ folder (placard init DIR makes a new site)\n".utf8))
            throw ExitCode(1)
        }
        // Each build would change what is watched, and start another build.
        for watched in ["Content", "Templates"] where (outputFolder + "/").hasPrefix(siteFolder + "/" + watched + "/") {
            throw ValidationError("--output \(outputFolder) is inside \(watched)/, which placard serve watches: write the site elsewhere")
        }

        let console = Console()
        let server = DevServer(options: options, followsClock: site.followsClock, host: host, port: port)
        let task = Task {
            try await server.run(progress: console.progress, built: console.report, listening: { url in
                console.say("serving \(url.absoluteString) (Ctrl-C to stop)")
            })
        }
        let interrupts = Self.onInterrupt { task.cancel() }
        defer { interrupts.forEach { $0.cancel() } }
        do {
            try await task.value
        } catch {
            console.say("error: cannot serve on \(host):\(port): \(Self.reason(error))")
            throw ExitCode(1)
        }
        console.say("stopped")
    }

    /// NIO's socket errors read `bind(descriptor:ptr:bytes:): Address already in use) (errno: 98)`:
    /// the system's own words for the errno are clearer.
    private static func reason(_ error: any Error) -> String {
        let text = String(describing: error)
        guard let errno = text.range(of: "(errno: "), let code = Int32(text[errno.upperBound...].prefix(while: \.isNumber)) else { return text }
        return String(cString: strerror(code))
    }

    /// Ctrl-C (or SIGTERM) stops the server cleanly; a second one ends it at once.
    private static func onInterrupt(_ stop: @escaping @Sendable () -> Void) -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                signal(number, SIG_DFL)
                stop()
            }
            source.resume()
            return source
        }
    }
}

extension Console {
    /// Serve talks even when standard error is not a terminal: its address is needed.
    func say(_ message: String) {
        FileHandle.standardError.write(Data("placard: \(message)\n".utf8))
    }

    /// A rebuild with the same warnings as the one before gets one line, not the list again.
    func report(_ build: DevServer.Report) {
        let result = build.result
        let repeated = build.sameProblemsAsBefore && result.succeeded && !result.diagnostics.isEmpty
        if !repeated { report(result.diagnostics) }
        guard result.succeeded else { return }
        let seconds = String(format: "%.2f", build.seconds)
        if !build.quickPages.isEmpty {
            say("updated \(build.quickPages.map { "/" + $0 }.joined(separator: ", ")) in \(String(format: "%.3f", build.quickSeconds)) s")
        }
        if build.isFirst {
            say("built \(result.pageCount) pages (\(result.fileCount) files) in \(seconds) s")
        } else {
            let warnings = repeated ? " (\(result.diagnostics.count) warning\(result.diagnostics.count == 1 ? "" : "s") as before)" : ""
            say("rebuilt \(result.pagesRendered) of \(result.pageCount) pages in \(seconds) s\(warnings)")
        }
    }
}
