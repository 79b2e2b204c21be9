import FwdModel
import FwdNetlink
import FwdNftables
import Testing

/// Batches the kernel refuses: nothing changes, and every refused message maps back to its rule.
@Suite(.kernel, .serialized, .oneKernelSuiteAtATime)
struct RefusalTests {
    /// A rule jumping to a chain that does not exist.
    static func jumpToMissingChain(line: Int) -> NftRule {
        Rules.rule(Rules.tcpDestinationPort(9), .jump("missing"), line: line)
    }

    @Test func oneBadRuleAtTheEndOfTenThousandChangesNothing() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            _ = try kernel.commit(NftRuleset(tables: [Rulesets.filter()]))
            let before = try namespace.listRuleset()

            let bad = Self.jumpToMissingChain(line: 77_777)
            let ruleset = NftRuleset(tables: [Rulesets.filter(), Rulesets.bulk(count: 10_000, last: bad)])
            do {
                _ = try kernel.commit(ruleset)
                Issue.record("the kernel accepted a jump to a missing chain")
            } catch let error as NftCommitError {
                guard case .refused(let refusals, let lost) = error else {
                    Issue.record("unexpected error \(error)")
                    return
                }
                #expect(!lost)
                #expect(refusals.count == 1)
                let refusal = try #require(refusals.first)
                #expect(refusal.location == Rules.at(77_777))
                #expect(refusal.object == "chain input")
                #expect(refusal.action == "rule")
                #expect(refusal.hint == "jump target or set missing?")
                #expect(refusal.description.hasPrefix("test.fwd:77777:3: chain input: kernel refused rule: "))
                #expect(error.description.contains("nothing was applied"))
            }
            #expect(try namespace.listRuleset() == before)
        }
    }

    @Test func dryRunReportsEveryRefusedRuleAndAppliesNothing() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            var table = Rulesets.bulk(count: 500)
            table.chains[0].rules[10] = Self.jumpToMissingChain(line: 1)
            table.chains[0].rules[20] = Self.jumpToMissingChain(line: 2)
            table.chains[1].rules.append(Self.jumpToMissingChain(line: 3))
            do {
                _ = try kernel.commit(NftRuleset(tables: [table]), mode: .dryRun)
                Issue.record("the dry run accepted jumps to a missing chain")
            } catch let error as NftCommitError {
                guard case .refused(let refusals, _) = error else {
                    Issue.record("unexpected error \(error)")
                    return
                }
                #expect(refusals.compactMap(\.location?.line).sorted() == [1, 2, 3])
                #expect(refusals.allSatisfy { $0.errno == 2 && $0.hint == "jump target or set missing?" })
            }
            #expect(try namespace.listRuleset().isEmpty)
            #expect(try kernel.ownedTables().isEmpty)
        }
    }

    /// A ruleset whose chains jump in a circle: small → loop → small.
    static func loopingTable() -> NftTable {
        var table = Rulesets.bulk(count: 3)
        table.chains[0].rules.append(Rules.rule([], .jump("small"), line: 3))
        table.chains[1].rules.append(Rules.rule([], .jump("loop"), line: 4))
        table.chains.append(
            NftChain(name: "loop", base: nil, rules: [Rules.rule([], .jump("small"), line: 5)], location: Rules.at(6)))
        return table
    }

    @Test func aJumpLoopIsRefusedOnTheRuleClosingIt() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            for mode in [NftCommitMode.apply, .dryRun] {
                do {
                    _ = try kernel.commit(NftRuleset(tables: [Self.loopingTable()]), mode: mode)
                    Issue.record("a jump loop was accepted (\(mode))")
                } catch let error as NftCommitError {
                    guard case .refused(let refusals, _) = error else {
                        Issue.record("unexpected error \(error)")
                        continue
                    }
                    // This kernel walks the jumps from the base chain and gives up with EMLINK;
                    // others answer ELOOP. Either way the refused rule is the one closing the loop.
                    #expect(refusals.count == 1)
                    #expect(refusals.first?.location == Rules.at(5))
                    #expect(refusals.first?.hint?.hasPrefix("jump loop") == true, "\(refusals)")
                }
            }
            #expect(try namespace.listRuleset().isEmpty)
        }
    }

    @Test func aValidDryRunAppliesNothing() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            let report = try kernel.commit(NftRuleset(tables: [Rulesets.filter()]), mode: .dryRun)
            #expect(report.mode == .dryRun)
            #expect(report.ruleCount == 6)
            #expect(try namespace.listRuleset().isEmpty)
        }
    }

    @Test func anUnencodableRulesetIsReportedBeforeSending() throws {
        try TestNamespace.with { namespace in
            var table = Rulesets.filter()
            table.chains[0].rules[1].comment = String(repeating: "x", count: 200)
            table.chains[1].rules[0].expressions.insert(.compare(.equal, source: .r1, data: []), at: 0)
            table.chains[0].rules.append(
                Rules.rule(Rules.tcpDestinationPort(inSet: "nowhere", id: 99), .accept, line: 50))
            do {
                _ = try namespace.kernel().commit(NftRuleset(tables: [table]))
                Issue.record("an unencodable ruleset was committed")
            } catch let error as NftCommitError {
                guard case .invalidRuleset(let problems) = error else {
                    Issue.record("unexpected error \(error)")
                    return
                }
                let lines = problems.compactMap(\.location?.line).sorted()
                #expect(lines == [11, 21, 50], "\(problems)")
                #expect(problems.contains { $0.message.contains("comment is 200 bytes") })
                #expect(problems.contains { $0.message.contains("compare data is empty") })
                #expect(problems.contains { $0.message.contains("set \"nowhere\"") })
            }
            #expect(try namespace.listRuleset().isEmpty)
        }
    }
}
