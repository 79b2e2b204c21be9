import FwdModel
import FwdNftables
import Testing

@testable import FwdNetlink

/// A commit handed the record of the previous one takes the kernel's rules from it (no rule dump)
/// while the ruleset generation is still the record's, and reads the kernel otherwise.
@Suite(.kernel, .serialized, .oneKernelSuiteAtATime)
struct RuleRecordTests {
    static func generation(_ namespace: TestNamespace) throws -> UInt32 {
        try KernelState.readGeneration(using: NetlinkSocket(namespace: namespace.name))
    }

    static func recordedHandles(_ record: KernelRuleRecord?, chain: String = "input") -> [Int] {
        record?.tables.first?.chains.first { $0.name == chain }?.rules.map { Int($0.handle) } ?? []
    }

    static func changed(_ count: Int, at index: Int) -> NftRuleset {
        var table = Rulesets.bulk(count: count)
        table.chains[0].rules[index] = IncrementalCommitTests.port(65_000)
        return NftRuleset(tables: [table])
    }

    @Test func aReapplyWithTheRecordReadsNoRulesAndSendsOnlyTheChange() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            let generationBefore = try Self.generation(namespace)
            let first = try kernel.commit(NftRuleset(tables: [Rulesets.bulk(count: 300)]))
            let record = try #require(first.ruleRecord)
            #expect(record.generation == generationBefore &+ 1)
            #expect(record.generation == (try Self.generation(namespace)))
            let before = try namespace.rules(table: "fwd_bulk", chain: "input")
            #expect(Self.recordedHandles(record) == before.map(\.handle))

            let report = try kernel.commit(Self.changed(300, at: 150), record: record)
            #expect(!report.readRulesFromKernel)
            #expect(report.ruleCount == 1)
            #expect(report.deletedRuleCount == 1)
            let after = try namespace.rules(table: "fwd_bulk", chain: "input")
            for index in after.indices where index != 150 { #expect(after[index] == before[index]) }
            #expect(Self.recordedHandles(report.ruleRecord) == after.map(\.handle))
            #expect(report.ruleRecord?.generation == (try Self.generation(namespace)))
            #expect(try namespace.listRuleset() == IncrementalCommitTests.freshListing(of: Self.changed(300, at: 150)))
        }
    }

    @Test func withoutARecordTheRulesAreRead() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            let ruleset = NftRuleset(tables: [Rulesets.bulk(count: 50)])
            _ = try kernel.commit(ruleset)
            let report = try kernel.commit(Self.changed(50, at: 10))
            #expect(report.readRulesFromKernel)
            #expect(report.ruleCount == 1)
        }
    }

    @Test func aForeignChangeMovesTheGenerationAndTheRulesAreRead() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            let record = try kernel.commit(NftRuleset(tables: [Rulesets.bulk(count: 100)])).ruleRecord
            try namespace.nft("add", "table", "inet", "other")
            let report = try kernel.commit(Self.changed(100, at: 40), record: record)
            #expect(report.readRulesFromKernel)
            #expect(report.ruleCount == 1)
            #expect(try namespace.listRuleset().contains("table inet other"))
            #expect(try namespace.rules(table: "fwd_bulk", chain: "input").count == 100)
        }
    }

    @Test func aRuleAddedByHandIsFoundAndRemoved() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            let ruleset = NftRuleset(tables: [Rulesets.bulk(count: 100)])
            let record = try kernel.commit(ruleset).ruleRecord
            try namespace.nft("insert", "rule", "inet", "fwd_bulk", "input", "tcp", "dport", "7", "drop")
            let report = try kernel.commit(ruleset, record: record)
            #expect(report.readRulesFromKernel)
            #expect(report.deletedRuleCount == 1)
            #expect(try namespace.listRuleset() == IncrementalCommitTests.freshListing(of: ruleset))
        }
    }

    @Test func aFailedCommitOrADryRunLeavesTheRecordsRulesValid() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            let record = try #require(try kernel.commit(NftRuleset(tables: [Rulesets.bulk(count: 100)])).ruleRecord)
            var bad = Rulesets.bulk(count: 100)
            bad.chains[0].rules[5] = RefusalTests.jumpToMissingChain(line: 5)
            #expect(throws: NftCommitError.self) { try kernel.commit(NftRuleset(tables: [bad]), record: record) }
            #expect(try Self.generation(namespace) == record.generation)
            let dryRun = try kernel.commit(Self.changed(100, at: 3), mode: .dryRun, record: record)
            // Both batches took handles: the rules stay valid, the last handles are forgotten.
            #expect(dryRun.ruleRecord == record.forgettingLastHandles())
            #expect(dryRun.ruleRecord?.tables.first?.lastHandle == nil)
            #expect(try Self.generation(namespace) == record.generation)
            let report = try kernel.commit(Self.changed(100, at: 3), record: dryRun.ruleRecord)
            #expect(!report.readRulesFromKernel)
            #expect(report.ruleCount == 1)
            #expect(report.echoedRuleCount == 1)
            #expect(report.ruleRecord != nil)
            #expect(try namespace.listRuleset() == IncrementalCommitTests.freshListing(of: Self.changed(100, at: 3)))
        }
    }

    @Test func aRecordOfAnotherNamespaceIsNotUsed() throws {
        let record = try TestNamespace.with { namespace in
            try namespace.kernel().commit(NftRuleset(tables: [Rulesets.bulk(count: 20)])).ruleRecord
        }
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            _ = try kernel.commit(NftRuleset(tables: [Rulesets.bulk(count: 20)]))
            let report = try kernel.commit(Self.changed(20, at: 2), record: record)
            #expect(report.readRulesFromKernel)
            #expect(try namespace.listRuleset() == IncrementalCommitTests.freshListing(of: Self.changed(20, at: 2)))
        }
    }

    @Test func aTableAboveTheDumpLimitIsDiffedWithTheRecord() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            let count = IncrementalLimit.maximumRules + 5_000
            let first = try kernel.commit(NftRuleset(tables: [Rulesets.bulk(count: count)]))
            let record = try #require(first.ruleRecord)
            #expect(record.ruleCount == count + 1)  // every echo arrived (the small chain has 1 rule)
            let report = try kernel.commit(Self.changed(count, at: count / 2), record: record)
            #expect(!report.readRulesFromKernel)
            #expect(report.ruleCount == 1)
            #expect(report.deletedRuleCount == 1)
            #expect(report.keptRuleCount == count)
            let tables = try kernel.ownedTables()
            #expect(tables.first?.chains.first { $0.name == "input" }?.ruleCount == count)
            // Without the record the table is refilled whole.
            let refill = try kernel.commit(NftRuleset(tables: [Rulesets.bulk(count: count)]))
            #expect(refill.ruleCount == count + 1)
        }
    }
}
