import FwdModel
import FwdNftables
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
        let loweredRules = cases.map { Self.loweredRule(for: $0, among: cases, in: lowered) }

        var text = NftTextRenderer().render(Self.withoutRules(lowered))
        for (index, item) in cases.enumerated() {
            var body = item.nft
            for name in loweredRules[index].lookedUpSets { body = body.replacingFirst("@SET", with: "@" + name) }
            text += "add rule inet \(NftablesLowering.tableName(for: item.table)) \(item.chain) \(body)\n"
        }
        let output = try await NftProcess.debugCheck(text)
        try #require(output.succeeded, "nft refused the rules:\n\(output.standardError)\n\(text)")
        let built = DebugRule.parse(output.standardOutput)
        try #require(built.count == cases.count, "nft printed \(built.count) rules for \(cases.count) cases")
        for (index, item) in cases.enumerated() {
            let ours = loweredRules[index].expressions.map(\.debugDescription)
            #expect(ours == built[index].lines, "\(item.nft)\n ours:\n\(ours.joined(separator: "\n"))\n nft:\n\(built[index])")
            #expect(built[index].table == NftablesLowering.tableName(for: item.table) && built[index].chain == item.chain)
            if let comment = loweredRules[index].comment {
                #expect(built[index].userdata?.contains(comment) == true, "comment of \(item.nft)")
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

    /// The lowered rule of `item`: same table and chain, same position among that chain's cases.
    static func loweredRule(for item: NftEquivalenceCase, among cases: [NftEquivalenceCase], in lowered: NftRuleset) -> NftRule {
        let position = cases.prefix { $0.rule != item.rule || $0.nft != item.nft }
            .filter { $0.table == item.table && $0.chain == item.chain }.count
        let table = lowered.tables.first { $0.name == NftablesLowering.tableName(for: item.table) }
        let chain = table?.chains.first { $0.name == item.chain }
        return chain?.rules[position] ?? NftRule(expressions: [], comment: nil, location: item.rule.location)
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
