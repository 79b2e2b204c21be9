import FwdModel

/// A model rule and the nft text that should build the same expressions: one nft rule, or one per
/// rule the model rule is split into (``NftEquivalenceCase/init(_:rules:table:chain:)``). `@SET`
/// in the text stands for the named set(s) the lowered rules look up, in order.
struct NftEquivalenceCase {
    var rule: Rule
    var table: TableKind
    var chain: String
    var nftRules: [String]

    init(_ rule: Rule, _ nft: String, table: TableKind = .filter, chain: String = "INPUT") {
        self.init(rule, rules: [nft], table: table, chain: chain)
    }

    init(_ rule: Rule, rules nftRules: [String], table: TableKind = .filter, chain: String = "INPUT") {
        self.rule = rule
        self.nftRules = nftRules
        self.table = table
        self.chain = chain
    }

    /// One case per match and target, written as a person would write them for nft.
    static let all: [NftEquivalenceCase] = addresses + protocols + meta + targets + nat + lists

    /// Nine ports: one more than a rule may be split into, so a set.
    static let ninePorts = Negatable(PortList((1...9).map { PortRange($0 * 11) }))

    /// Lists: split into one rule per element (per combination), a set beyond the cap or with a
    /// limit, a run of `!=` when negated.
    static let lists: [NftEquivalenceCase] = [
        .init(Rule(proto: "tcp", dport: [443, 22, 80], jump: .accept),
            rules: ["tcp dport 22 accept", "tcp dport 80 accept", "tcp dport 443 accept"]),
        .init(Rule(source: ["10.0.0.1", "10.0.0.0/24", "192.168.1.0/24"], jump: .accept),
            rules: ["ip saddr 10.0.0.0/24 accept", "ip saddr 192.168.1.0/24 accept"]),
        .init(Rule(destination: ["fd00::1", "fd00::2"], jump: .log(prefix: "six ", level: .info)),
            rules: ["ip6 daddr fd00::1 log prefix \"six \" level info", "ip6 daddr fd00::2 log prefix \"six \" level info"]),
        .init(Rule(source: ["10.1.2.0/23", "10.9.0.1-10.9.0.9"], jump: .jump("user")),
            rules: ["ip saddr 10.1.2.0/23 jump user", "ip saddr 10.9.0.1-10.9.0.9 jump user"]),
        .init(Rule(proto: "udp", source: ["10.0.0.0/8", "172.16.0.0/12"], sport: [53, 5353], dport: 53, comment: "dns",
            jump: .accept),
            rules: [
                "ip saddr 10.0.0.0/8 udp sport 53 udp dport 53 accept comment \"dns\"",
                "ip saddr 10.0.0.0/8 udp sport 5353 udp dport 53 accept comment \"dns\"",
                "ip saddr 172.16.0.0/12 udp sport 53 udp dport 53 accept comment \"dns\"",
                "ip saddr 172.16.0.0/12 udp sport 5353 udp dport 53 accept comment \"dns\"",
            ]),
        .init(Rule(proto: "tcp", dport: ninePorts, jump: .accept), "tcp dport @SET accept"),
        .init(Rule(proto: "tcp", destination: ["10.0.0.1", "10.0.0.2"], dport: ninePorts, jump: .drop),
            rules: ["ip daddr 10.0.0.1 tcp dport @SET drop", "ip daddr 10.0.0.2 tcp dport @SET drop"]),
        .init(Rule(proto: "tcp", dport: [22, 80], limit: RateLimit(5, per: .second), jump: .accept),
            "tcp dport @SET limit rate 5/second accept"),
        .init(Rule(proto: "tcp", sport: .not([22, PortRange(1000, 2000)]), jump: .accept),
            "tcp sport != 22 tcp sport != 1000-2000 accept"),
    ]

    static let addresses: [NftEquivalenceCase] = [
        .init(Rule(source: "10.0.0.0/8", jump: .accept), "ip saddr 10.0.0.0/8 accept"),
        .init(Rule(source: "10.1.0.0/16", jump: .accept), "ip saddr 10.1.0.0/16 accept"),
        .init(Rule(source: "10.1.2.0/23", jump: .accept), "ip saddr 10.1.2.0/23 accept"),
        .init(Rule(source: "!10.0.0.0/9", jump: .accept), "ip saddr != 10.0.0.0/9 accept"),
        .init(Rule(source: "0.0.0.0/0", jump: .accept), "ip saddr 0.0.0.0/0 accept"),
        .init(Rule(destination: "1.2.3.4", jump: .drop), "ip daddr 1.2.3.4 drop"),
        .init(Rule(source: "10.0.0.1-10.0.0.9", jump: .accept), "ip saddr 10.0.0.1-10.0.0.9 accept"),
        .init(Rule(source: "!10.0.0.1-10.0.0.9", jump: .accept), "ip saddr != 10.0.0.1-10.0.0.9 accept"),
        .init(Rule(source: "fd00::/8", jump: .accept), "ip6 saddr fd00::/8 accept"),
        .init(Rule(source: "2001:db8::/65", jump: .accept), "ip6 saddr 2001:db8::/65 accept"),
        .init(Rule(destination: "!fd00::1", jump: .accept), "ip6 daddr != fd00::1 accept"),
        .init(Rule(source: "::1-::5", jump: .accept), "ip6 saddr ::1-::5 accept"),
        .init(Rule(source: "10.0.0.0/8", destination: "10.0.0.0/8", jump: .accept),
            "ip saddr 10.0.0.0/8 ip daddr 10.0.0.0/8 accept"),
        .init(Rule(proto: "tcp", source: "10.0.0.0/8", inInterface: "eth0", dport: 22, jump: .accept),
            "iifname \"eth0\" ip saddr 10.0.0.0/8 tcp dport 22 accept"),
    ]

    static let protocols: [NftEquivalenceCase] = [
        .init(Rule(proto: "tcp", dport: 22, jump: .accept), "tcp dport 22 accept"),
        .init(Rule(proto: "tcp", dport: 22), "tcp dport 22"),
        .init(Rule(proto: "udp", sport: 53, dport: 53, jump: .accept), "udp sport 53 udp dport 53 accept"),
        .init(Rule(proto: "udp", sport: .not(53), dport: [PortRange(1024, 65535)], jump: .accept),
            "udp sport != 53 udp dport 1024-65535 accept"),
        .init(Rule(proto: "tcp", dport: .not([PortRange(1000, 2000)]), jump: .accept), "tcp dport != 1000-2000 accept"),
        .init(Rule(proto: "sctp", dport: 22, jump: .accept), "sctp dport 22 accept"),
        .init(Rule(proto: "dccp", sport: 22, jump: .accept), "dccp sport 22 accept"),
        .init(Rule(proto: "udplite", dport: 22, jump: .accept), "udplite dport 22 accept"),
        .init(Rule(proto: "tcp", jump: .accept), "meta l4proto tcp accept"),
        .init(Rule(proto: "!tcp", jump: .accept), "meta l4proto != tcp accept"),
        .init(Rule(proto: "gre", jump: .accept), "meta l4proto gre accept"),
        .init(Rule(proto: "!icmp", jump: .accept), "meta l4proto != icmp accept"),
        .init(Rule(proto: "icmp", jump: .accept), "meta nfproto ipv4 meta l4proto icmp accept"),
        .init(Rule(proto: "icmp", icmpType: "echo-request", jump: .accept), "icmp type echo-request accept"),
        .init(Rule(proto: "icmp", icmpType: "!echo-request", jump: .accept), "icmp type != echo-request accept"),
        .init(Rule(proto: "icmp", icmpType: "port-unreachable", jump: .accept),
            "icmp type destination-unreachable icmp code port-unreachable accept"),
        .init(Rule(proto: "icmp", icmpType: "!3/3", jump: .accept),
            "icmp type != destination-unreachable icmp code != port-unreachable accept"),
        .init(Rule(proto: "icmpv6", icmpType: "neighbour-solicitation", jump: .accept),
            "icmpv6 type nd-neighbor-solicit accept"),
        .init(Rule(proto: "icmpv6", icmpType: "no-route", jump: .accept),
            "icmpv6 type destination-unreachable icmpv6 code no-route accept"),
    ]

    static let meta: [NftEquivalenceCase] = [
        .init(Rule(inInterface: "eth0", jump: .accept), "iifname \"eth0\" accept"),
        .init(Rule(inInterface: "eth+", jump: .accept), "iifname \"eth*\" accept"),
        .init(Rule(inInterface: "!eth+", jump: .accept), "iifname != \"eth*\" accept"),
        .init(Rule(inInterface: "abcdefghijklmno", jump: .accept), "iifname \"abcdefghijklmno\" accept"),
        .init(Rule(outInterface: "!eth0", jump: .accept), "oifname != \"eth0\" accept", chain: "FORWARD"),
        .init(Rule(ctstate: Negatable([.established, .related]), jump: .accept), "ct state established,related accept"),
        .init(Rule(ctstate: Negatable([.new, .untracked]), jump: .accept), "ct state new,untracked accept"),
        .init(Rule(ctstate: .not([.invalid]), jump: .accept), "ct state != invalid accept"),
        .init(Rule(ctstate: .not([.established, .related]), jump: .accept), "ct state ! established,related accept"),
        .init(Rule(mark: 0x10, jump: .accept), "meta mark 0x10 accept"),
        .init(Rule(mark: .not(0x10), jump: .accept), "meta mark != 0x10 accept"),
        .init(Rule(mark: Negatable(MarkValue(0x10, mask: 0xff)), jump: .accept), "meta mark and 0xff == 0x10 accept"),
        .init(Rule(limit: RateLimit(5, per: .second, burst: 10), jump: .accept),
            "limit rate 5/second burst 10 packets accept"),
        .init(Rule(limit: RateLimit(10, per: .minute), jump: .accept), "limit rate 10/minute accept"),
        .init(Rule(proto: "tcp", dport: 22, comment: "ssh", jump: .accept), "tcp dport 22 accept comment \"ssh\""),
    ]

    static let targets: [NftEquivalenceCase] = [
        .init(Rule(jump: .drop), "drop"),
        .init(Rule(jump: .jump("user")), "jump user"),
        .init(Rule(jump: .goto("user")), "goto user"),
        .init(Rule(jump: .return), "return", chain: "user"),
        .init(Rule(jump: .reject), "reject"),
        .init(Rule(source: "1.2.3.4", jump: .reject), "ip saddr 1.2.3.4 reject"),
        .init(Rule(source: "::1", jump: .reject), "ip6 saddr ::1 reject"),
        .init(Rule(jump: .reject(with: .icmpHostProhibited)), "reject with icmp type host-prohibited"),
        .init(Rule(proto: "tcp", dport: 22, jump: .reject(with: .icmpNetUnreachable)),
            "tcp dport 22 reject with icmp type net-unreachable"),
        .init(Rule(jump: .reject(with: .icmp6AdminProhibited)), "reject with icmpv6 type admin-prohibited"),
        .init(Rule(proto: "tcp", jump: .reject(with: .tcpReset)), "meta l4proto tcp reject with tcp reset"),
        .init(Rule(jump: .log), "log"),
        .init(Rule(jump: .log(prefix: "in: ", level: .info)), "log prefix \"in: \" level info"),
        .init(Rule(jump: .log(prefix: nil, level: .debug)), "log level debug"),
        .init(Rule(jump: .mark(set: 0x10)), "meta mark set 0x10", table: .mangle, chain: "PREROUTING"),
        .init(Rule(jump: .mark(set: MarkValue(0x10, mask: 0xff))), "meta mark set meta mark and 0xffffff00 xor 0x10",
            table: .mangle, chain: "PREROUTING"),
    ]

    static let nat: [NftEquivalenceCase] = [
        .init(Rule(proto: "tcp", dport: 80, jump: .dnat(to: "10.0.0.5:8080")),
            "meta nfproto ipv4 tcp dport 80 dnat ip to 10.0.0.5:8080", table: .nat, chain: "PREROUTING"),
        .init(Rule(proto: "tcp", destination: "1.2.3.4", dport: 80, jump: .dnat(to: "10.0.0.1-10.0.0.5:8080-8090")),
            "ip daddr 1.2.3.4 tcp dport 80 dnat ip to 10.0.0.1-10.0.0.5:8080-8090", table: .nat, chain: "PREROUTING"),
        .init(Rule(proto: "tcp", jump: .dnat(to: "[fd00::1]:8080")),
            "meta nfproto ipv6 meta l4proto tcp dnat ip6 to [fd00::1]:8080", table: .nat, chain: "PREROUTING"),
        .init(Rule(jump: .redirect), "redirect", table: .nat, chain: "PREROUTING"),
        .init(Rule(proto: "udp", dport: 53, jump: .redirect(ports: 5353)), "udp dport 53 redirect to :5353",
            table: .nat, chain: "PREROUTING"),
        .init(Rule(proto: "tcp", jump: .redirect(ports: PortRange(8080, 8090))), "meta l4proto tcp redirect to :8080-8090",
            table: .nat, chain: "OUTPUT"),
        .init(Rule(jump: .masquerade), "masquerade", table: .nat, chain: "POSTROUTING"),
        .init(Rule(proto: "tcp", jump: .masquerade(ports: PortRange(1024, 65535))),
            "meta l4proto tcp masquerade to :1024-65535", table: .nat, chain: "POSTROUTING"),
        .init(Rule(outInterface: "eth0", jump: .masquerade), "oifname \"eth0\" masquerade", table: .nat, chain: "POSTROUTING"),
        .init(Rule(jump: .snat(to: "10.0.0.1")), "meta nfproto ipv4 snat ip to 10.0.0.1", table: .nat, chain: "POSTROUTING"),
        .init(Rule(source: "10.0.0.0/8", jump: .snat(to: "10.0.0.1-10.0.0.5")),
            "ip saddr 10.0.0.0/8 snat ip to 10.0.0.1-10.0.0.5", table: .nat, chain: "POSTROUTING"),
        .init(Rule(jump: .snat(to: "fd00::1-fd00::5")), "meta nfproto ipv6 snat ip6 to fd00::1-fd00::5",
            table: .nat, chain: "POSTROUTING"),
        .init(Rule(proto: "udp", outInterface: "eth0", jump: .snat(to: "10.0.0.1:1000")),
            "meta nfproto ipv4 oifname \"eth0\" meta l4proto udp snat ip to 10.0.0.1:1000", table: .nat, chain: "POSTROUTING"),
    ]
}
