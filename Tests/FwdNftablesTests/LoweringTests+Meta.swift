import FwdModel
import FwdNftables
import Testing

/// Interface, conntrack, mark and limit matches.
@Suite struct MetaLoweringTests {
    @Test func interfacesCompareSixteenPaddedBytesOrTheWildcardPrefix() {
        #expect(Lower.lines(Rule(inInterface: "eth0", jump: .accept)) == [
            "[ meta load iifname => reg 1 ]", "[ cmp eq reg 1 0x30687465 0x00000000 0x00000000 0x00000000 ]", accept,
        ])
        #expect(Lower.lines(Rule(inInterface: "eth+", jump: .accept)) == [
            "[ meta load iifname => reg 1 ]", "[ cmp eq reg 1 0x00687465 ]", accept,
        ])
        #expect(Lower.lines(Rule(inInterface: "!eth+", jump: .accept)) == [
            "[ meta load iifname => reg 1 ]", "[ cmp neq reg 1 0x00687465 ]", accept,
        ])
        #expect(Lower.lines(Rule(outInterface: "!eth0", jump: .accept), chain: "FORWARD") == [
            "[ meta load oifname => reg 1 ]", "[ cmp neq reg 1 0x30687465 0x00000000 0x00000000 0x00000000 ]", accept,
        ])
        #expect(Lower.lines(Rule(inInterface: "abcdefghijklmno", jump: .accept)) == [
            "[ meta load iifname => reg 1 ]", "[ cmp eq reg 1 0x64636261 0x68676665 0x6c6b6a69 0x006f6e6d ]", accept,
        ])
    }

    @Test func aBareWildcardMatchesEveryInterface() {
        #expect(Lower.lines(Rule(inInterface: "+", jump: .accept)) == [accept])
        let problems = Lower.ruleset([Rule(inInterface: "!+", jump: .accept)]).validate()
        #expect(problems.map(\.message) == ["in-interface '!+' never matches: '+' matches every interface"])
    }

    @Test func connectionStatesAreMaskedBitsInHostOrder() {
        let load = "[ ct load state => reg 1 ]"
        #expect(Lower.lines(Rule(ctstate: Negatable([.established, .related]), jump: .accept)) == [
            load, "[ bitwise reg 1 = ( reg 1 & 0x00000006 ) ^ 0x00000000 ]", "[ cmp neq reg 1 0x00000000 ]", accept,
        ])
        #expect(Lower.lines(Rule(ctstate: Negatable([.new, .untracked]), jump: .accept)) == [
            load, "[ bitwise reg 1 = ( reg 1 & 0x00000048 ) ^ 0x00000000 ]", "[ cmp neq reg 1 0x00000000 ]", accept,
        ])
        #expect(Lower.lines(Rule(ctstate: .not([.invalid]), jump: .accept)) == [
            load, "[ cmp neq reg 1 0x00000001 ]", accept,
        ])
        #expect(Lower.lines(Rule(ctstate: .not([.established, .related]), jump: .accept)) == [
            load, "[ bitwise reg 1 = ( reg 1 & 0x00000006 ) ^ 0x00000000 ]", "[ cmp eq reg 1 0x00000000 ]", accept,
        ])
    }

    @Test func marks() {
        let load = "[ meta load mark => reg 1 ]"
        #expect(Lower.lines(Rule(mark: 0x10, jump: .accept)) == [load, "[ cmp eq reg 1 0x00000010 ]", accept])
        #expect(Lower.lines(Rule(mark: .not(0x10), jump: .accept)) == [load, "[ cmp neq reg 1 0x00000010 ]", accept])
        #expect(Lower.lines(Rule(mark: Negatable(MarkValue(0x10, mask: 0xff)), jump: .accept)) == [
            load, "[ bitwise reg 1 = ( reg 1 & 0x000000ff ) ^ 0x00000000 ]", "[ cmp eq reg 1 0x00000010 ]", accept,
        ])
        #expect(Lower.lines(Rule(mark: Negatable(MarkValue(0x10, mask: 0xffff_ffff)), jump: .accept)) == [
            load, "[ cmp eq reg 1 0x00000010 ]", accept,
        ])
    }

    @Test func limitsComeAfterEveryMatch() {
        #expect(Lower.lines(Rule(proto: "tcp", dport: 22, limit: RateLimit(5, per: .second, burst: 10), jump: .accept))
            == tcpGuard + [
                "[ payload load 2b @ transport header + 2 => reg 1 ]", "[ cmp eq reg 1 0x00001600 ]",
                "[ limit rate 5/second burst 10 type packets flags 0x0 ]", accept,
            ])
        #expect(Lower.lines(Rule(limit: RateLimit(10, per: .minute), jump: .accept)) == [
            "[ limit rate 10/minute burst 5 type packets flags 0x0 ]", accept,
        ])
    }
}
