import FwdModel
@testable import FwdNftables
import Testing

/// Tier (b): the lowering of each model rule against what nft itself builds for the equivalent
/// rule text (`nft --debug=netlink -c -f` in a throwaway network namespace).
@Suite(.enabled(if: KernelGate.enabled, KernelGate.skipReason), .serialized)
struct NftEquivalenceTests {
    @Test func everyMatchAndTargetLowersAsNftBuildsIt() async throws {
        guard KernelGate.check() else { return }
        let cases = NftEquivalenceCase.all
        let ruleset = Self.ruleset(of: cases)
        #expect(ruleset.validate().isEmpty, "\(ruleset.validate())")
        let lowered = NftablesLowering().lower(ruleset)
        let loweredRules = Self.loweredRules(of: cases, in: lowered)

        var text = NftTextRenderer().render(Self.withoutRules(lowered))
        var expected: [(item: NftEquivalenceCase, nft: String, rule: NftRule)] = []
        for (item, rules) in zip(cases, loweredRules) {
            #expect(rules.count == item.nftRules.count, "\(item.nftRules): lowered to \(rules.count) rules")
            for (nft, rule) in zip(item.nftRules, rules) {
                var body = nft
                for name in rule.lookedUpSets { body = body.replacingFirst("@SET", with: "@" + name) }
                text += "add rule inet \(NftablesLowering.tableName(for: item.table)) \(item.chain) \(body)\n"
                expected.append((item, nft, rule))
            }
        }
        let output = try await NftProcess.debugCheck(text)
        try #require(output.succeeded, "nft refused the rules:\n\(output.standardError)\n\(text)")
        let built = DebugRule.parse(output.standardOutput)
        try #require(built.count == expected.count, "nft printed \(built.count) rules for \(expected.count)")
        for ((item, nft, rule), theirs) in zip(expected, built) {
            let ours = rule.expressions.map(\.debugDescription)
            #expect(ours == theirs.lines, "\(nft)\n ours:\n\(ours.joined(separator: "\n"))\n nft:\n\(theirs)")
            #expect(theirs.table == NftablesLowering.tableName(for: item.table) && theirs.chain == item.chain)
            if let comment = rule.comment {
                #expect(theirs.userdata?.contains(comment) == true, "comment of \(nft)")
            }
        }
    }

    /// The model ruleset holding every case, in case order within each chain, and a user chain.
    static func ruleset(of cases: [NftEquivalenceCase]) -> Ruleset {
        var ruleset = Ruleset()
        for item in cases {
            var table = ruleset[item.table] ?? Table(item.table)
            if table[item.chain] == nil {
                table.add(Chain(item.chain, policy: table.kind.isBuiltin(item.chain) ? .accept : nil))
            }
            table.append(item.rule, to: item.chain)
            if item.table == .filter, table["user"] == nil { table.add(Chain("user")) }
            ruleset[item.table] = table
        }
        return ruleset
    }

    /// The lowered rules of each case, in case order: a chain's rules are handed out to its
    /// cases in turn, as many to each as its rule is split into (``ListSplit``).
    static func loweredRules(of cases: [NftEquivalenceCase], in lowered: NftRuleset) -> [[NftRule]] {
        var taken: [String: Int] = [:]
        return cases.map { item in
            let key = "\(item.table) \(item.chain)"
            let table = lowered.tables.first { $0.name == NftablesLowering.tableName(for: item.table) }
            let rules = table?.chains.first { $0.name == item.chain }?.rules ?? []
            let start = taken[key, default: 0]
            let count = ListSplit.rules(for: item.rule).count
            taken[key] = start + count
            return Array(rules.dropFirst(start).prefix(count))
        }
    }

    /// The tables, chains and sets of `ruleset` without rules, to declare before `add rule`.
    static func withoutRules(_ ruleset: NftRuleset) -> NftRuleset {
        var copy = ruleset
        for tableIndex in copy.tables.indices {
            for chainIndex in copy.tables[tableIndex].chains.indices { copy.tables[tableIndex].chains[chainIndex].rules = [] }
        }
        return copy
    }
}

extension NftRule {
    /// The sets the rule looks up, in order.
    var lookedUpSets: [String] {
        expressions.compactMap { if case .lookup(let set, _, _, _) = $0 { set } else { nil } }
    }
}

extension String {
    /// The string with the first `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
