import FwdModel
import FwdNftables
import Testing

@testable import FwdNetlink

/// Re-applies send only what changed: unchanged rules keep their handles (and counters), new ones
/// land at their place, and the result is exactly what a fresh load of the same ruleset gives.
@Suite(.kernel, .serialized, .oneKernelSuiteAtATime)
struct IncrementalCommitTests {
    /// `nft list ruleset` after loading `ruleset` into a fresh namespace.
    static func freshListing(of ruleset: NftRuleset) throws -> String {
        try TestNamespace.with { namespace in
            _ = try namespace.kernel().commit(ruleset)
            return try namespace.listRuleset()
        }
    }

    /// `bulk`'s input chain with its rules replaced by `rules`.
    static func bulk(_ rules: [NftRule]) -> NftTable {
        var table = Rulesets.bulk(count: 1)
        table.chains[0].rules = rules
        return table
    }

    /// `tcp dport PORT accept`.
    static func port(_ port: UInt16) -> NftRule { Rules.rule(Rules.tcpDestinationPort(port), .accept, line: 7) }

    @Test func theSameRulesetAgainSendsNothingAndKeepsEveryHandle() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            let ruleset = NftRuleset(tables: [Rulesets.bulk(count: 300)])
            _ = try kernel.commit(ruleset)
            let before = try namespace.rules(table: "fwd_bulk", chain: "input")
            let report = try kernel.commit(ruleset)
            #expect(report.batchBytes == 0)
            #expect(report.ruleCount == 0)
            #expect(report.keptRuleCount == 301)
            #expect(try namespace.rules(table: "fwd_bulk", chain: "input") == before)
            #expect(before.count == 300)
        }
    }

    @Test func declaredSetsAreRefilledWhileTheirRulesStay() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            let ruleset = NftRuleset(tables: [Rulesets.filter()])
            _ = try kernel.commit(ruleset)
            let before = try namespace.rules(table: "fwd_filter", chain: "input")
            try namespace.nft("add", "element", "inet", "fwd_filter", "ssh_ports", "{ 4444 }")
            let report = try kernel.commit(ruleset)
            #expect(report.ruleCount == 0)
            #expect(report.keptRuleCount == 6)
            #expect(try namespace.rules(table: "fwd_filter", chain: "input") == before)
            #expect(try namespace.listRuleset() == Self.freshListing(of: ruleset))
        }
    }

    @Test func oneRuleChangedInTheMiddleIsTheOnlyOneReplaced() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            _ = try kernel.commit(NftRuleset(tables: [Rulesets.bulk(count: 300)]))
            let before = try namespace.rules(table: "fwd_bulk", chain: "input")
            var changed = Rulesets.bulk(count: 300)
            changed.chains[0].rules[150] = Self.port(65_000)
            let report = try kernel.commit(NftRuleset(tables: [changed]))
            #expect(report.ruleCount == 1)
            #expect(report.deletedRuleCount == 1)
            let after = try namespace.rules(table: "fwd_bulk", chain: "input")
            #expect(after.count == 300)
            for index in after.indices where index != 150 { #expect(after[index] == before[index]) }
            #expect(!before.map(\.handle).contains(after[150].handle))
            #expect(try namespace.listRuleset() == Self.freshListing(of: NftRuleset(tables: [changed])))
        }
    }

    @Test func rulesMovedInsertedAtBothEndsAndDeletedLandInConfigOrder() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            let ports = (1...300).map { UInt16($0) }
            _ = try kernel.commit(NftRuleset(tables: [Self.bulk(ports.map(Self.port))]))
            let before = try namespace.rules(table: "fwd_bulk", chain: "input")
            var newPorts = ports.filter { !(11...20).contains($0) && $0 != 200 }
            newPorts.insert(200, at: 50)
            newPorts.insert(40_000, at: 0)
            newPorts.append(40_001)
            let changed = NftRuleset(tables: [Self.bulk(newPorts.map(Self.port))])
            let report = try kernel.commit(changed)
            #expect(report.keptRuleCount == 289 + 1)  // + the small chain's rule
            #expect(report.ruleCount == 3)
            #expect(report.deletedRuleCount == 11)
            let after = try namespace.rules(table: "fwd_bulk", chain: "input")
            let handleByContent = Dictionary(uniqueKeysWithValues: before.map { ($0.content, $0.handle) })
            let keptHandles = after.filter { handleByContent[$0.content] == $0.handle }.count
            #expect(keptHandles == 289)
            #expect(try namespace.listRuleset() == Self.freshListing(of: changed))
        }
    }

    @Test func aRuleAddedByHandIntoAFwdChainIsRemoved() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            let ruleset = NftRuleset(tables: [Rulesets.bulk(count: 50)])
            _ = try kernel.commit(ruleset)
            let before = try namespace.rules(table: "fwd_bulk", chain: "input")
            try namespace.nft("insert", "rule", "inet", "fwd_bulk", "input", "tcp", "dport", "9999", "accept")
            try namespace.nft("add", "rule", "inet", "fwd_bulk", "small", "udp", "dport", "53", "drop")
            let report = try kernel.commit(ruleset)
            #expect(report.deletedRuleCount == 2)
            #expect(report.ruleCount == 0)
            #expect(try namespace.rules(table: "fwd_bulk", chain: "input") == before)
            #expect(try namespace.listRuleset() == Self.freshListing(of: ruleset))
        }
    }

    @Test func aChainNoLongerJumpedToIsDeleted() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            _ = try kernel.commit(NftRuleset(tables: [Rulesets.filter()]))
            var table = Rulesets.filter()
            table.chains[0].rules.remove(at: 2)  // the jump to services
            table.chains.remove(at: 1)
            let report = try kernel.commit(NftRuleset(tables: [table]))
            #expect(report.ruleCount == 0)
            #expect(report.deletedRuleCount == 1)
            let text = try namespace.listRuleset()
            #expect(!text.contains("services"))
            #expect(text == (try Self.freshListing(of: NftRuleset(tables: [table]))))
        }
    }

    @Test func aRefusedChangeLeavesEveryRuleAsItWas() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            _ = try kernel.commit(NftRuleset(tables: [Rulesets.bulk(count: 100)]))
            let before = try namespace.listRuleset()
            let handles = try namespace.rules(table: "fwd_bulk", chain: "input")
            var bad = Rulesets.bulk(count: 100)
            bad.chains[0].rules[50] = RefusalTests.jumpToMissingChain(line: 4242)
            bad.chains[0].rules.remove(at: 10)
            #expect(throws: NftCommitError.self) { try kernel.commit(NftRuleset(tables: [bad])) }
            #expect(try namespace.listRuleset() == before)
            #expect(try namespace.rules(table: "fwd_bulk", chain: "input") == handles)
        }
    }

    @Test func aSetRedefinedUnderItsRulesIsRecreatedWithThem() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            _ = try kernel.commit(NftRuleset(tables: [Rulesets.filter()]))
            var table = Rulesets.filter()
            table.sets[0].isInterval = true
            let report = try kernel.commit(NftRuleset(tables: [table]))
            #expect(report.ruleCount == 1)  // the rule looking the set up
            let text = try namespace.listRuleset()
            #expect(text.contains("flags interval"))
            #expect(text == (try Self.freshListing(of: NftRuleset(tables: [table]))))
        }
    }

    @Test func aTableAboveTheDiffLimitIsRefilledWhole() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            let count = IncrementalLimit.maximumRules + 1
            _ = try kernel.commit(NftRuleset(tables: [Rulesets.bulk(count: count)]))
            var changed = Rulesets.bulk(count: count)
            changed.chains[0].rules[10] = Self.port(65_000)
            let report = try kernel.commit(NftRuleset(tables: [changed]))
            #expect(report.keptRuleCount == 0)
            #expect(report.ruleCount == count + 1)
            let rules = try namespace.rules(table: "fwd_bulk", chain: "input")
            #expect(rules.count == count)
            #expect(rules[10].content.contains("65000"))
        }
    }

    @Test func keptRulesKeepTheirCounters() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            _ = try kernel.commit(NftRuleset(tables: [Rulesets.extra]))
            try namespace.run("ip", "link", "set", "lo", "up")
            try namespace.run("ping", "-c", "3", "-i", "0.2", "-W", "1", "127.0.0.1")
            let counted = try #require(try namespace.counters(family: "ip", table: "fwd_extra", chain: "output").first)
            #expect((counted ?? 0) >= 3)

            _ = try kernel.commit(NftRuleset(tables: [Rulesets.extra]))
            var changed = Rulesets.extra
            changed.chains[0].rules.insert(Rules.rule([.counter], .continue, line: 30), at: 0)
            changed.chains[0].base?.policy = .accept
            _ = try kernel.commit(NftRuleset(tables: [changed]))
            let after = try namespace.counters(family: "ip", table: "fwd_extra", chain: "output")
            #expect(after.count == 2)
            #expect(after.last == counted)
        }
    }
}
