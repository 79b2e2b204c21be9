import FwdModel
import FwdNetlink
import FwdNftables
import Testing

/// Re-applying, changing and removing fwd's tables; other tables are never touched.
@Suite(.kernel, .serialized, .oneKernelSuiteAtATime)
struct ReplaceTests {
    @Test func foreignTablesSurviveEveryCommit() throws {
        try TestNamespace.with { namespace in
            try namespace.nft("add", "table", "inet", "other")
            try namespace.nft(
                "add", "chain", "inet", "other", "c", "{ type filter hook input priority 0; policy accept; }")
            try namespace.nft("add", "rule", "inet", "other", "c", "tcp", "dport", "8080", "counter", "accept")
            let before = try namespace.nft("list", "table", "inet", "other")
            let kernel = try namespace.kernel()
            _ = try kernel.commit(NftRuleset(tables: [Rulesets.filter(), Rulesets.extra]))
            _ = try kernel.commit(NftRuleset(tables: [Rulesets.filter(policy: .accept)]))
            #expect(try namespace.nft("list", "table", "inet", "other") == before)
            #expect(try kernel.ownedTables().map(\.name) == ["fwd_filter"])
            _ = try kernel.commit(NftRuleset(tables: []))
            #expect(try namespace.nft("list", "table", "inet", "other") == before)
            #expect(try kernel.ownedTables().isEmpty)
        }
    }

    @Test func anEmptyRulesetOnAnEmptyKernelSendsNothing() throws {
        try TestNamespace.with { namespace in
            let report = try namespace.kernel().commit(NftRuleset(tables: []))
            #expect(report.batchBytes == 0)
            #expect(report.messageCount == 2)
            #expect(try namespace.listRuleset().isEmpty)
        }
    }

    @Test func aForeignTableInTheWayIsRefusedUntouched() throws {
        try TestNamespace.with { namespace in
            try namespace.nft("add", "table", "inet", "fwd_filter")
            try namespace.nft("add", "chain", "inet", "fwd_filter", "mine")
            let before = try namespace.listRuleset()
            #expect(throws: NftCommitError.foreignTable(family: "inet", name: "fwd_filter")) {
                try namespace.kernel().commit(NftRuleset(tables: [Rulesets.filter()]))
            }
            #expect(try namespace.listRuleset() == before)
        }
    }

    @Test func reapplyingLeavesAnIdenticalRuleset() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            let ruleset = NftRuleset(tables: [Rulesets.filter(), Rulesets.extra])
            _ = try kernel.commit(ruleset)
            let first = try namespace.listRuleset()
            let report = try kernel.commit(ruleset)
            #expect(report.createdTables.isEmpty)
            #expect(report.deletedTables.isEmpty)
            #expect(report.recreatedBaseChains.isEmpty)
            #expect(try namespace.listRuleset() == first)
        }
    }

    @Test func removingATableFromTheRulesetDeletesIt() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            _ = try kernel.commit(NftRuleset(tables: [Rulesets.filter(), Rulesets.extra]))
            #expect(try namespace.listRuleset().contains("table ip fwd_extra"))
            let report = try kernel.commit(NftRuleset(tables: [Rulesets.filter()]))
            #expect(report.deletedTables == ["ip fwd_extra"])
            #expect(!(try namespace.listRuleset().contains("fwd_extra")))
        }
    }

    @Test func changesReplaceRulesPoliciesSetsAndChains() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            _ = try kernel.commit(NftRuleset(tables: [Rulesets.filter()]))

            var table = Rulesets.filter(policy: .accept, extraPorts: [3000])
            table.chains[1].rules.removeLast()  // services loses its drop rule
            table.chains.append(
                NftChain(
                    name: "audit", base: nil, rules: [Rules.rule([.counter], .return, line: 41)], location: Rules.at(40)
                ))
            _ = try kernel.commit(NftRuleset(tables: [table]))
            let text = try namespace.listRuleset()
            #expect(text.contains("policy accept;"))
            #expect(text.contains("elements = { 2222, 2223, 3000 }"))
            #expect(!text.contains("ip saddr 192.0.2.1 drop"))
            #expect(text.contains("chain audit {"))
            #expect(text.contains("counter packets 0 bytes 0 return"))

            table.chains.removeLast()  // audit goes
            table.sets[0].elements.removeLast()
            _ = try kernel.commit(NftRuleset(tables: [table]))
            let after = try namespace.listRuleset()
            #expect(!after.contains("chain audit"))
            #expect(after.contains("elements = { 2222, 2223 }"))
        }
    }

    @Test func aBaseChainMovedToAnotherHookIsRecreatedAndReported() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            _ = try kernel.commit(NftRuleset(tables: [Rulesets.extra]))
            var moved = Rulesets.extra
            moved.chains[0].base?.priority = -50
            let report = try kernel.commit(NftRuleset(tables: [moved]))
            #expect(report.recreatedBaseChains == ["ip fwd_extra output"])
            #expect(try namespace.listRuleset().contains("type filter hook output priority -50; policy accept;"))
        }
    }

    @Test func setsChangingKeyTypeAreRecreated() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            _ = try kernel.commit(NftRuleset(tables: [Rulesets.filter()]))
            var table = Rulesets.filter()
            table.sets.append(
                NftSet(
                    name: "blocked", id: 7, keyType: .ipv4Address, isAnonymous: false, isInterval: true,
                    elements: [
                        NftSetElement(from: [10, 0, 0, 0], to: [10, 255, 255, 255]),
                        NftSetElement(key: [192, 0, 2, 7]),
                    ]))
            _ = try kernel.commit(NftRuleset(tables: [table]))
            #expect(try namespace.listRuleset().contains("elements = { 10.0.0.0/8, 192.0.2.7 }"))
            table.sets[1].keyType = .inetService
            table.sets[1].elements = [NftSetElement(from: Rules.bigEndian(1000), to: Rules.bigEndian(2000))]
            _ = try kernel.commit(NftRuleset(tables: [table]))
            let text = try namespace.listRuleset()
            #expect(text.contains("elements = { 1000-2000 }"), "\(text)")
        }
    }
}
