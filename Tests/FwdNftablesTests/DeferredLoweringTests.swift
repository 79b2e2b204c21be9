import FwdModel
import Testing

@testable import FwdNftables

/// The deferred lowering (``NftDeferredRuleset``) gives, one rule at a time, what the whole
/// lowering gives.
struct DeferredLoweringTests {
    /// Two tables; lists split into rules, a list past the split cap (a list set), a list kept
    /// whole by a limit, a lookup in a declared set, a user chain, comments.
    static func ruleset() -> Ruleset {
        let ports = Negatable(PortList((1...12).map { PortRange(1000 + $0) }))
        let blocklist = NamedSet("blocklist", type: .ipv4, elements: ["192.0.2.0/24"])
        return Ruleset(
            [
                Table(.filter, chains: [
                    Chain("INPUT", policy: .drop, rules: [
                        Rule(proto: .tcp, source: ["10.0.0.1", "10.0.0.2"], dport: [22, 80], jump: .accept),
                        Rule(proto: .tcp, dport: ports, comment: "many", jump: .accept),
                        Rule(proto: .tcp, dport: ports, limit: RateLimit(5, per: .second), jump: .accept),
                        Rule(sets: [SetMatch(.source, set: "blocklist", type: .ipv4)], jump: .drop),
                        Rule(jump: .jump("svc")),
                    ]),
                    Chain("svc", rules: [Rule(source: "10.1.0.0/16", comment: "back", jump: .return)]),
                ]),
                Table(.nat, chains: [
                    Chain("POSTROUTING", policy: .accept, rules: [
                        Rule(proto: .tcp, outInterface: "eth0", dport: ports, jump: .masquerade(ports: nil)),
                    ]),
                ]),
            ], sets: [blocklist])
    }

    @Test func theOutlineHasEveryRuleWithoutExpressions() {
        let ruleset = Self.ruleset()
        #expect(ruleset.validate().isEmpty)
        let whole = NftablesLowering().lower(ruleset)
        let outline = NftDeferredRuleset(ruleset).outline
        #expect(outline.tables.map(\.name) == whole.tables.map(\.name))
        for (table, wholeTable) in zip(outline.tables, whole.tables) {
            #expect(table.sets.isEmpty)
            #expect(table.chains.map(\.name) == wholeTable.chains.map(\.name))
            #expect(table.chains.map(\.base) == wholeTable.chains.map(\.base))
            for (chain, wholeChain) in zip(table.chains, wholeTable.chains) {
                #expect(chain.rules.map(\.location) == wholeChain.rules.map(\.location))
                #expect(chain.rules.map(\.comment) == wholeChain.rules.map(\.comment))
                #expect(chain.rules.allSatisfy { $0.expressions.isEmpty })
            }
        }
        #expect(outline.ruleCount == whole.ruleCount)
        #expect(whole.ruleCount == 4 + 1 + 1 + 1 + 1 + 1 + 1)
    }

    @Test func rulesAndSetsAreTheWholeLoweringsAndUnwantedRulesRegisterNothing() {
        let ruleset = Self.ruleset()
        let whole = NftablesLowering().lower(ruleset)
        let deferred = NftDeferredRuleset(ruleset)
        for (tableIndex, wholeTable) in whole.tables.enumerated() {
            var lowering = deferred.lowering(ofTable: tableIndex)
            var rules: [[NftRule]] = []
            for chainIndex in wholeTable.chains.indices {
                var chainRules: [NftRule] = []
                lowering.lowerRules(ofChain: chainIndex) { index, rule, _ in
                    #expect(index == chainRules.count)
                    chainRules.append(rule)
                }
                rules.append(chainRules)
            }
            // Set ids start at 1 in every table, so only names and contents are compared.
            #expect(lowering.sets.map(\.name) == wholeTable.sets.map(\.name))
            #expect(lowering.sets.map(\.elements) == wholeTable.sets.map(\.elements))
            #expect(
                rules.map { $0.map(\.expressions.count) } == wholeTable.chains.map { $0.rules.map(\.expressions.count) })
            if tableIndex == 0 {
                // The first table numbers its sets from 1 either way: the rules are the same values.
                #expect(rules == wholeTable.chains.map(\.rules))
            }

            var registered = deferred.lowering(ofTable: tableIndex)
            registered.registerSets()
            #expect(registered.sets.map(\.name) == wholeTable.sets.map(\.name))

            var skipping = deferred.lowering(ofTable: tableIndex)
            var visited: [Int] = []
            skipping.lowerRules(ofChain: 0, where: { $0 == 0 }) { index, _, _ in visited.append(index) }
            #expect(visited == [0])
            // Only the first rule's own set, if it looks one up (filter's has its lists split;
            // nat's masquerade has a list set).
            #expect(skipping.sets.count == (wholeTable.chains[0].rules[0].looksUpASet ? 1 : 0))
        }
        // Both cases occur: one table's first rule looks a set up, the other's does not.
        #expect(Set(whole.tables.map { $0.chains[0].rules[0].looksUpASet }) == [false, true])
    }
}

extension NftRule {
    fileprivate var looksUpASet: Bool {
        expressions.contains { if case .lookup = $0 { true } else { false } }
    }
}
