import Foundation
import Hummingbird

/// Answers every request: the event stream, or a file of the output folder
/// (through `ServedPath`, so nothing outside it), with the reload script added
/// to HTML pages.
struct FileResponder: Sendable {
    let root: String
    let events: ReloadEvents
    let hosts: AllowedHosts

    func respond(to request: Request) async -> Response {
        // Before anything else: a request under another name (DNS rebinding) learns nothing.
        guard hosts.allows(request.head.authority) else {
            let addresses = hosts.addresses.joined(separator: ", ")
            return text(.init(code: 421, reasonPhrase: "Misdirected Request"), "misdirected request: this server answers only to \(addresses)\n")
        }
        guard request.method == .get || request.method == .head else {
            return text(.methodNotAllowed, "only GET and HEAD are served\n", extra: [.allow: "GET, HEAD"])
        }
        let target = request.head.path ?? "/"
        if target == ReloadScript.eventsPath || target.hasPrefix(ReloadScript.eventsPath + "?") {
            return eventStream()
        }
        switch ServedPath.resolve(target, root: root) {
        case .file(let path):
            return file(path, status: .ok, head: request.method == .head)
        case .redirect(let location):
            return text(.found, "see \(location)\n", extra: [.location: location])
        case .forbidden:
            return text(.forbidden, "forbidden\n")
        case .notFound:
            // The site's own 404 page, when the site has one.
            if case .file(let page) = ServedPath.resolve("/404.html", root: root) {
                return file(page, status: .notFound, head: request.method == .head)
            }
            return text(.notFound, "not found\n")
        }
    }

    private func file(_ path: String, status: HTTPResponse.Status, head: Bool) -> Response {
        // The output can be swapped between resolving and reading.
        guard var data = FileManager.default.contents(atPath: path) else { return text(.notFound, "not found\n") }
        if ContentType.isHTML(path) { data = ReloadScript.inject(into: data) }
        var headers = Self.headers(ContentType.of(path))
        headers[.contentLength] = String(data.count)
        let body = head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        return Response(status: status, headers: headers, body: body)
    }

    private func text(_ status: HTTPResponse.Status, _ message: String, extra: HTTPFields = [:]) -> Response {
        var headers = Self.headers("text/plain; charset=utf-8")
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: message)))
    }

    private func eventStream() -> Response {
        let events = events
        let body = ResponseBody { writer in
            let stream = await events.subscribe()
            // Reconnect quickly after the server restarts; also tells the page (and
            // tests) that it is subscribed.
            try await writer.write(ByteBuffer(string: "retry: 1000\n\n"))
            for await event in stream {
                try await writer.write(ByteBuffer(string: event))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: Self.headers("text/event-stream; charset=utf-8"), body: body)
    }

    private static func headers(_ type: String) -> HTTPFields {
        [.contentType: type, .cacheControl: "no-store", .init("X-Content-Type-Options")!: "nosniff"]
    }
}
