/// A veth pair joining two namespaces, with an IPv4 and an IPv6 address on each end. It is
/// created inside the namespaces, so the host never sees it, and goes away with them.
public struct VethLink: Sendable, Hashable {
    /// One end of the pair.
    public struct End: Sendable, Hashable {
        /// The namespace holding this end.
        public var namespace: NetworkNamespace
        /// The interface name inside that namespace.
        public var interface: String
        /// The end's IPv4 address (`10.99.1.1`).
        public var ipv4: String
        /// The end's IPv6 address (`fd00:99:1::1`).
        public var ipv6: String
    }

    /// Which addresses the two ends get: `.1` and `.2` of an IPv4 /24 and `::1` and `::2` of an
    /// IPv6 /64.
    public struct Addressing: Sendable, Hashable {
        /// The first three octets of the IPv4 /24 (`10.99.1`).
        public var ipv4Network: String
        /// The IPv6 /64 prefix up to its `::` (`fd00:99:1::`).
        public var ipv6Network: String

        /// Link number `number`: `10.99.N.0/24` and `fd00:99:N::/64` (N in hex for IPv6).
        public init(number: UInt8) {
            ipv4Network = "10.99.\(number)"
            ipv6Network = "fd00:99:\(String(number, radix: 16))::"
        }

        /// `10.99.1.0/24` and `fd00:99:1::/64`.
        public static let `default` = Addressing(number: 1)

        /// The IPv4 prefix length (24).
        public static let ipv4PrefixLength = 24
        /// The IPv6 prefix length (64).
        public static let ipv6PrefixLength = 64
    }

    /// The first end (in the first namespace given to ``connect(_:_:addressing:interfaces:)``),
    /// holding `.1`/`::1`.
    public var first: End
    /// The second end, holding `.2`/`::2`.
    public var second: End

    /// Creates a veth pair between `first` and `second`, addresses both ends (IPv6 with `nodad`, so
    /// the address works at once) and brings them up.
    public static func connect(
        _ first: NetworkNamespace, _ second: NetworkNamespace, addressing: Addressing = .default,
        interfaces: (first: String, second: String) = ("veth0", "veth1")
    ) async throws -> VethLink {
        let link = VethLink(
            first: End(namespace: first, interface: interfaces.first,
                ipv4: addressing.ipv4Network + ".1", ipv6: addressing.ipv6Network + "1"),
            second: End(namespace: second, interface: interfaces.second,
                ipv4: addressing.ipv4Network + ".2", ipv6: addressing.ipv6Network + "2"))
        try await Command.run("ip", [
            "-n", first.name, "link", "add", interfaces.first, "type", "veth",
            "peer", "name", interfaces.second, "netns", second.name,
        ]).checked()
        for end in [link.first, link.second] { try await end.configure() }
        for end in [link.first, link.second] { try await end.waitUntilUp() }
        return link
    }
}

extension VethLink.End {
    /// The address of `family`-text kind: `ipv4` or `ipv6`.
    public func address(ipv6 wantsIPv6: Bool) -> String { wantsIPv6 ? ipv6 : ipv4 }

    fileprivate func configure() async throws {
        try await namespace.setSysctl("net.ipv6.conf.\(interface).accept_dad", "0")
        let v4 = "\(ipv4)/\(VethLink.Addressing.ipv4PrefixLength)"
        let v6 = "\(ipv6)/\(VethLink.Addressing.ipv6PrefixLength)"
        try await Command.run("ip", ["-n", namespace.name, "addr", "add", v4, "dev", interface]).checked()
        try await Command.run("ip", ["-n", namespace.name, "addr", "add", v6, "dev", interface, "nodad"]).checked()
        try await Command.run("ip", ["-n", namespace.name, "link", "set", interface, "up"]).checked()
    }

    /// Waits (at most 5 s) until the interface reports carrier, so the first probe is not lost.
    fileprivate func waitUntilUp() async throws {
        for _ in 0..<100 {
            let result = try await Command.run("ip", ["-n", namespace.name, "-o", "link", "show", interface])
            if result.standardOutput.contains("state UP") { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CommandError.unexpectedOutput(
            commandLine: ["ip", "-n", namespace.name, "link", "show", interface], output: "link never came up")
    }
}
