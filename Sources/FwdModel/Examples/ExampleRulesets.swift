/// Rulesets written with the Swift API, for the CLI to show before a configuration file exists
/// and for tests that need a realistic firewall (renderers, packet tests).
public enum ExampleRulesets {
    /// The IPv4 subnet SSH is accepted from in ``host()``.
    public static let adminSubnet: AddressSpec = "10.99.0.0/24"

    /// The log prefix of the `LOGDROP` chain in ``host()``.
    public static let dropLogPrefix = "fwd drop: "

    /// A stateful host firewall, for IPv4 and IPv6:
    ///
    /// - `INPUT` has policy DROP and accepts: established and related connections; everything
    ///   from the loopback interface `lo`; SSH (tcp 22) from ``adminSubnet`` only (IPv4);
    ///   HTTP (tcp 80) from anywhere; ping (ICMP echo-request, and ICMPv6 echo-request); IPv6
    ///   neighbour discovery (without it IPv6 stops working on the link).
    /// - Telnet (tcp 23) is rejected with a TCP reset.
    /// - Everything else goes to the user chain `LOGDROP`, which logs with the prefix
    ///   ``dropLogPrefix`` and drops.
    ///
    /// `FORWARD` and `OUTPUT` are not given, so backends leave them at policy ACCEPT.
    public static func host() -> Ruleset {
        let input = Chain("INPUT", policy: .drop, rules: [
            Rule(ctstate: Negatable([.established, .related]), comment: "established and related", jump: .accept),
            Rule(inInterface: "lo", comment: "loopback", jump: .accept),
            Rule(proto: "tcp", source: Negatable(AddressList([adminSubnet])), dport: 22, comment: "SSH from the admin subnet",
                jump: .accept),
            Rule(proto: "tcp", dport: 80, comment: "HTTP", jump: .accept),
            Rule(proto: "icmp", icmpType: "echo-request", comment: "ping", jump: .accept),
            Rule(proto: "icmpv6", icmpType: "echo-request", comment: "ping (IPv6)", jump: .accept),
            Rule(proto: "icmpv6", icmpType: "neighbour-solicitation", comment: "IPv6 neighbour discovery",
                jump: .accept),
            Rule(proto: "icmpv6", icmpType: "neighbour-advertisement", comment: "IPv6 neighbour discovery",
                jump: .accept),
            Rule(proto: "tcp", dport: 23, comment: "no telnet", jump: .reject(with: .tcpReset)),
            Rule(comment: "log and drop the rest", jump: .jump("LOGDROP")),
        ])
        let logDrop = Chain("LOGDROP", rules: [
            Rule(jump: .log(prefix: dropLogPrefix, level: .info)),
            Rule(jump: .drop),
        ])
        return Ruleset([Table(.filter, chains: [input, logDrop])])
    }
}
