import FwdNftables

extension CommitPlan.TablePlan {
    /// Digests every rule of `table` and, for each chain kept from `existing`, diffs the kernel's
    /// rules against the new ones. A rule that looks up a named set being deleted and re-created
    /// (its key, flags or size changed) is sent again even if unchanged: the old rule is bound to
    /// the old set, which cannot go while a rule uses it.
    mutating func planRules(of table: NftTable, existing: KernelState.Table?) {
        var digester = RuleDigester(table: table)
        ruleDigests = table.chains.map { digester.digests(of: $0) }
        guard let existing else {
            chainDiffs = Array(repeating: nil, count: table.chains.count)
            return
        }
        let recreatedSets = Set(setsToDelete).intersection(table.sets.lazy.filter { !$0.isAnonymous }.map(\.name))
        chainDiffs = table.chains.enumerated().map { index, chain in
            guard keptChains.contains(chain.name) else { return nil }
            var new: [RuleDigest?] = ruleDigests[index]
            if !recreatedSets.isEmpty {
                for (ruleIndex, rule) in chain.rules.enumerated() where rule.looksUp(anyOf: recreatedSets) {
                    new[ruleIndex] = nil
                }
            }
            // Rules not read (a table too large for the kernel's rule dump): refill every chain.
            guard let rules = existing.rules else { return ChainDiff.refilling(count: new.count) }
            return ChainDiff.between(old: rules[chain.name] ?? [], new: new)
        }
        for (index, chain) in table.chains.enumerated() where chainDiffs[index]?.replacesAllRules == true {
            chainsToFlush.append(chain.name)
        }
    }

    /// Rules of kept chains left as they are.
    var keptRuleCount: Int { chainDiffs.reduce(0) { $0 + ($1?.keptCount ?? 0) } }

    /// Rules of kept chains deleted one by one.
    var deletedRuleCount: Int { chainDiffs.reduce(0) { $0 + ($1?.deletedHandles.count ?? 0) } }
}

extension NftRule {
    /// Whether a lookup of this rule names one of `sets`.
    func looksUp(anyOf sets: Set<String>) -> Bool {
        expressions.contains { expression in
            guard case .lookup(let name, _, _, _) = expression else { return false }
            return sets.contains(name)
        }
    }
}
