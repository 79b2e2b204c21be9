import FwdNftables

extension CommitPlan.TablePlan {
    /// What identifies the rules of a table diffed rule by rule: each rule's digest, per chain,
    /// and the named sets each rule with lookups looks up.
    struct RuleIdentities {
        var digests: [[RuleDigest]] = []
        var lookups: [(chain: Int, rule: Int, sets: [String])] = []
    }

    /// Walks every rule of the table at `index` once (lowering it, when deferred): its digest and lookups.
    static func identities(ofTable index: Int, in supply: inout RuleSupply) -> RuleIdentities {
        let table = supply.ruleset.tables[index]
        var digester = RuleDigester(table: table)
        var identities = RuleIdentities()
        for (chainIndex, chain) in table.chains.enumerated() {
            var digests: [RuleDigest] = []
            digests.reserveCapacity(chain.rules.count)
            supply.forEachRule(table: index, chain: chainIndex) { ruleIndex, rule, _ in
                digests.append(digester.digest(of: rule, chain: chain.name))
                let sets = rule.lookedUpSets
                if !sets.isEmpty { identities.lookups.append((chainIndex, ruleIndex, sets)) }
            }
            identities.digests.append(digests)
        }
        return identities
    }

    /// For each chain kept from `existing` whose rules were read, diffs the kernel's rules against
    /// the new ones (`identities`: every new rule's digest). A rule that looks up a named set
    /// being deleted and re-created (its key, flags or size changed) is sent again even if
    /// unchanged: the old rule is bound to the old set, which cannot go while a rule uses it.
    /// Without identities (a new table, or one too large to read back) every rule is sent, and
    /// the batch builder digests each as it writes it.
    mutating func planRules(of table: NftTable, existing: KernelState.Table?, identities: RuleIdentities?) {
        guard let existing, let rules = existing.rules, let identities else {
            // Empty arrays: the builder's copy of the plan reserves and fills them (reserving here
            // would make its first append copy what the plan keeps).
            digestsFollowWriting = true
            ruleDigests = Array(repeating: [], count: table.chains.count)
            // Rules not read (a table too large for the kernel's rule dump): refill every kept chain.
            chainDiffs = table.chains.map { keptChains.contains($0.name) ? ChainDiff.refilling(count: $0.rules.count) : nil }
            markRefilledChains(of: table)
            return
        }
        ruleDigests = identities.digests
        let recreatedSets = Set(setsToDelete).intersection(table.sets.lazy.filter { !$0.isAnonymous }.map(\.name))
        // Per chain index, the rules to send again.
        var resent: [Int: [Int]] = [:]
        for lookup in identities.lookups where lookup.sets.contains(where: recreatedSets.contains) {
            resent[lookup.chain, default: []].append(lookup.rule)
        }
        chainDiffs = table.chains.enumerated().map { index, chain in
            guard keptChains.contains(chain.name) else { return nil }
            var new: [RuleDigest?] = ruleDigests[index]
            for ruleIndex in resent[index] ?? [] { new[ruleIndex] = nil }
            return ChainDiff.between(old: rules[chain.name] ?? [], new: new)
        }
        markRefilledChains(of: table)
    }

    private mutating func markRefilledChains(of table: NftTable) {
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
    /// The names of the sets this rule's lookups name, in order.
    var lookedUpSets: [String] {
        expressions.compactMap { expression in
            guard case .lookup(let name, _, _, _) = expression else { return nil }
            return name
        }
    }

}
