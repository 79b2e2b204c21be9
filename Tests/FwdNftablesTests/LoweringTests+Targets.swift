import FwdModel
import FwdNftables
import Testing

/// Verdicts and statements.
@Suite struct TargetLoweringTests {
    @Test func verdicts() {
        #expect(Lower.lines(Rule(jump: .accept)) == ["[ immediate reg 0 accept ]"])
        #expect(Lower.lines(Rule(jump: .drop)) == ["[ immediate reg 0 drop ]"])
        #expect(Lower.lines(Rule(jump: .return), chain: "user") == ["[ immediate reg 0 return ]"])
        let table = Table(.filter, chains: [
            Chain("INPUT", rules: [Rule(jump: .jump("user")), Rule(jump: .goto("user"))]), Chain("user"),
        ])
        #expect(Ruleset([table]).validate().isEmpty)
        let rules = NftablesLowering().lower(Ruleset([table])).tables[0].chains[0].rules
        #expect(rules.map(\.expressions) == [[.verdict(.jump("user"))], [.verdict(.goto("user"))]])
        #expect(rules.map { $0.expressions[0].debugDescription } == [
            "[ immediate reg 0 jump -> user ]", "[ immediate reg 0 goto -> user ]",
        ])
    }

    @Test func aRuleWithoutTargetGetsNoCounter() {
        #expect(Lower.lines(Rule(proto: "tcp")) == tcpGuard)
    }

    @Test func rejectPicksTheReplyAsNftDoesForInet() {
        #expect(Lower.lines(Rule(jump: .reject)) == ["[ reject type 2 code 1 ]"])
        #expect(Lower.lines(Rule(source: "1.2.3.4", jump: .reject)) == ipv4Guard + [
            "[ payload load 4b @ network header + 12 => reg 1 ]", "[ cmp eq reg 1 0x04030201 ]",
            "[ reject type 0 code 3 ]",
        ])
        #expect(Lower.lines(Rule(source: "::1", jump: .reject)).last == "[ reject type 0 code 4 ]")
        #expect(Lower.lines(Rule(proto: "tcp", jump: .reject(with: .tcpReset))) == tcpGuard + ["[ reject type 1 code 0 ]"])
    }

    @Test func aReplyOfOneFamilyGuardsTheRuleFromTheStart() {
        #expect(Lower.lines(Rule(proto: "tcp", dport: 22, jump: .reject(with: .icmpHostUnreachable))) == ipv4Guard + tcpGuard + [
            "[ payload load 2b @ transport header + 2 => reg 1 ]", "[ cmp eq reg 1 0x00001600 ]",
            "[ reject type 0 code 1 ]",
        ])
        let codes: [(RejectType, String)] = [
            (.icmpNetUnreachable, "0"), (.icmpProtoUnreachable, "2"), (.icmpPortUnreachable, "3"),
            (.icmpNetProhibited, "9"), (.icmpHostProhibited, "10"), (.icmpAdminProhibited, "13"),
            (.icmp6NoRoute, "0"), (.icmp6AdminProhibited, "1"), (.icmp6AddressUnreachable, "3"),
            (.icmp6PortUnreachable, "4"),
        ]
        for (type, code) in codes {
            let family = type.family == .ipv4 ? ipv4Guard : ipv6Guard
            #expect(Lower.lines(Rule(jump: .reject(with: type))) == family + ["[ reject type 0 code \(code) ]"])
        }
    }

    @Test func log() {
        #expect(Lower.lines(Rule(jump: .log)) == ["[ log ]"])
        #expect(Lower.lines(Rule(jump: .log(prefix: "hi ", level: .info))) == ["[ log prefix hi  level 6 ]"])
        #expect(Lower.lines(Rule(jump: .log(prefix: nil, level: .debug))) == ["[ log level 7 ]"])
    }

    @Test func markSet() {
        #expect(Lower.lines(Rule(jump: .mark(set: 0x10)), table: .mangle, chain: "PREROUTING") == [
            "[ immediate reg 1 0x00000010 ]", "[ meta set mark with reg 1 ]",
        ])
        #expect(Lower.lines(Rule(jump: .mark(set: MarkValue(0x10, mask: 0xff))), table: .mangle, chain: "PREROUTING") == [
            "[ meta load mark => reg 1 ]", "[ bitwise reg 1 = ( reg 1 & 0xffffff00 ) ^ 0x00000010 ]",
            "[ meta set mark with reg 1 ]",
        ])
    }

    @Test func masqueradeAndRedirect() {
        #expect(Lower.lines(Rule(jump: .masquerade), table: .nat, chain: "POSTROUTING") == ["[ masq ]"])
        #expect(Lower.lines(Rule(proto: "tcp", jump: .masquerade(ports: PortRange(1000, 2000))), table: .nat, chain: "POSTROUTING")
            == tcpGuard + [
                "[ immediate reg 1 0x0000e803 ]", "[ immediate reg 2 0x0000d007 ]",
                "[ masq proto_min reg 1 proto_max reg 2 flags 0x2 ]",
            ])
        #expect(Lower.lines(Rule(jump: .redirect), table: .nat, chain: "PREROUTING") == ["[ redir ]"])
        #expect(Lower.lines(Rule(proto: "tcp", jump: .redirect(ports: 8080)), table: .nat, chain: "PREROUTING") == tcpGuard + [
            "[ immediate reg 1 0x0000901f ]", "[ redir proto_min reg 1 flags 0x2 ]",
        ])
    }

    @Test func snatAndDnatLoadAddressesThenPortsIntoRegisters() {
        #expect(Lower.lines(Rule(jump: .snat(to: "10.0.0.1")), table: .nat, chain: "POSTROUTING") == ipv4Guard + [
            "[ immediate reg 1 0x0100000a ]", "[ nat snat ip addr_min reg 1 ]",
        ])
        #expect(Lower.lines(Rule(jump: .snat(to: "fd00::1-fd00::5")), table: .nat, chain: "POSTROUTING") == ipv6Guard + [
            "[ immediate reg 1 0x000000fd 0x00000000 0x00000000 0x01000000 ]",
            "[ immediate reg 2 0x000000fd 0x00000000 0x00000000 0x05000000 ]",
            "[ nat snat ip6 addr_min reg 1 addr_max reg 2 ]",
        ])
        #expect(Lower.lines(Rule(proto: "tcp", dport: 80, jump: .dnat(to: "10.0.0.1-10.0.0.5:8080-8090")), table: .nat, chain: "PREROUTING")
            == ipv4Guard + tcpGuard + [
                "[ payload load 2b @ transport header + 2 => reg 1 ]", "[ cmp eq reg 1 0x00005000 ]",
                "[ immediate reg 1 0x0100000a ]", "[ immediate reg 2 0x0500000a ]",
                "[ immediate reg 3 0x0000901f ]", "[ immediate reg 4 0x00009a1f ]",
                "[ nat dnat ip addr_min reg 1 addr_max reg 2 proto_min reg 3 proto_max reg 4 flags 0x2 ]",
            ])
        #expect(Lower.lines(Rule(proto: "tcp", jump: .dnat(to: "[fd00::1]:8080")), table: .nat, chain: "PREROUTING")
            == ipv6Guard + tcpGuard + [
                "[ immediate reg 1 0x000000fd 0x00000000 0x00000000 0x01000000 ]", "[ immediate reg 2 0x0000901f ]",
                "[ nat dnat ip6 addr_min reg 1 proto_min reg 2 flags 0x2 ]",
            ])
    }

    @Test func theCommentIsTheRuleComment() {
        #expect(Lower.rule(Rule(proto: "tcp", dport: 22, comment: "ssh", jump: .accept)).comment == "ssh")
        #expect(Lower.rule(Rule(jump: .accept)).comment == nil)
    }
}
