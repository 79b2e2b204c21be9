import FwdModel
import FwdNftables
import Testing

/// Protocol, port and ICMP matches.
@Suite struct ProtocolLoweringTests {
    @Test func portsComeAfterTheirProtocolInNetworkOrder() {
        #expect(Lower.lines(Rule(proto: "tcp", dport: 22, jump: .accept)) == tcpGuard + [
            "[ payload load 2b @ transport header + 2 => reg 1 ]", "[ cmp eq reg 1 0x00001600 ]", accept,
        ])
        #expect(Lower.lines(Rule(proto: "tcp", sport: .not(22), jump: .accept)) == tcpGuard + [
            "[ payload load 2b @ transport header + 0 => reg 1 ]", "[ cmp neq reg 1 0x00001600 ]", accept,
        ])
        #expect(Lower.lines(Rule(proto: "sctp", dport: 22, jump: .accept)) == [
            "[ meta load l4proto => reg 1 ]", "[ cmp eq reg 1 0x00000084 ]",
            "[ payload load 2b @ transport header + 2 => reg 1 ]", "[ cmp eq reg 1 0x00001600 ]", accept,
        ])
    }

    @Test func portRanges() {
        #expect(Lower.lines(Rule(proto: "tcp", dport: [PortRange(1000, 2000)], jump: .accept)) == tcpGuard + [
            "[ payload load 2b @ transport header + 2 => reg 1 ]",
            "[ cmp gte reg 1 0x0000e803 ]", "[ cmp lte reg 1 0x0000d007 ]", accept,
        ])
        #expect(Lower.lines(Rule(proto: "tcp", dport: .not([PortRange(1000, 2000)]), jump: .accept)) == tcpGuard + [
            "[ payload load 2b @ transport header + 2 => reg 1 ]", "[ range neq reg 1 0x0000e803 0x0000d007 ]", accept,
        ])
    }

    @Test func aSinglePortPairIsMergedAsNftMergesIt() {
        #expect(Lower.lines(Rule(proto: "tcp", sport: 1, dport: 2, jump: .accept)) == tcpGuard + [
            "[ payload load 4b @ transport header + 0 => reg 1 ]", "[ cmp eq reg 1 0x02000100 ]", accept,
        ])
    }

    /// nft 1.0.6 merges `tcp sport != 1 tcp dport != 2` into one `cmp neq` of both ports, which
    /// matches unless both are equal; the rule means "neither", so fwd keeps two comparisons.
    @Test func negatedPortsAreNotMerged() {
        #expect(Lower.lines(Rule(proto: "tcp", sport: .not(1), dport: .not(2), jump: .accept)) == tcpGuard + [
            "[ payload load 2b @ transport header + 0 => reg 1 ]", "[ cmp neq reg 1 0x00000100 ]",
            "[ payload load 2b @ transport header + 2 => reg 1 ]", "[ cmp neq reg 1 0x00000200 ]", accept,
        ])
    }

    /// A list beyond the split cap (``ListSplit``) is a lookup in a named set.
    @Test func aLongPortListIsALookup() throws {
        let ports = Negatable(PortList((1...9).map { PortRange($0) }))
        let rule = Lower.rule(Rule(proto: "tcp", dport: ports, jump: .accept))
        guard case .lookup(let name, _, _, false)? = rule.expressions.dropLast().last else {
            Issue.record("expected a lookup in \(rule.expressions)")
            return
        }
        #expect(rule.expressions.map(\.debugDescription) == tcpGuard + [
            "[ payload load 2b @ transport header + 2 => reg 1 ]", "[ lookup reg 1 set \(name) ]", accept,
        ])
    }

    @Test func protocolAlone() {
        #expect(Lower.lines(Rule(proto: "tcp", jump: .accept)) == tcpGuard + [accept])
        #expect(Lower.lines(Rule(proto: "!tcp", jump: .accept)) == [
            "[ meta load l4proto => reg 1 ]", "[ cmp neq reg 1 0x00000006 ]", accept,
        ])
        #expect(Lower.lines(Rule(proto: "gre", jump: .accept)) == [
            "[ meta load l4proto => reg 1 ]", "[ cmp eq reg 1 0x0000002f ]", accept,
        ])
    }

    @Test func icmpIsAnIPv4ProtocolSoItsRuleIsGuarded() {
        #expect(Lower.lines(Rule(proto: "icmp", jump: .accept)) == ipv4Guard + [
            "[ meta load l4proto => reg 1 ]", "[ cmp eq reg 1 0x00000001 ]", accept,
        ])
    }

    @Test func icmpTypes() {
        let icmp = ipv4Guard + ["[ meta load l4proto => reg 1 ]", "[ cmp eq reg 1 0x00000001 ]"]
        #expect(Lower.lines(Rule(proto: "icmp", icmpType: "echo-request", jump: .accept)) == icmp + [
            "[ payload load 1b @ transport header + 0 => reg 1 ]", "[ cmp eq reg 1 0x00000008 ]", accept,
        ])
        #expect(Lower.lines(Rule(proto: "icmp", icmpType: "port-unreachable", jump: .accept)) == icmp + [
            "[ payload load 2b @ transport header + 0 => reg 1 ]", "[ cmp eq reg 1 0x00000303 ]", accept,
        ])
        #expect(Lower.lines(Rule(proto: "icmp", icmpType: "!3/3", jump: .accept)) == icmp + [
            "[ payload load 2b @ transport header + 0 => reg 1 ]", "[ cmp neq reg 1 0x00000303 ]", accept,
        ])
        #expect(Lower.lines(Rule(proto: "icmpv6", icmpType: "echo-request", jump: .accept)) == ipv6Guard + [
            "[ meta load l4proto => reg 1 ]", "[ cmp eq reg 1 0x0000003a ]",
            "[ payload load 1b @ transport header + 0 => reg 1 ]", "[ cmp eq reg 1 0x00000080 ]", accept,
        ])
    }
}
