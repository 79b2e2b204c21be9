import FwdModel
import FwdNftables
import Testing

@testable import FwdNetlink

/// What a commit keeps, deletes and re-creates, decided from a (hand-made) kernel state.
struct PlanningTests {
    private let inet = UInt32(NftFamily.inet.kernelFamily)

    private func state(_ tables: [KernelState.Table]) -> KernelState { KernelState(generation: 7, tables: tables) }

    private func input(priority: Int32 = 0) -> KernelState.Chain {
        KernelState.Chain(name: "input", hook: NftHook.input.kernelHook, priority: priority, type: "filter", policy: 1)
    }

    @Test func existingTablesAndChainsAreKeptOthersDeleted() throws {
        let existing = KernelState.Table(
            family: inet, name: "fwd_filter", isOwned: true,
            chains: [
                input(), KernelState.Chain(name: "services", hook: nil, priority: 0, type: "", policy: nil),
                KernelState.Chain(name: "old", hook: nil, priority: 0, type: "", policy: nil),
            ],
            sets: [
                KernelState.Set(name: "ssh_ports", flags: 0, keyType: 13, keyLength: 2),
                KernelState.Set(name: "gone", flags: 0, keyType: 13, keyLength: 2),
                KernelState.Set(name: "__set0", flags: 3, keyType: 13, keyLength: 2),
            ])
        let stale = KernelState.Table(family: 2, name: "fwd_stale", isOwned: true)
        let foreign = KernelState.Table(family: inet, name: "other", isOwned: false)
        let plan = try CommitPlan(
            ruleset: NftRuleset(tables: [Rulesets.filter(), Rulesets.extra]), state: state([existing, stale, foreign]))
        #expect(plan.tablesToDelete.map(\.displayName) == ["ip fwd_stale"])
        #expect(plan.tables.map(\.exists) == [true, false])
        let filter = plan.tables[0]
        #expect(filter.keptChains == ["input", "services"])
        #expect(filter.chainsToDelete == ["old"])
        #expect(filter.setsToFlush == ["ssh_ports"])
        #expect(filter.setsToDelete == ["gone"])  // the anonymous set goes with its rule
        #expect(filter.recreatedBaseChains.isEmpty)
    }

    @Test func aBaseChainWithAnotherPriorityOrASetWithAnotherKeyIsRecreated() throws {
        let existing = KernelState.Table(
            family: inet, name: "fwd_filter", isOwned: true,
            chains: [
                input(priority: 10), KernelState.Chain(name: "services", hook: nil, priority: 0, type: "", policy: nil),
            ],
            sets: [KernelState.Set(name: "ssh_ports", flags: 4, keyType: 13, keyLength: 2)])
        let plan = try CommitPlan(ruleset: NftRuleset(tables: [Rulesets.filter()]), state: state([existing]))
        #expect(plan.tables[0].chainsToDelete == ["input"])
        #expect(plan.tables[0].recreatedBaseChains == ["inet fwd_filter input"])
        #expect(plan.tables[0].setsToDelete == ["ssh_ports"])
        #expect(plan.tables[0].setsToFlush.isEmpty)
    }

    @Test func aForeignTableWithFwdsNameIsNeverTouched() {
        let foreign = KernelState.Table(family: inet, name: "fwd_filter", isOwned: false)
        #expect(throws: NftCommitError.foreignTable(family: "inet", name: "fwd_filter")) {
            try CommitPlan(ruleset: NftRuleset(tables: [Rulesets.filter()]), state: state([foreign]))
        }
    }

    @Test func rulesetChecksNameEveryProblemWithItsLocation() {
        var table = Rulesets.filter()
        table.chains.append(table.chains[1])
        table.chains[0].base?.policy = .jump("x")
        table.chains[1].rules[0].expressions = Array(repeating: .counter, count: 129)
        table.chains.append(
            NftChain(name: String(repeating: "c", count: 256), base: nil, rules: [], location: Rules.at(60)))
        let problems = RulesetChecks.problems(in: NftRuleset(tables: [table, table]))
        let texts = problems.map(\.description)
        #expect(texts.contains("test.fwd:9:3: chain input: a base chain's policy must be accept or drop"))
        #expect(texts.contains("test.fwd:21:3: chain services: rule has 129 expressions (at most 128)"))
        #expect(
            texts.contains {
                $0.hasPrefix("test.fwd:60:3: chain ccc") && $0.hasSuffix("the name is 256 bytes (at most 255)")
            })
        #expect(texts.contains("test.fwd:20:3: chain services: defined twice in table inet fwd_filter"))
        #expect(texts.contains("test.fwd:8:3: table inet fwd_filter: defined twice"))
    }

    @Test func refusalsReadLikeCompilerErrors() {
        let refusal = NftKernelRefusal(
            location: SourceLocation(file: "fw.yaml", line: 12, column: 5), object: "chain INPUT", action: "rule",
            errno: 2, reason: "No such file or directory", hint: RefusalHints.hint(errno: 2, kind: .newRule))
        #expect(
            refusal.description
                == "fw.yaml:12:5: chain INPUT: kernel refused rule: No such file or directory (jump target or set missing?)"
        )
        #expect(RefusalHints.hint(errno: 95, kind: .newRule) == "expression not supported by this kernel")
        #expect(RefusalHints.hint(errno: 40, kind: .newRule) == "jump loop")
        let error = NftCommitError.outcomeUnknown("the kernel's answers to the batch were lost")
        #expect(error.description.hasPrefix("outcome unknown: the kernel's answers to the batch were lost"))
    }
}
