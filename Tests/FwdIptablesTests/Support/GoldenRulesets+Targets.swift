import FwdModel

extension GoldenRulesets {
    /// Every target, in the tables and chains where each is valid.
    static func targets() -> Ruleset {
        let raw = Table(.raw, chains: [
            Chain("PREROUTING", rules: [Rule(proto: "udp", dport: 53, jump: .accept)]),
        ])
        let mangle = Table(.mangle, chains: [
            Chain("PREROUTING", rules: [
                Rule(inInterface: "eth0", jump: .mark(set: MarkValue(0x1))),
                Rule(inInterface: "eth1", jump: .mark(set: MarkValue(0x1, mask: 0xff))),
                Rule(inInterface: "eth2", jump: .mark(set: MarkValue(0x100, mask: 0xf))),
            ]),
            Chain("OUTPUT", rules: [Rule(proto: "tcp", dport: 25, jump: .mark(set: MarkValue(0xdead_beef)))]),
        ])
        let nat = Table(.nat, chains: [
            Chain("PREROUTING", rules: [
                Rule(proto: "tcp", dport: 80, jump: .dnat(to: "10.0.0.5:8080")),
                Rule(proto: "tcp", dport: 81, jump: .dnat(to: "10.0.0.5")),
                Rule(proto: "tcp", dport: 82, jump: .dnat(to: "10.0.0.5-10.0.0.9:8000-8010")),
                Rule(proto: "tcp", dport: 83, jump: .dnat(to: "[fd00::5]:8080")),
                Rule(proto: "udp", dport: 84, jump: .dnat(to: "fd00::6")),
                Rule(proto: "tcp", dport: 85, jump: .redirect),
                Rule(proto: "tcp", dport: 86, jump: .redirect(ports: PortRange(8080, 8090))),
            ]),
            Chain("POSTROUTING", rules: [
                Rule(outInterface: "eth0", jump: .masquerade),
                Rule(proto: "tcp", outInterface: "eth1", jump: .masquerade(ports: PortRange(1024, 2048))),
                Rule(outInterface: "eth2", jump: .snat(to: "1.2.3.4")),
                Rule(proto: "udp", outInterface: "eth3", jump: .snat(to: "1.2.3.4-1.2.3.8:5000-6000")),
                Rule(outInterface: "eth4", jump: .snat(to: "fd00::1")),
            ]),
        ])
        let filter = Table(.filter, chains: [
            Chain("INPUT", policy: .drop, rules: [
                Rule(proto: "tcp", dport: 22, jump: .accept),
                Rule(proto: "tcp", dport: 23, jump: .drop),
                Rule(proto: "tcp", dport: 24, jump: .reject),
                Rule(proto: "tcp", dport: 25, jump: .reject(with: .tcpReset)),
                Rule(source: "10.0.0.0/8", jump: .reject(with: .icmpNetUnreachable)),
                Rule(source: "10.1.0.0/16", jump: .reject(with: .icmpHostUnreachable)),
                Rule(source: "10.2.0.0/16", jump: .reject(with: .icmpPortUnreachable)),
                Rule(source: "10.3.0.0/16", jump: .reject(with: .icmpProtoUnreachable)),
                Rule(source: "10.4.0.0/16", jump: .reject(with: .icmpNetProhibited)),
                Rule(source: "10.5.0.0/16", jump: .reject(with: .icmpHostProhibited)),
                Rule(source: "10.6.0.0/16", jump: .reject(with: .icmpAdminProhibited)),
                Rule(source: "fd00::/16", jump: .reject(with: .icmp6NoRoute)),
                Rule(source: "fd01::/16", jump: .reject(with: .icmp6AdminProhibited)),
                Rule(source: "fd02::/16", jump: .reject(with: .icmp6AddressUnreachable)),
                Rule(source: "fd03::/16", jump: .reject(with: .icmp6PortUnreachable)),
                Rule(jump: .log),
                Rule(jump: .log(prefix: "in: ", level: .info)),
                Rule(jump: .log(prefix: "warn", level: .warning)),
                Rule(jump: .log(prefix: nil, level: .emergency)),
                Rule(jump: .log(prefix: "dbg", level: .debug)),
                Rule(proto: "udp", jump: .jump("CHECKS")),
                Rule(proto: "icmp", jump: .goto("CHECKS")),
                Rule(jump: .jump("CHECKS")),
            ]),
            Chain("CHECKS", rules: [
                Rule(ctstate: Negatable([.established]), jump: .return),
                Rule(proto: "udp", jump: .accept),
                Rule(jump: .drop),
            ]),
        ])
        return Ruleset([filter, nat, mangle, raw])
    }

    /// Port lists that fit one multiport match and lists that must be split.
    static func multiport() -> Ruleset {
        let fifteen = PortList((1...15).map { PortRange($0) })
        let sixteen = PortList((101...116).map { PortRange($0) })
        let withRanges = PortList((0..<7).map { PortRange(1000 + 10 * $0, 1005 + 10 * $0) } + [2000, 2001])
        let twenty = PortList((3001...3020).map { PortRange($0) })
        let input = Chain("INPUT", rules: [
            Rule(proto: "tcp", dport: Negatable(fifteen), comment: "fits", jump: .accept),
            Rule(proto: "tcp", dport: Negatable(sixteen), comment: "split in two", jump: .accept),
            Rule(proto: "udp", dport: Negatable(withRanges), comment: "ranges count twice", jump: .accept),
            Rule(proto: "tcp", sport: Negatable(twenty), dport: Negatable(twenty), comment: "two by two", jump: .log),
            Rule(proto: "tcp", sport: 53, dport: [80, 443], jump: .accept),
            Rule(proto: "udp", sport: [67, 68], dport: 53, jump: .accept),
            Rule(proto: "tcp", dport: .not(fifteen), comment: "negated, whole", jump: .drop),
            Rule(proto: "udplite", dport: 5000, jump: .accept),
            Rule(proto: "sctp", dport: [PortRange(5000, 5100), 6000], jump: .accept),
        ])
        return Ruleset([Table(.filter, chains: [input])])
    }
}
