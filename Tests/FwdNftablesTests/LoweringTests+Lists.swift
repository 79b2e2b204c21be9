import FwdModel
import FwdNftables
import Testing

/// Lists: one rule per element (per combination) up to ``ListSplit``'s cap, a shared named set
/// beyond it or when the rule has a `limit`, a run of `!=` when negated.
@Suite struct ListLoweringTests {
    @Test func aShortPortListIsOneRulePerPortWithTheRulesCommentAndLocation() {
        let rule = Rule(proto: "tcp", dport: [80, 22, 443], comment: "web", jump: .accept, line: 42)
        let (rules, sets) = Lower.split(rule)
        #expect(sets.isEmpty)
        #expect(rules.map { $0.expressions.map(\.debugDescription) } == [
            tcpGuard + ["[ payload load 2b @ transport header + 2 => reg 1 ]", "[ cmp eq reg 1 0x00001600 ]", accept],
            tcpGuard + ["[ payload load 2b @ transport header + 2 => reg 1 ]", "[ cmp eq reg 1 0x00005000 ]", accept],
            tcpGuard + ["[ payload load 2b @ transport header + 2 => reg 1 ]", "[ cmp eq reg 1 0x0000bb01 ]", accept],
        ])
        #expect(rules.allSatisfy { $0.comment == "web" && $0.location == rule.location })
        #expect(Lower.texts(rule) == [
            "tcp dport 22 accept comment \"web\"", "tcp dport 80 accept comment \"web\"",
            "tcp dport 443 accept comment \"web\"",
        ])
    }

    @Test func aShortAddressListIsOneRulePerNetwork() {
        #expect(Lower.texts(Rule(source: ["192.168.0.0/16", "10.0.0.0/8", "10.9.0.1-10.9.0.9"], jump: .drop)) == [
            "ip saddr 10.0.0.0/8 drop", "ip saddr 192.168.0.0/16 drop",
        ])
        #expect(Lower.texts(Rule(destination: ["fd00::1", "2001:db8::/32"], jump: .jump("user")), chain: "user") == [
            "ip6 daddr 2001:db8::/32 jump user", "ip6 daddr fd00::1 jump user",
        ])
    }

    /// Entries that overlap merge into one element first, so a packet matches at most one of the
    /// split rules: a LOG or a jump runs once, as for the whole list.
    @Test func overlappingEntriesMergeBeforeTheSplit() {
        let rule = Rule(
            proto: "tcp", source: ["10.99.0.0/24", "10.99.0.0/25", "10.99.7.0/24"],
            dport: [8080, PortRange(8000, 8100), 9000], jump: .log(prefix: "seen: ", level: .info))
        #expect(Lower.texts(rule) == [
            "ip saddr 10.99.0.0/24 tcp dport 8000-8100 log prefix \"seen: \" level info",
            "ip saddr 10.99.0.0/24 tcp dport 9000 log prefix \"seen: \" level info",
            "ip saddr 10.99.7.0/24 tcp dport 8000-8100 log prefix \"seen: \" level info",
            "ip saddr 10.99.7.0/24 tcp dport 9000 log prefix \"seen: \" level info",
        ])
    }

    @Test func aSourceAndDestinationPortPairIsOneComparisonInEachSplitRule() {
        #expect(Lower.texts(Rule(proto: "udp", sport: [53, 5353], dport: 53, jump: .accept)) == [
            "udp sport 53 udp dport 53 accept", "udp sport 5353 udp dport 53 accept",
        ])
        let rules = Lower.split(Rule(proto: "udp", sport: [53, 5353], dport: 53, jump: .accept)).rules
        #expect(rules[0].expressions.map(\.debugDescription) == [
            "[ meta load l4proto => reg 1 ]", "[ cmp eq reg 1 0x00000011 ]",
            "[ payload load 4b @ transport header + 0 => reg 1 ]", "[ cmp eq reg 1 0x35003500 ]", accept,
        ])
    }

    @Test func aListLongerThanTheCapIsASet() {
        let ports = (1...9).map { PortRange($0) }
        let (rules, sets) = Lower.split(Rule(proto: "tcp", dport: Negatable(PortList(ports)), jump: .accept))
        #expect(rules.count == 1 && sets.count == 1)
        #expect(sets.first?.elements.count == 9)
    }

    /// Lists are split smallest first while the product stays within the cap; the others stay
    /// sets, one per distinct content, shared by every split rule.
    @Test func theSmallestListsAreSplitAndTheRestStayOneSharedSet() {
        let rule = Rule(
            proto: "tcp", source: ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"],
            destination: ["10.1.0.1", "10.1.0.2"], dport: [22, 80, 443], jump: .drop)
        let (rules, sets) = Lower.split(rule)
        #expect(rules.count == 6)  // 2 destinations × 3 ports; 5 × 6 would exceed 8
        #expect(sets.count == 1 && sets.first?.keyType == .ipv4Address)
        let name = sets.first?.name ?? ""
        #expect(Lower.texts(rule).prefix(2) == [
            "ip saddr @\(name) ip daddr 10.1.0.1 tcp dport 22 drop",
            "ip saddr @\(name) ip daddr 10.1.0.1 tcp dport 80 drop",
        ])
    }

    /// A `limit` bucket must stay one: the rule keeps its lists whole, in sets.
    @Test func aRuleWithALimitKeepsItsListsInSets() {
        let (rules, sets) = Lower.split(
            Rule(proto: "tcp", dport: [22, 80], limit: RateLimit(5, per: .second), jump: .accept))
        #expect(rules.count == 1 && sets.count == 1)
        #expect(rules.first?.expressions.contains { if case .limit = $0 { true } else { false } } == true)
    }

    @Test func theSameLongListIsOneSetWhateverItsOrder() {
        let ports = (1...9).map { PortRange($0) }
        let ruleset = Lower.ruleset([
            Rule(proto: "tcp", dport: Negatable(PortList(ports)), jump: .accept),
            Rule(proto: "udp", sport: Negatable(PortList(ports.reversed())), jump: .drop),
            Rule(proto: "tcp", dport: [22, 80], limit: RateLimit(5, per: .second), jump: .accept),
            Rule(proto: "udp", dport: [80, 22], limit: RateLimit(9, per: .second), jump: .accept),
        ])
        let table = NftablesLowering().lower(ruleset).tables[0]
        #expect(table.sets.count == 2)
        #expect(table.chains[0].rules.count == 4)
    }

    /// "Not any of them" is one `!=` per element in one rule: no set, no split.
    @Test func aNegatedListIsARunOfNotEqualComparisons() {
        let rule = Rule(proto: "tcp", dport: .not([22, PortRange(1000, 2000), 80]), jump: .accept)
        let (rules, sets) = Lower.split(rule)
        #expect(sets.isEmpty)
        #expect(rules.map { $0.expressions.map(\.debugDescription) } == [tcpGuard + [
            "[ payload load 2b @ transport header + 2 => reg 1 ]", "[ cmp neq reg 1 0x00001600 ]",
            "[ payload load 2b @ transport header + 2 => reg 1 ]", "[ cmp neq reg 1 0x00005000 ]",
            "[ payload load 2b @ transport header + 2 => reg 1 ]", "[ range neq reg 1 0x0000e803 0x0000d007 ]", accept,
        ]])
        #expect(Lower.texts(rule) == ["tcp dport != 22 tcp dport != 80 tcp dport != 1000-2000 accept"])
    }
}
