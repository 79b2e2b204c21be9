import FwdModel

/// Rulesets shared by the tests.
enum Fixtures {
    /// A filter table using every match and most targets, with lists: split into rules, shared
    /// sets (a list beyond the split cap, or one the cap leaves whole), a negated list.
    static func mixedFilter() -> Table {
        let web: Negatable<PortList> = [80, 443, PortRange(8000, 8080)]
        let admins: Negatable<AddressList> = ["10.1.0.0/16", "192.168.7.7", "10.9.0.1-10.9.0.9"]
        return Table(.filter, chains: [
            Chain("INPUT", policy: .drop, rules: [
                Rule(ctstate: Negatable([.established, .related]), jump: .accept),
                Rule(ctstate: Negatable(.invalid), jump: .drop),
                Rule(inInterface: "lo", jump: .accept),
                Rule(proto: "tcp", dport: 22, comment: "ssh", jump: .accept),
                Rule(proto: "tcp", source: admins, dport: web, jump: .accept),
                Rule(proto: "tcp", dport: web, jump: .jump("web")),
                Rule(proto: "icmp", icmpType: "echo-request", limit: RateLimit(5, per: .second, burst: 10),
                    jump: .accept),
                Rule(proto: "icmpv6", icmpType: "neighbour-solicitation", jump: .accept),
                Rule(proto: "udp", source: "fd00::/8", sport: 547, dport: 546, jump: .accept),
                Rule(source: "!10.0.0.0/9", inInterface: "eth+", jump: .log(prefix: "spoof: ", level: .info)),
                Rule(proto: "tcp", jump: .reject(with: .tcpReset)),
                Rule(jump: .reject),
            ]),
            Chain("FORWARD", policy: .drop, rules: [
                Rule(inInterface: "veth+", outInterface: "!eth0", ctstate: Negatable([.new]), jump: .goto("web")),
                Rule(proto: "udp", destination: ["10.2.0.1", "10.2.0.2", "10.2.0.3"], dport: .not(53), jump: .drop),
                Rule(mark: Negatable(MarkValue(0x10, mask: 0xff)), jump: .accept),
                Rule(proto: "udp", dport: .not([53, 123, PortRange(5000, 5100)]), comment: "not dns, ntp", jump: .drop),
                Rule(proto: "tcp", dport: Negatable(PortList((1...9).map { PortRange($0 * 100) })), jump: .accept),
            ]),
            Chain("OUTPUT", rules: [
                Rule(proto: "tcp", destination: admins, sport: web, jump: .accept),
                Rule(mark: .not(0x2), jump: .mark(set: MarkValue(0x1, mask: 0xf))),
            ]),
            Chain("web", rules: [
                Rule(source: "2001:db8::1-2001:db8::ff", jump: .reject(with: .icmp6AdminProhibited)),
                Rule(proto: "tcp", dport: [80, 443, PortRange(8000, 8080)], jump: .accept),
                Rule(jump: .return),
            ]),
        ])
    }

    /// A nat table with every NAT target.
    static func nat() -> Table {
        Table(.nat, chains: [
            Chain("PREROUTING", rules: [
                Rule(proto: "tcp", inInterface: "eth0", dport: 80, jump: .dnat(to: "10.0.0.5:8080")),
                Rule(proto: "tcp", dport: 8443, jump: .dnat(to: "[fd00::5]:443")),
                Rule(proto: "udp", dport: 53, jump: .redirect(ports: PortRange(5353))),
            ]),
            Chain("OUTPUT", rules: [Rule(proto: "tcp", destination: "127.0.0.2", jump: .redirect)]),
            Chain("POSTROUTING", rules: [
                Rule(source: "10.0.0.0/8", outInterface: "eth0", jump: .masquerade),
                Rule(proto: "tcp", outInterface: "eth1", jump: .masquerade(ports: PortRange(1024, 65535))),
                Rule(source: "192.168.0.0/16", jump: .snat(to: "203.0.113.1-203.0.113.5")),
                Rule(outInterface: "eth2", jump: .snat(to: "2001:db8::1")),
            ]),
        ])
    }

    /// The mixed filter and nat tables together with mangle and raw tables.
    static func mixedRuleset() -> Ruleset {
        Ruleset([
            Table(.raw, chains: [
                Chain("PREROUTING", rules: [Rule(proto: "udp", dport: 4789, jump: .accept)]),
                Chain("OUTPUT"),
            ]),
            Table(.mangle, chains: [
                Chain("PREROUTING", rules: [Rule(inInterface: "wg0", jump: .mark(set: 0x100))]),
                Chain("OUTPUT", rules: [Rule(mark: 0x100, jump: .accept)]),
            ]),
            nat(),
            mixedFilter(),
        ])
    }
}
