import PlacardSite

/// The server-sent events of `/_placard/events`: `reload` after a successful
/// build, `error` with the problems after a failed one. A page that connects
/// while the last build has failed gets that `error` at once.
actor ReloadEvents {
    private var listeners: [Int: AsyncStream<String>.Continuation] = [:]
    private var nextID = 0
    private var lastFailure: String?

    /// The events for one page, each already in the wire format.
    func subscribe() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self)
        let id = nextID
        nextID += 1
        listeners[id] = continuation
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        if let lastFailure { continuation.yield(lastFailure) }
        return stream
    }

    func publish(_ result: BuildResult) {
        let event: String
        if result.succeeded {
            lastFailure = nil
            event = Self.format("reload", data: "")
        } else {
            event = Self.format("error", data: result.diagnostics.map(\.description).joined(separator: "\n"))
            lastFailure = event
        }
        for listener in listeners.values { listener.yield(event) }
    }

    /// Reloads the open pages (a page was rewritten before the rebuild ended).
    func reload() {
        let event = Self.format("reload", data: "")
        for listener in listeners.values { listener.yield(event) }
    }

    /// Ends every open stream, so the server can stop.
    func finish() {
        for listener in listeners.values { listener.finish() }
        listeners = [:]
    }

    private func remove(_ id: Int) {
        listeners[id] = nil
    }

    /// One event: a `data:` line per line of text (a line may not hold a newline).
    static func format(_ name: String, data: String) -> String {
        let lines = data.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        return "event: \(name)\n" + lines.map { "data: \($0)\n" }.joined() + "\n"
    }
}
