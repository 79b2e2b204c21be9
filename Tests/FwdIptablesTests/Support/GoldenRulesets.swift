import FwdModel

/// The rulesets rendered to golden files and loaded into the kernel. Together they use every
/// match and target of the model, negations, ranges, multiport splitting, composite rules, the
/// IPv4/IPv6 split and awkward comments.
enum GoldenRulesets {
    /// Every golden ruleset by name (the golden files are `<name>.<family>.rules`).
    static let all: [(name: String, ruleset: Ruleset)] = [
        ("host", ExampleRulesets.host()),
        ("matches", relocated(matches(), file: "matches.fwd")),
        ("targets", relocated(targets(), file: "targets.fwd")),
        ("multiport", relocated(multiport(), file: "multiport.fwd")),
        ("composite", relocated(composite(), file: "composite.fwd")),
        ("comments", relocated(comments(), file: "comments.fwd")),
    ]

    /// The ruleset with stable, source-independent locations: each table, chain and rule on its
    /// own line of `file`, rules with a column as a configuration file would give.
    static func relocated(_ ruleset: Ruleset, file: String) -> Ruleset {
        var line = 0
        func next(column: Int? = nil) -> SourceLocation {
            line += 1
            return SourceLocation(file: file, line: line, column: column)
        }
        var result = ruleset
        for var table in ruleset.tables {
            table.location = next()
            for var chain in table.chains {
                chain.location = next(column: 3)
                chain.rules = chain.rules.map { rule in
                    var rule = rule
                    rule.location = next(column: 5)
                    return rule
                }
                table[chain.name] = chain
            }
            result[table.kind] = table
        }
        return result
    }

    /// Every match, plain and negated, in the filter table.
    static func matches() -> Ruleset {
        let input = Chain("INPUT", policy: .drop, rules: [
            Rule(proto: "tcp", jump: .accept),
            Rule(proto: "!udp", jump: .drop),
            Rule(proto: "gre", jump: .accept),
            Rule(source: "10.0.0.1", jump: .accept),
            Rule(source: "!10.0.0.0/8", jump: .drop),
            Rule(destination: "192.168.1.0/24", jump: .accept),
            Rule(destination: "!192.168.1.1", jump: .drop),
            Rule(source: "0.0.0.0/0", comment: "anywhere", jump: .accept),
            Rule(source: "10.0.0.1-10.0.0.9", jump: .accept),
            Rule(source: "!10.0.0.1-10.0.0.9", jump: .drop),
            Rule(source: "10.2.0.0/16", destination: "10.1.0.1-10.1.0.9", jump: .accept),
            Rule(source: "10.3.0.1-10.3.0.2", destination: "!10.4.0.1-10.4.0.2", jump: .accept),
            Rule(inInterface: "eth0", jump: .accept),
            Rule(inInterface: "!eth+", jump: .drop),
            Rule(proto: "udp", sport: 53, jump: .accept),
            Rule(proto: "tcp", dport: .not(80), jump: .drop),
            Rule(proto: "tcp", sport: Negatable(PortList([PortRange(1024, 65535)])), dport: 443, jump: .accept),
            Rule(proto: "tcp", sport: Negatable(PortList([PortRange(1, 1023)]), negated: true), jump: .drop),
            Rule(proto: "sctp", dport: 9, jump: .accept),
            Rule(proto: "dccp", dport: 10, jump: .accept),
            Rule(ctstate: Negatable([.new]), jump: .accept),
            Rule(ctstate: .not([.invalid]), jump: .accept),
            Rule(ctstate: Negatable([.untracked, .related]), jump: .accept),
            Rule(proto: "icmp", icmpType: "echo-request", jump: .accept),
            Rule(proto: "icmp", icmpType: "!destination-unreachable", jump: .accept),
            Rule(proto: "icmp", icmpType: "3/4", jump: .accept),
            Rule(proto: "icmp", icmpType: "port-unreachable", jump: .accept),
            Rule(proto: "icmpv6", icmpType: "echo-request", jump: .accept),
            Rule(proto: "icmpv6", icmpType: "!1/4", jump: .accept),
            Rule(proto: "icmpv6", icmpType: "packet-too-big", jump: .accept),
            Rule(limit: RateLimit(5, per: .second, burst: 10), jump: .accept),
            Rule(limit: RateLimit(60, per: .minute), jump: .accept),
            Rule(limit: RateLimit(7, per: .hour, burst: 5), jump: .accept),
            Rule(limit: RateLimit(2, per: .day, burst: 1), jump: .accept),
            Rule(mark: Negatable(MarkValue(0x1)), jump: .accept),
            Rule(mark: .not(MarkValue(0x10, mask: 0xf0)), jump: .accept),
            Rule(mark: Negatable(MarkValue(0x2, mask: 0xffff_ffff)), jump: .accept),
            Rule(comment: "only a comment"),
            Rule(proto: "tcp"),
            Rule(source: "fd00::/8", jump: .accept),
            Rule(destination: "!fd00::1", jump: .drop),
            Rule(source: "fd00::1-fd00::9", jump: .accept),
            Rule(
                proto: "tcp", source: "172.16.0.0/12", destination: "172.17.0.1", inInterface: "!lo", sport: 1000,
                dport: 2000, ctstate: Negatable([.new, .established]), limit: RateLimit(100, per: .second),
                mark: Negatable(MarkValue(0x7, mask: 0xff)), comment: "all at once", jump: .accept),
        ])
        let forward = Chain("FORWARD", policy: .drop, rules: [
            Rule(outInterface: "wan0", jump: .accept),
            Rule(outInterface: "!br+", jump: .drop),
            Rule(inInterface: "lan0", outInterface: "wan0", jump: .accept),
        ])
        let output = Chain("OUTPUT", rules: [Rule(outInterface: "eth1", jump: .accept)])
        return Ruleset([Table(.filter, chains: [input, forward, output])])
    }
}
