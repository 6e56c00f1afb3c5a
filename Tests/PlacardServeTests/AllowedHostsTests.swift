import Testing

@testable import PlacardServe

@Test func theHostMustNameTheAddressListenedOn() {
    let hosts = AllowedHosts(host: "127.0.0.1")
    #expect(!hosts.allows("localhost:8080"), "nothing is allowed before the server listens")
    hosts.listening(on: 8080)
    for allowed in ["127.0.0.1:8080", "localhost:8080", "LOCALHOST:8080", "[::1]:8080"] {
        #expect(hosts.allows(allowed), "\(allowed)")
    }
    for refused in [nil, "", "127.0.0.1", "localhost", "127.0.0.1:8081", "evil.example:8080", "127.0.0.2:8080", "[::1]", "[::1]8080", "localhost:8080:8080", "192.168.1.5:8080"] {
        #expect(!hosts.allows(refused), "\(refused ?? "no Host")")
    }
    #expect(hosts.addresses == ["localhost:8080", "127.0.0.1:8080", "[::1]:8080"])
}

@Test func aHostGivenByNameOrAsIPv6IsAllowedToo() {
    let named = AllowedHosts(host: "Report.Local")
    named.listening(on: 4000)
    #expect(named.allows("report.local:4000") && named.allows("localhost:4000"))
    #expect(!named.allows("other.local:4000"))
    #expect(named.addresses == ["localhost:4000", "127.0.0.1:4000", "[::1]:4000", "report.local:4000"])

    let v6 = AllowedHosts(host: "fe80::1")
    v6.listening(on: 4000)
    #expect(v6.allows("[fe80::1]:4000") && !v6.allows("[fe80::2]:4000"))
}

/// On every address, other computers reach it by an IP address, which cannot be rebound; names other than localhost are still refused.
@Test func listeningEverywhereAllowsAnyIPAddressButNoOtherName() {
    for wildcard in ["0.0.0.0", "::"] {
        let hosts = AllowedHosts(host: wildcard)
        hosts.listening(on: 8080)
        for allowed in ["192.168.1.5:8080", "10.0.0.1:8080", "[fe80::1]:8080", "localhost:8080"] {
            #expect(hosts.allows(allowed), "\(wildcard) \(allowed)")
        }
        for refused in ["evil.example:8080", "192.168.1.5:80", "192.168.1.5", "1.2.3:8080", "[nonsense]:8080"] {
            #expect(!hosts.allows(refused), "\(wildcard) \(refused)")
        }
        #expect(hosts.addresses == ["localhost:8080", "127.0.0.1:8080", "[::1]:8080"])
    }
}

@Test func onPort80TheHostMayLeaveThePortOut() {
    let hosts = AllowedHosts(host: "127.0.0.1")
    hosts.listening(on: 80)
    #expect(hosts.allows("localhost") && hosts.allows("127.0.0.1:80") && hosts.allows("[::1]"))
    #expect(!hosts.allows("evil.example"))
}
