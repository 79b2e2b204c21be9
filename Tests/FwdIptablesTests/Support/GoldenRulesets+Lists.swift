import FwdModel

extension GoldenRulesets {
    /// Composite rules (address lists) and rules of one family only.
    static func composite() -> Ruleset {
        let sixteen = PortList((201...216).map { PortRange($0) })
        let input = Chain("INPUT", rules: [
            Rule(source: "10.0.0.1,10.0.0.2,10.0.1.0/24", destination: "192.168.0.1,192.168.0.2",
                comment: "three by two", jump: .accept),
            Rule(source: "fd00::1,fd00::2", comment: "IPv6 pair", jump: .accept),
            Rule(source: "10.0.0.1-10.0.0.5,10.1.0.0/16", jump: .accept),
            Rule(proto: "tcp", source: "10.9.0.1,10.9.0.2", dport: Negatable(sixteen), comment: "2 x 2",
                jump: .accept),
            Rule(source: "10.8.0.0/16", comment: "IPv4 only", jump: .accept),
            Rule(source: "fd08::/16", comment: "IPv6 only", jump: .accept),
            Rule(proto: "tcp", dport: 8080, comment: "both families", jump: .accept),
            Rule(proto: "icmp", comment: "ICMP is IPv4", jump: .accept),
            Rule(proto: "icmpv6", comment: "ICMPv6 is IPv6", jump: .accept),
            Rule(proto: "!icmp", comment: "negated ICMP is both", jump: .accept),
            Rule(jump: .reject(with: .icmp6AdminProhibited)),
            Rule(jump: .reject(with: .icmpAdminProhibited)),
            Rule(jump: .reject),
        ])
        let nat = Table(.nat, chains: [
            Chain("POSTROUTING", rules: [
                Rule(outInterface: "eth0", jump: .snat(to: "fd00::1")),
                Rule(outInterface: "eth0", jump: .snat(to: "192.0.2.1")),
                Rule(outInterface: "eth1", jump: .masquerade),
            ]),
        ])
        return Ruleset([Table(.filter, chains: [input]), nat])
    }

    /// Comments and log prefixes that need quoting.
    static func comments() -> Ruleset {
        let input = Chain("INPUT", rules: [
            Rule(comment: "say \"hello\"", jump: .accept),
            Rule(comment: "back\\slash and \\\"both\\\"", jump: .accept),
            Rule(comment: "it's", jump: .accept),
            Rule(comment: "ünïcödé ✓", jump: .accept),
            Rule(comment: "$HOME `id` ; | & > <", jump: .accept),
            Rule(comment: "-j DROP", jump: .accept),
            Rule(comment: "# not a comment line", jump: .accept),
            Rule(comment: "plain_word-1", jump: .accept),
            Rule(comment: "", jump: .accept),
            Rule(comment: String(repeating: "x", count: 250) + " \"q\"", jump: .accept),
            Rule(comment: "log", jump: .log(prefix: "\"quoted\" \\ ", level: .notice)),
            Rule(jump: .log(prefix: "it's: ", level: nil)),
        ])
        return Ruleset([Table(.filter, chains: [input])])
    }
}
