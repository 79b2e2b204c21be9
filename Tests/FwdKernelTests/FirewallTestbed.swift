import Foundation
import FwdModel
import FwdTestKit

#if canImport(Glibc)
import Glibc
#endif

/// One of the three machines of the ``FirewallTestbed``.
enum TestbedHost: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// The machine whose firewall is under test.
    case server
    /// A client inside the admin subnet (`10.99.0.0/24`), from which SSH is allowed.
    case admin
    /// A client outside the admin subnet (`10.99.7.0/24`).
    case outsider

    /// The host's name.
    var description: String { rawValue }
}

/// Three namespaces for packet tests: a server and two clients, each client on its own veth link
/// to the server. The admin client's link is `10.99.0.0/24`, inside
/// ``ExampleRulesets/adminSubnet``; the outsider's is `10.99.7.0/24`, outside it. Both links carry
/// IPv6 too (`fd00:99::/64`, `fd00:99:7::/64`).
struct FirewallTestbed: Sendable {
    /// The server's namespace: the firewall under test is loaded here.
    let server: NetworkNamespace
    /// The admin client's link: first end in the admin namespace, second end in the server.
    let adminLink: VethLink
    /// The outsider's link: first end in the outsider namespace, second end in the server.
    let outsiderLink: VethLink

    /// The admin link's addresses: inside the admin subnet of ``ExampleRulesets/host()``.
    static let adminAddressing = VethLink.Addressing(number: 0)
    /// The outsider link's addresses: outside the admin subnet.
    static let outsiderAddressing = VethLink.Addressing(number: 7)

    /// Runs `body` with fresh namespaces, removed on every path.
    static func with<Result: Sendable>(_ body: (FirewallTestbed) async throws -> Result) async throws -> Result {
        try await withClientsAndServer(addressings: [adminAddressing, outsiderAddressing]) { server, links in
            try await body(FirewallTestbed(server: server, adminLink: links[0], outsiderLink: links[1]))
        }
    }

    /// The namespace of `host`.
    func namespace(of host: TestbedHost) -> NetworkNamespace {
        switch host {
        case .server: server
        case .admin: adminLink.first.namespace
        case .outsider: outsiderLink.first.namespace
        }
    }

    /// The address `peer` reaches `host` at, over the link between them.
    /// - Throws: ``TestbedError`` when no link joins them (the two clients, or a host with itself).
    func address(of host: TestbedHost, from peer: TestbedHost, family: IPFamily) throws -> String {
        let end: VethLink.End
        switch (host, peer) {
        case (.server, .admin): end = adminLink.second
        case (.server, .outsider): end = outsiderLink.second
        case (.admin, .server): end = adminLink.first
        case (.outsider, .server): end = outsiderLink.first
        case (.server, .server), (.admin, .admin), (.admin, .outsider), (.outsider, .outsider), (.outsider, .admin):
            throw TestbedError(message: "no link joins \(host) and \(peer)")
        }
        return end.address(ipv6: family == .ipv6)
    }

    /// The name of the host holding `address` with its family (`admin IPv6`), or the address
    /// itself when no host of the testbed holds it. IPv6 addresses are compared by value, not text.
    func label(ofPeer address: String) -> String {
        let ends: [(TestbedHost, VethLink.End)] = [
            (.admin, adminLink.first), (.outsider, outsiderLink.first),
            (.server, adminLink.second), (.server, outsiderLink.second),
        ]
        for (host, end) in ends {
            for family in IPFamily.allCases
            where IPAddressText.sameAddress(end.address(ipv6: family == .ipv6), address) {
                return "\(host) \(family)"
            }
        }
        return address
    }
}

/// A probe asked for something the testbed does not have.
struct TestbedError: Error, CustomStringConvertible {
    /// What is missing.
    var message: String
    /// The message.
    var description: String { message }
}

/// Compares addresses written differently (`fd00:99:0::1` and `fd00:99::1`).
enum IPAddressText {
    /// Whether `first` and `second` are the same IPv4 or IPv6 address.
    static func sameAddress(_ first: String, _ second: String) -> Bool {
        guard let first = bytes(of: first), let second = bytes(of: second) else { return first == second }
        return first == second
    }

    /// The address's bytes (4 or 16), nil when the text is not an address.
    static func bytes(of text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }
}
