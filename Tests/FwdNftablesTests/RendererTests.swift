import FwdModel
import FwdNftables
import Testing

/// Rule text as `nft list ruleset` prints it (each expected line was printed by nft 1.0.6).
@Suite struct RendererTests {
    @Test func matchesPrintAsNftPrintsThem() {
        let cases: [(Rule, String)] = [
            (Rule(proto: "tcp", dport: 22, jump: .accept), "tcp dport 22 accept"),
            (Rule(proto: "tcp", sport: 1, dport: 2, jump: .accept), "tcp sport 1 tcp dport 2 accept"),
            (Rule(proto: "udp", sport: .not(1), dport: .not(2), jump: .accept), "udp sport != 1 udp dport != 2 accept"),
            (Rule(proto: "tcp", dport: .not([PortRange(1000, 2000)]), jump: .accept), "tcp dport != 1000-2000 accept"),
            (Rule(proto: "!tcp", jump: .accept), "meta l4proto != tcp accept"),
            (Rule(proto: "ipv6-icmp", jump: .accept), "meta l4proto ipv6-icmp accept"),
            (Rule(proto: "ipip", jump: .accept), "meta l4proto ipencap accept"),
            (Rule(source: "10.0.0.0/8", jump: .accept), "ip saddr 10.0.0.0/8 accept"),
            (Rule(source: "!10.0.0.0/9", jump: .accept), "ip saddr != 10.0.0.0/9 accept"),
            (Rule(source: "10.0.0.1-10.0.0.9", jump: .accept), "ip saddr 10.0.0.1-10.0.0.9 accept"),
            (Rule(destination: "!10.0.0.1-10.0.0.9", jump: .accept), "ip daddr != 10.0.0.1-10.0.0.9 accept"),
            (Rule(source: "fd00::/8", jump: .accept), "ip6 saddr fd00::/8 accept"),
            (Rule(destination: "2001:db8::/65", jump: .accept), "ip6 daddr 2001:db8::/65 accept"),
            (Rule(source: "::1:2", jump: .accept), "ip6 saddr ::0.1.0.2 accept"),
            (Rule(source: "::ffff:1.2.3.4", jump: .accept), "ip6 saddr ::ffff:1.2.3.4 accept"),
            (Rule(source: "1:0:0:1:0:0:0:1", jump: .accept), "ip6 saddr 1:0:0:1::1 accept"),
            (Rule(source: "::2", jump: .accept), "ip6 saddr ::2 accept"),
            (Rule(inInterface: "eth0", jump: .accept), "iifname \"eth0\" accept"),
            (Rule(inInterface: "!eth+", jump: .accept), "iifname != \"eth*\" accept"),
            (Rule(inInterface: "abc*", jump: .accept), "iifname \"abc\\*\" accept"),
            (Rule(ctstate: Negatable([.established, .related]), jump: .accept), "ct state established,related accept"),
            (Rule(ctstate: .not([.established, .related]), jump: .accept), "ct state ! established,related accept"),
            (Rule(ctstate: .not([.invalid]), jump: .accept), "ct state != invalid accept"),
            (Rule(proto: "icmp", jump: .accept), "meta l4proto icmp accept"),
            (Rule(proto: "icmp", icmpType: "echo-request", jump: .accept), "icmp type echo-request accept"),
            (Rule(proto: "icmp", icmpType: "fragmentation-needed", jump: .accept),
                "icmp type destination-unreachable icmp code frag-needed accept"),
            (Rule(proto: "icmp", icmpType: "!port-unreachable", jump: .accept),
                "icmp type != destination-unreachable icmp code != port-unreachable accept"),
            (Rule(proto: "icmp", icmpType: "200", jump: .accept), "icmp type 200 accept"),
            (Rule(proto: "icmpv6", icmpType: "neighbour-advertisement", jump: .accept),
                "icmpv6 type nd-neighbor-advert accept"),
            (Rule(limit: RateLimit(10, per: .minute), jump: .accept), "limit rate 10/minute accept"),
            (Rule(limit: RateLimit(2, per: .day, burst: 1), jump: .accept), "limit rate 2/day burst 1 packets accept"),
            (Rule(mark: 0x10, jump: .accept), "meta mark 0x00000010 accept"),
            (Rule(mark: .not(MarkValue(0x10, mask: 0xff)), jump: .accept), "meta mark & 0x000000ff != 0x00000010 accept"),
            (Rule(proto: "tcp", dport: 22, comment: "ssh", jump: .accept), "tcp dport 22 accept comment \"ssh\""),
        ]
        for (rule, text) in cases { #expect(Lower.text(rule) == text) }
    }

    @Test func statementsPrintAsNftPrintsThem() {
        let filter: [(Rule, String)] = [
            (Rule(jump: .reject), "reject"),
            (Rule(source: "1.2.3.4", jump: .reject), "ip saddr 1.2.3.4 reject with icmp port-unreachable"),
            (Rule(proto: "tcp", dport: 22, jump: .reject(with: .icmpHostUnreachable)),
                "tcp dport 22 reject with icmp host-unreachable"),
            (Rule(jump: .reject(with: .icmp6AddressUnreachable)), "reject with icmpv6 addr-unreachable"),
            (Rule(proto: "tcp", jump: .reject(with: .tcpReset)), "meta l4proto tcp reject with tcp reset"),
            (Rule(jump: .log), "log"),
            (Rule(jump: .log(prefix: "a: b", level: .emergency)), "log prefix \"a: b\" level emerg"),
            (Rule(jump: .log(prefix: nil, level: .warning)), "log"),
        ]
        for (rule, text) in filter { #expect(Lower.text(rule) == text) }
        let mangle: [(Rule, String)] = [
            (Rule(jump: .mark(set: 0x10)), "meta mark set 0x00000010"),
            (Rule(jump: .mark(set: MarkValue(0x10, mask: 0xff))), "meta mark set meta mark & 0xffffff10 | 0x00000010"),
            (Rule(jump: .mark(set: MarkValue(0x110, mask: 0xff))),
                "meta mark set meta mark & 0xffffff10 | 0x00000110"),
            (Rule(jump: .mark(set: MarkValue(0x110, mask: 0))), "meta mark set meta mark | 0x00000110"),
        ]
        for (rule, text) in mangle { #expect(Lower.text(rule, table: .mangle, chain: "PREROUTING") == text) }
        let nat: [(Rule, String, String)] = [
            (Rule(jump: .masquerade), "POSTROUTING", "masquerade"),
            (Rule(proto: "tcp", jump: .masquerade(ports: PortRange(1000, 2000))), "POSTROUTING",
                "meta l4proto tcp masquerade to :1000-2000"),
            (Rule(jump: .snat(to: "10.0.0.1")), "POSTROUTING", "meta nfproto ipv4 snat ip to 10.0.0.1"),
            (Rule(source: "10.0.0.0/8", jump: .snat(to: "10.0.0.1-10.0.0.5")), "POSTROUTING",
                "ip saddr 10.0.0.0/8 snat ip to 10.0.0.1-10.0.0.5"),
            (Rule(jump: .snat(to: "fd00::1-fd00::5")), "POSTROUTING", "meta nfproto ipv6 snat ip6 to fd00::1-fd00::5"),
            (Rule(proto: "tcp", dport: 80, jump: .dnat(to: "10.0.0.1:8080")), "PREROUTING",
                "meta nfproto ipv4 tcp dport 80 dnat ip to 10.0.0.1:8080"),
            (Rule(proto: "tcp", jump: .dnat(to: NATAddress("fd00::1-fd00::5", ports: PortRange(80, 90)))), "PREROUTING",
                "meta nfproto ipv6 meta l4proto tcp dnat ip6 to [fd00::1]-[fd00::5]:80-90"),
            (Rule(jump: .redirect), "PREROUTING", "redirect"),
            (Rule(proto: "udp", jump: .redirect(ports: 5353)), "OUTPUT", "meta l4proto udp redirect to :5353"),
        ]
        for (rule, chain, text) in nat { #expect(Lower.text(rule, table: .nat, chain: chain) == text) }
    }

    @Test func tablesChainsAndSetsAreLaidOutAsNftListsThem() {
        let table = Table(.filter, chains: [
            // Nine ports: beyond the split cap. A limit keeps the address list whole.
            Chain("user", rules: [Rule(proto: "tcp", dport: [1, 2, 3, 4, 5, 6, 7, 8, 9], jump: .accept)]),
            Chain("INPUT", policy: .drop, rules: [
                Rule(source: ["10.0.0.3", "10.0.0.1", "10.0.0.2"], limit: RateLimit(5, per: .second), jump: .jump("user")),
            ]),
        ])
        let lowered = NftablesLowering().lower(Ruleset([table]))
        let ports = lowered.tables[0].sets[1].name
        let addresses = lowered.tables[0].sets[0].name
        #expect(NftTextRenderer().render(lowered) == """
            table inet fwd_filter {
            \tset \(addresses) {
            \t\ttype ipv4_addr
            \t\telements = { 10.0.0.1, 10.0.0.2,
            \t\t\t     10.0.0.3 }
            \t}

            \tset \(ports) {
            \t\ttype inet_service
            \t\telements = { 1, 2, 3, 4, 5,
            \t\t\t     6, 7, 8, 9 }
            \t}

            \tchain INPUT {
            \t\ttype filter hook input priority filter; policy drop;
            \t\tip saddr @\(addresses) limit rate 5/second jump user
            \t}

            \tchain user {
            \t\ttcp dport @\(ports) accept
            \t}
            }

            """)
    }

    @Test func priorityNamesDependOnTheHook() {
        let text = NftTextRenderer().render(Ruleset([Table.withBuiltinChains(.nat)]))
        #expect(text.contains("type nat hook prerouting priority dstnat; policy accept;"))
        #expect(text.contains("type nat hook input priority 100; policy accept;"))
        #expect(text.contains("type nat hook output priority -100; policy accept;"))
        #expect(text.contains("type nat hook postrouting priority srcnat; policy accept;"))
        #expect(NftTextRenderer().render(Ruleset([Table(.security)])) == "table inet fwd_security {\n}\n")
    }
}
