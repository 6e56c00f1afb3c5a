import Foundation

/// The `Host:` values placard serve answers to: the address it listens on, by
/// any of its names. A page on another site can make a browser send requests
/// here under its own name, once its DNS name points at 127.0.0.1 (DNS
/// rebinding); such a request carries that name and is refused.
///
/// Accepted, at the port listened on: `127.0.0.1`, `localhost`, `[::1]` and the
/// `--host` given. Listening on every address (`0.0.0.0`, `::`), any IP address
/// is accepted too: a name must be resolved to be rebound, an address cannot be.
/// The port may be left out only when it is 80. Names are compared ignoring case.
/// A request without `Host:` is refused.
final class AllowedHosts: @unchecked Sendable {
    private let host: String
    private let lock = NSLock()
    /// Known once the server listens (port 0 picks one).
    private var port: Int?

    init(host: String) {
        self.host = host
    }

    func listening(on port: Int) {
        lock.withLock { self.port = port }
    }

    /// `localhost:8080`, `127.0.0.1:8080`, `[::1]:8080` and the --host's: for the refusal's text.
    var addresses: [String] {
        guard let port = lock.withLock({ port }) else { return [] }
        var names = ["localhost", "127.0.0.1", "[::1]"]
        let own = Self.bracketed(host.lowercased())
        if !names.contains(own), !Self.isWildcard(host) { names.append(own) }
        return names.map { "\($0):\(port)" }
    }

    func allows(_ authority: String?) -> Bool {
        guard let authority, let port = lock.withLock({ port }) else { return false }
        let (name, givenPort) = Self.split(authority.lowercased())
        guard givenPort == port || (givenPort == nil && port == 80) else { return false }
        if ["localhost", "127.0.0.1", "[::1]"].contains(name) || name == Self.bracketed(host.lowercased()) { return true }
        return Self.isWildcard(host) && Self.isAddress(name)
    }

    /// `name:port` into its parts; an IPv6 address keeps its brackets.
    private static func split(_ authority: String) -> (name: String, port: Int?) {
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            let name = String(authority[...close])
            let rest = authority[authority.index(after: close)...]
            guard !rest.isEmpty else { return (name, nil) }
            guard rest.hasPrefix(":"), let port = Int(rest.dropFirst()) else { return (name, -1) }
            return (name, port)
        }
        guard let colon = authority.lastIndex(of: ":") else { return (authority, nil) }
        return (String(authority[..<colon]), Int(authority[authority.index(after: colon)...]) ?? -1)
    }

    private static func bracketed(_ host: String) -> String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    }

    private static func isWildcard(_ host: String) -> Bool {
        ["0.0.0.0", "::", "[::]", ""].contains(host)
    }

    /// An IPv4 address in dotted form, or an IPv6 address in brackets.
    private static func isAddress(_ name: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        if name.hasPrefix("["), name.hasSuffix("]") {
            return inet_pton(AF_INET6, String(name.dropFirst().dropLast()), &v6) == 1
        }
        return inet_pton(AF_INET, name, &v4) == 1
    }
}
