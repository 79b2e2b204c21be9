import FwdNftables
import Testing

@testable import FwdNetlink

/// Building a batch without a kernel: message accounting and the time it takes.
struct BatchBuildTests {
    @Test func aHundredThousandRuleBatchIsBuiltOnceWithOneOriginPerMessage() throws {
        let ruleset = NftRuleset(tables: [Rulesets.bulk(count: 100_000), Rulesets.filter()])
        let plan = try CommitPlan(ruleset: ruleset, state: KernelState(generation: 1, tables: []))
        let clock = ContinuousClock()
        var batch = try NetlinkBatch(firstSequence: 100)
        var builder: BatchBuilder?
        let duration = try clock.measure {
            builder = try BatchBuilder(ruleset: ruleset, plan: plan, generation: 1, mode: .apply, into: &batch)
        }
        let built = try #require(builder)
        print("fwd-netlink timing: building a 100007-rule batch took \(duration)")
        #expect(built.problems.isEmpty)
        #expect(built.ruleCount == 100_007)
        // BEGIN, 2 tables, 4 chains, 1 named set + its elements, the rules, END.
        #expect(built.origins.count == 1 + 2 + 4 + 2 + 100_007 + 1)
        #expect(batch.messageCount == built.origins.count)
        #expect(built.endSequence == 100 + UInt32(built.origins.count) - 1)
        #expect(built.origin(ofSequence: 100)?.kind == .batchBegin)
        #expect(built.origin(ofSequence: 103)?.kind == .newChain)
        let pages = try batch.withIOVecs { vectors throws(NftSystemError) in vectors.count }
        #expect(pages > 1 && pages <= NetlinkBatch.maximumPages)
    }
}
