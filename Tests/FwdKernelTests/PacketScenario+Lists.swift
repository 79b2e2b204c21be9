import FwdModel

extension PacketScenario {
    /// ``ExampleRulesets/host()`` with list rules whose lowering must act exactly once per packet
    /// (nftables splits short lists into one rule per element: see `docs/nftables.md`, "Lists"):
    ///
    /// - a negated port list drops UDP to anything but 53 and 5353, then 5353 is accepted: a
    ///   negated list means "none of them", so mDNS gets through;
    /// - TCP from overlapping prefixes (`10.99.0.0/24`, `10.99.0.0/25`, the outsider's /24) to
    ///   overlapping ports (8080, `8000-8100`, 9000) jumps into `VISIT`, which drops a packet it
    ///   has seen before (mark bit 0x1) and otherwise marks it and returns; the same lists LOG and
    ///   set mark bit 0x2 (targets that go on);
    /// - two identical rules set mark `0x8/0x10`: a value with a bit outside its mask. Like
    ///   iptables' `--set-mark`, the bit is set (not toggled), so it is still set after both;
    /// - tcp 8080 with mark bits 0x1, 0x2 and 0x8 set is accepted. A packet that matched two of
    ///   the split rules would visit twice and be dropped; one that matched none, or a backend
    ///   that toggled bit 0x8 twice, would fall to LOGDROP.
    ///
    /// So the admin client reaches 8080 over IPv4 (its lists are IPv4) and nowhere else.
    static let hostWithLists = PacketScenario(
        name: "host firewall with list rules", ruleset: withListRules(ExampleRulesets.host()),
        expected: hostVerdicts
            .replacing(alternateHTTPConnect(.ipv4), with: "connected")
            .replacing(.probe(.toServer(.udpExchange(5353), from: .admin, .ipv4)), with: "echoed")
            .replacing(.probe(.toServer(.udpExchange(5353), from: .admin, .ipv6)), with: "echoed")
            .replacing(.peersHeard(by: .alternateHTTP), with: "admin IPv4")
            .replacing(.peersHeard(by: .multicastDNS), with: "admin IPv4, admin IPv6"))

    /// `ruleset` with the list rules of ``hostWithLists`` placed in INPUT just before its last
    /// rule (the jump to LOGDROP), and the `VISIT` chain.
    static func withListRules(_ ruleset: Ruleset) -> Ruleset {
        var ruleset = ruleset
        guard var filter = ruleset[.filter], var input = filter["INPUT"] else { return ruleset }
        let sources: Negatable<AddressList> = ["10.99.0.0/24", "10.99.0.0/25", "10.99.7.0/24"]
        let ports: Negatable<PortList> = [8080, PortRange(8000, 8100), 9000]
        let visited = Negatable(MarkValue(0x1, mask: 0x1))
        let rules = [
            Rule(proto: "udp", dport: .not([53, 5353]), comment: "none of DNS, mDNS", jump: .drop),
            Rule(proto: "udp", dport: 5353, comment: "mDNS", jump: .accept),
            Rule(proto: "tcp", source: sources, dport: ports, comment: "visit once", jump: .jump("VISIT")),
            Rule(proto: "tcp", source: sources, dport: ports, jump: .log(prefix: "listed: ", level: .info)),
            Rule(proto: "tcp", source: sources, dport: ports, jump: .mark(set: MarkValue(0x2, mask: 0x2))),
            Rule(proto: "tcp", dport: 8080, jump: .mark(set: MarkValue(0x8, mask: 0x10))),
            Rule(proto: "tcp", dport: 8080, jump: .mark(set: MarkValue(0x8, mask: 0x10))),
            Rule(proto: "tcp", dport: 8080, mark: Negatable(MarkValue(0xb, mask: 0xb)), comment: "visited once",
                jump: .accept),
        ]
        for rule in rules { input.insert(rule, at: input.rules.count - 1) }
        filter["INPUT"] = input
        filter.add(Chain("VISIT", rules: [
            Rule(mark: visited, comment: "second visit", jump: .drop),
            Rule(jump: .mark(set: MarkValue(0x1, mask: 0x1))),
        ]))
        ruleset[.filter] = filter
        return ruleset
    }
}
