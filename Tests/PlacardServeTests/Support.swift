import Foundation

#if canImport(Glibc)
import Glibc
#endif

let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

func temporaryFolder(_ name: String = #function) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("placard-serve-tests-\(getpid())")
        .appendingPathComponent(name.filter { $0.isLetter || $0.isNumber })
    try? FileManager.default.removeItem(at: url)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func realPath(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
}

struct TimedOut: Error, CustomStringConvertible {
    var description: String
}

/// Checks `condition` every 20 ms until it holds; throws after `seconds`.
/// Generous: other suites' builds can hold the few threads tasks run on for many
/// seconds on a 2-core machine; a passing wait ends as soon as the condition holds.
func waitUntil(_ what: String, seconds: Double = 60, _ condition: () -> Bool) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while !condition() {
        guard Date() < deadline else { throw TimedOut(description: "timed out after \(seconds) s waiting for \(what)") }
        try await Task.sleep(for: .milliseconds(20))
    }
}

/// A value shared between a test and the threads or tasks it starts.
final class Shared<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value { lock.withLock { stored } }

    func update(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}

/// A plain HTTP/1.1 client on a socket, so a test can send any request target
/// (`/../etc/passwd` as it is) and read an event stream as it arrives. The
/// blocking calls run on threads of their own, away from the server's tasks.
struct RawHTTP {
    struct Response {
        var status: Int
        var headers: [String: String]  // names in lower case
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    let port: Int

    func get(_ target: String, method: String = "GET") async throws -> Response {
        let port = port
        return try await onThread {
            let socket = try openSocket(port: port)
            defer { close(socket) }
            try sendText(socket, "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
            var received = Data()
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = recv(socket, &buffer, buffer.count, 0)
                if count <= 0 { break }
                received.append(contentsOf: buffer[..<count])
            }
            return try parse(received, head: method == "HEAD")
        }
    }

    /// Opens an event stream; everything received is appended to `text`.
    func events(_ target: String, into text: Shared<String>) throws -> Int32 {
        let socket = try openSocket(port: port)
        try sendText(socket, "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n")
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = recv(socket, &buffer, buffer.count, 0)
                if count <= 0 { break }
                text.update { $0 += String(decoding: buffer[..<count], as: UTF8.self) }
            }
        }
        return socket
    }

    /// Sends `text` exactly as given (nothing, if empty) and reads until the server
    /// closes the connection, or until nothing has come for `seconds`: everything
    /// received, and whether the server closed the connection.
    func exchange(_ text: String, seconds: Int = 10) async throws -> (received: String, closed: Bool) {
        let port = port
        return try await onThread {
            let socket = try openSocket(port: port, timeout: seconds)
            defer { close(socket) }
            if !text.isEmpty { try sendText(socket, text) }
            var received = Data()
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = recv(socket, &buffer, buffer.count, 0)
                if count == 0 { return (String(decoding: received, as: UTF8.self), true) }
                if count < 0 {
                    if errno == EINTR { continue }
                    return (String(decoding: received, as: UTF8.self), false)  // timed out (or reset)
                }
                received.append(contentsOf: buffer[..<count])
            }
        }
    }

    private func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
        }
    }
}

private func openSocket(port: Int, timeout: Int = 10) throws -> Int32 {
    #if os(Linux)
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
    let socket = Darwin.socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard socket >= 0 else { throw TimedOut(description: "no socket") }
    // No test should hang on a server that does not answer.
    var timeout = timeval(tv_sec: timeout, tv_usec: 0)
    setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
    guard connected == 0 else {
        close(socket)
        throw TimedOut(description: "cannot connect to port \(port)")
    }
    return socket
}

private func sendText(_ socket: Int32, _ text: String) throws {
    let bytes = Array(text.utf8)
    guard write(socket, bytes, bytes.count) == bytes.count else { throw TimedOut(description: "cannot send") }
}

/// Status line, headers, and the body (chunked transfer decoded).
private func parse(_ data: Data, head: Bool) throws -> RawHTTP.Response {
    let bytes = [UInt8](data)
    let separator = Array("\r\n\r\n".utf8)
    guard let end = (0...(max(bytes.count - 4, 0))).first(where: { Array(bytes[$0..<min($0 + 4, bytes.count)]) == separator }) else {
        throw TimedOut(description: "no complete response: \(String(decoding: bytes, as: UTF8.self))")
    }
    let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
    let status = Int(lines[0].split(separator: " ")[1]) ?? 0
    var headers: [String: String] = [:]
    for line in lines.dropFirst() {
        guard let colon = line.firstIndex(of: ":") else { continue }
        headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    var body = Array(bytes[(end + 4)...])
    if headers["transfer-encoding"] == "chunked" {
        var decoded: [UInt8] = []
        var index = 0
        while let lineEnd = (index..<max(body.count - 1, index)).first(where: { body[$0] == 13 && body[$0 + 1] == 10 }),
              let size = Int(String(decoding: body[index..<lineEnd], as: UTF8.self), radix: 16), size > 0 {
            decoded += body[(lineEnd + 2)..<(lineEnd + 2 + size)]
            index = lineEnd + 2 + size + 2
        }
        body = decoded
    }
    return RawHTTP.Response(status: status, headers: headers, body: head ? Data() : Data(body))
}
