import FwdModel
import Testing

@Suite struct PacketEvaluationTests {
    /// An established SSH packet from `client` to 192.0.2.1:22, interface unknown.
    func sshPacket(from client: String = "10.1.2.3", interface: String? = nil) -> PacketDescription {
        PacketDescription(proto: "tcp", source: IPAddress(client)!, destination: IPAddress("192.0.2.1")!,
            sourcePort: 50000, destinationPort: 22, inInterface: interface, connectionState: .established)!
    }

    func input(_ rules: [Rule], policy: Policy = .drop, extra: [Chain] = []) -> Ruleset {
        Ruleset([Table(.filter, chains: [Chain("INPUT", policy: policy, rules: rules)] + extra)])
    }

    @Test func establishedRuleAccepts() {
        let ruleset = input([Rule(ctstate: Negatable([.established, .related]), jump: .accept)])
        #expect(ruleset.evaluate(sshPacket(), along: .localInput).decision == .accepted)
    }

    @Test func dropPolicyWithoutAMatchingRuleDrops() {
        let ruleset = input([Rule(proto: "tcp", dport: 80, jump: .accept)])
        let verdict = ruleset.evaluate(sshPacket(), along: .localInput)
        #expect(verdict.decision == .dropped)
        #expect(verdict.reasons.first?.hasPrefix("dropped by policy DROP of filter/INPUT") == true)
    }

    @Test func explicitDropNamesTheRule() {
        let ruleset = input([Rule(source: "10.0.0.0/8", jump: .drop, file: "fw.yaml", line: 7)], policy: .accept)
        let verdict = ruleset.evaluate(sshPacket(), along: .localInput)
        #expect(verdict.decision == .dropped)
        #expect(verdict.reasons == ["dropped by rule 1 of filter/INPUT (fw.yaml:7): DROP"])
        #expect(ruleset.evaluate(sshPacket(from: "172.16.0.1"), along: .localInput).decision == .accepted)
    }

    @Test func negatedSourceAndPortRangesAndAddressRanges() {
        let ruleset = input([
            Rule(source: "!10.0.0.0/8", jump: .drop),
            Rule(proto: "tcp", source: "10.1.2.0-10.1.2.9", dport: [PortRange(20, 25)], jump: .accept),
        ])
        #expect(ruleset.evaluate(sshPacket(from: "172.16.0.1"), along: .localInput).decision == .dropped)
        #expect(ruleset.evaluate(sshPacket(from: "10.1.2.3"), along: .localInput).decision == .accepted)
        #expect(ruleset.evaluate(sshPacket(from: "10.1.2.30"), along: .localInput).decision == .dropped)
    }

    @Test func unknownInterfaceIsUndecidable() {
        let ruleset = input([Rule(inInterface: "eth0", jump: .accept)])
        let verdict = ruleset.evaluate(sshPacket(), along: .localInput)
        #expect(verdict.decision == .undecidable)
        #expect(verdict.reasons.contains { $0.contains("in-interface eth0: the packet's interface is not known") })
        #expect(ruleset.evaluate(sshPacket(interface: "eth0"), along: .localInput).decision == .accepted)
        #expect(ruleset.evaluate(sshPacket(interface: "wlan0"), along: .localInput).decision == .dropped)
    }

    @Test func wildcardInterfacesMatchByPrefix() {
        let ruleset = input([Rule(inInterface: "eth+", jump: .accept)])
        #expect(ruleset.evaluate(sshPacket(interface: "eth1"), along: .localInput).decision == .accepted)
        #expect(ruleset.evaluate(sshPacket(interface: "ens3"), along: .localInput).decision == .dropped)
    }

    @Test func limitAndMarkAreUndecidableButLogIsHarmless() {
        let limited = input([Rule(limit: RateLimit(5, per: .second), jump: .accept)])
        let verdict = limited.evaluate(sshPacket(), along: .localInput)
        #expect(verdict.decision == .undecidable)
        #expect(verdict.reasons.contains { $0.contains("limit 5/second: depends on the packet rate") })

        let marked = input([Rule(mark: Negatable(MarkValue(1)), jump: .accept)])
        #expect(marked.evaluate(sshPacket(), along: .localInput).decision == .undecidable)
        var knownMark = sshPacket()
        knownMark.mark = 1
        #expect(marked.evaluate(knownMark, along: .localInput).decision == .accepted)

        let logged = input([Rule(limit: RateLimit(5, per: .minute), jump: .log),
            Rule(ctstate: Negatable([.established]), jump: .accept)])
        #expect(logged.evaluate(sshPacket(), along: .localInput).decision == .accepted)
    }

    @Test func undecidableRuleFollowedByCertainAcceptIsAccepted() {
        let ruleset = input([Rule(inInterface: "eth0", jump: .accept), Rule(proto: "tcp", dport: 22, jump: .accept)])
        #expect(ruleset.evaluate(sshPacket(), along: .localInput).decision == .accepted)
    }

    @Test func undecidableDropBeforeAcceptIsUndecidable() {
        let ruleset = input([Rule(inInterface: "eth1", jump: .drop), Rule(proto: "tcp", dport: 22, jump: .accept)])
        let verdict = ruleset.evaluate(sshPacket(), along: .localInput)
        #expect(verdict.decision == .undecidable)
        #expect(verdict.reasons.first?.hasPrefix("may be dropped by rule 1 of filter/INPUT") == true)
    }

    @Test func jumpsReturnsAndGotos() {
        let admins = Chain("ADMINS", rules: [
            Rule(source: "10.0.0.0/8", jump: .accept),
            Rule(jump: .return),
            Rule(jump: .accept),  // never reached
        ])
        let jumping = input([Rule(proto: "tcp", dport: 22, jump: .jump("ADMINS"))], extra: [admins])
        #expect(jumping.evaluate(sshPacket(from: "10.9.9.9"), along: .localInput).decision == .accepted)
        #expect(jumping.evaluate(sshPacket(from: "192.168.1.1"), along: .localInput).decision == .dropped)

        // A goto'd chain that ends falls to the base chain's policy, skipping the rest of INPUT.
        let tail = Chain("TAIL", rules: [Rule(source: "10.0.0.0/8", jump: .drop)])
        let going = input([Rule(jump: .goto("TAIL")), Rule(jump: .drop)], policy: .accept, extra: [tail])
        #expect(going.evaluate(sshPacket(from: "192.168.1.1"), along: .localInput).decision == .accepted)
        #expect(going.evaluate(sshPacket(from: "10.0.0.1"), along: .localInput).decision == .dropped)
        let jumpedTail = input([Rule(jump: .jump("TAIL")), Rule(jump: .drop)], policy: .accept, extra: [tail])
        #expect(jumpedTail.evaluate(sshPacket(from: "192.168.1.1"), along: .localInput).decision == .dropped)
    }

    @Test func rulesOfTheOtherFamilyDoNotApply() {
        let ruleset = input([Rule(source: "fd00::/8", jump: .accept)], policy: .accept)
        let v6only = input([Rule(proto: "icmpv6", jump: .accept), Rule(jump: .drop)], policy: .accept)
        #expect(ruleset.evaluate(sshPacket(), along: .localInput).decision == .accepted)
        #expect(v6only.evaluate(sshPacket(), along: .localInput).decision == .dropped)
    }

    @Test func laterTablesCanStillDrop() {
        var ruleset = input([Rule(inInterface: "eth0", jump: .drop)], policy: .accept)
        ruleset[.security] = Table(.security, chains: [Chain("INPUT", policy: .drop)])
        #expect(ruleset.evaluate(sshPacket(), along: .localInput).decision == .dropped)
    }

    @Test func connectionStateIsUnknownInTheRawTable() {
        let ruleset = Ruleset([Table(.raw, chains: [
            Chain("PREROUTING", policy: .accept, rules: [Rule(ctstate: Negatable([.invalid]), jump: .drop)]),
        ])])
        #expect(ruleset.evaluate(sshPacket(), along: .localInput).decision == .undecidable)
    }

    @Test func jumpLoopsEndAsUnknownInsteadOfHanging() {
        let a = Chain("A", rules: [Rule(jump: .jump("B"))])
        let b = Chain("B", rules: [Rule(jump: .jump("A"))])
        let ruleset = input([Rule(jump: .jump("A"))], extra: [a, b])
        let verdict = ruleset.evaluate(sshPacket(), along: .localInput)
        #expect(verdict.decision == .undecidable)
        #expect(verdict.reasons.contains { $0.contains("jumps nest deeper") })
    }

    @Test func replyPathUsesOutputChains() {
        let ruleset = Ruleset([Table(.filter, chains: [
            Chain("INPUT", policy: .accept), Chain("OUTPUT", policy: .drop, rules: [Rule(proto: "tcp", sport: 22, jump: .accept)]),
        ])])
        let reply = sshPacket().reply
        #expect(ruleset.evaluate(reply, along: .localOutput).decision == .accepted)
        #expect(ruleset.evaluate(sshPacket(), along: .localOutput).decision == .dropped)
    }

    @Test func natChainsCountOnlyForNewPackets() {
        let ruleset = Ruleset([Table(.nat, chains: [Chain("PREROUTING", policy: .drop)])])
        #expect(ruleset.evaluate(sshPacket(), along: .localInput).decision == .accepted)
        var new = sshPacket()
        new.connectionState = .new
        #expect(ruleset.evaluate(new, along: .localInput).decision == .dropped)
    }

    @Test func mixedFamilyPacketsCannotBeDescribed() {
        #expect(PacketDescription(proto: "tcp", source: IPAddress("10.0.0.1")!, destination: IPAddress("fd00::1")!,
            connectionState: .new) == nil)
    }
}
