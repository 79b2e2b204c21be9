import FwdModel
import FwdNftables
import Testing

@testable import FwdNetlink

/// Batches of a deferred ruleset (lowered while written): the order of a whole ruleset's, and a
/// set the plan did not register is still declared before the rule that first looks it up.
struct DeferredBatchTests {
    /// A rule without a set, then one whose port list (past the split cap) is a list set.
    static let model = Ruleset([
        Table(.filter, chains: [
            Chain("INPUT", policy: .accept, rules: [
                Rule(proto: .tcp, dport: 22, jump: .accept),
                Rule(proto: .tcp, dport: Negatable(PortList((1...12).map { PortRange(1000 + $0) })), jump: .accept),
            ])
        ])
    ])

    @Test func setsComeBeforeTheRulesAndOneMetLateBeforeItsFirstRule() throws {
        let deferred = NftDeferredRuleset(Self.model)
        var planned = RuleSupply(deferred)
        let plan = try CommitPlan(supply: &planned, state: KernelState(generation: 1, tables: []))
        #expect(planned.ruleset.tables[0].sets.count == 1)

        var batch = try NetlinkBatch(firstSequence: 100)
        let registered = try BatchBuilder(supply: planned, plan: plan, generation: 1, mode: .apply, into: &batch)
        #expect(registered.problems.isEmpty)
        #expect(
            registered.origins.map(\.kind) == [
                .batchBegin, .newTable, .newChain, .newSet, .newSetElements, .newRule, .newRule, .batchEnd,
            ])
        #expect(registered.plan.tables[0].ruleDigests[0].count == 2)

        // A supply that registered nothing meets the set at the second rule.
        var lateBatch = try NetlinkBatch(firstSequence: 100)
        let late = try BatchBuilder(
            supply: RuleSupply(deferred), plan: plan, generation: 1, mode: .apply, into: &lateBatch)
        #expect(late.problems.isEmpty)
        #expect(
            late.origins.map(\.kind) == [
                .batchBegin, .newTable, .newChain, .newRule, .newSet, .newSetElements, .newRule, .batchEnd,
            ])
        #expect(late.ruleset.tables[0].sets.map(\.name) == registered.ruleset.tables[0].sets.map(\.name))
        #expect(late.plan.tables[0].ruleDigests == registered.plan.tables[0].ruleDigests)
    }

    @Test func theDigestsAreThoseOfTheWholeLowering() throws {
        let whole = NftablesLowering().lower(Self.model)
        var digester = RuleDigester(table: whole.tables[0])
        var supply = RuleSupply(NftDeferredRuleset(Self.model))
        let plan = try CommitPlan(supply: &supply, state: KernelState(generation: 1, tables: []))
        var batch = try NetlinkBatch(firstSequence: 100)
        let builder = try BatchBuilder(supply: supply, plan: plan, generation: 1, mode: .apply, into: &batch)
        #expect(builder.plan.tables[0].ruleDigests[0] == digester.digests(of: whole.tables[0].chains[0]))
    }
}
