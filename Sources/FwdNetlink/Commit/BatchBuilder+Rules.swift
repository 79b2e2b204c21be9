internal import CLibMnl
import FwdNftables

// The rules to send, each preceded by the anonymous sets it binds (as nft sends them): every rule
// of a new (or refilled) chain appended in order; in a kept chain only the new rules, each put in
// front of the kept rule that follows it (`NFTA_RULE_POSITION`) or appended after the last one.
// Each takes the table's next handle: predicted when the count is known, else echoed.
extension BatchBuilder {
    mutating func writeRules(at planPosition: Int, sets directory: inout SetDirectory, into batch: inout NetlinkBatch)
        throws(NftSystemError)
    {
        // No copy of the table's plan is held: the digests appended to it while writing would copy
        // the whole array on every rule.
        let tableIndex = plan.tables[planPosition].tableIndex
        var digester = RuleDigester(table: ruleset.tables[tableIndex])
        var expressionWriter = ExpressionWriter(sets: directory)
        var anonymousWritten = [Bool](repeating: false, count: directory.references.count)
        var rules = supply.takeRules(ofTable: tableIndex)
        defer { supply.giveBack(rules, ofTable: tableIndex) }

        for chainIndex in ruleset.tables[tableIndex].chains.indices {
            guard problems.count < Self.problemLimit else { return }
            let insertions = plan.tables[planPosition].chainDiffs[chainIndex]?.insertions
            if plan.tables[planPosition].digestsFollowWriting {
                plan.tables[planPosition].ruleDigests[chainIndex].reserveCapacity(
                    ruleset.tables[tableIndex].chains[chainIndex].rules.count)
            }
            var nextInsertion = 0
            let wanted: (Int) -> Bool = { ruleIndex in
                guard let insertions else { return true }
                return nextInsertion < insertions.count && insertions[nextInsertion].rule == ruleIndex
            }
            try rules.forEach(chain: chainIndex, where: wanted) { (ruleIndex, rule, sets) throws(NftSystemError) in
                let before = insertions?[nextInsertion].before
                nextInsertion += 1
                guard problems.count < Self.problemLimit else { return }
                if sets.count > directory.references.count {
                    try declare(sets[directory.references.count...], at: planPosition, in: &directory, into: &batch)
                    expressionWriter = ExpressionWriter(sets: directory)
                    anonymousWritten.append(
                        contentsOf: repeatElement(false, count: directory.references.count - anonymousWritten.count))
                }
                try writeRule(
                    rule, at: (chainIndex, ruleIndex), before: before, of: planPosition, expressionWriter: expressionWriter,
                    digester: &digester, anonymousWritten: &anonymousWritten, into: &batch)
            }
        }
    }

    /// Adds sets registered while the table's rules were lowered: named ones are declared right
    /// away (before the rule that first looks them up), anonymous ones before their rule.
    private mutating func declare(
        _ newSets: ArraySlice<NftSet>, at planPosition: Int, in directory: inout SetDirectory,
        into batch: inout NetlinkBatch
    ) throws(NftSystemError) {
        let tableIndex = plan.tables[planPosition].tableIndex
        for set in newSets {
            supply.ruleset.tables[tableIndex].sets.append(set)
            let table = ruleset.tables[tableIndex]
            var problemTexts: [String] = []
            let reference = directory.append(set, describe: { Self.describe($0, in: table) }, problems: &problemTexts)
            for text in problemTexts { report(table.location, "table \(table.family.name) \(table.name)", text) }
            guard !set.isAnonymous else { continue }
            for problem in RulesetChecks.nameProblems(set.name) {
                report(table.location, Self.describe(set, in: table), problem)
            }
            try writeSet(reference, of: plan.tables[planPosition], bindingRule: nil, into: &batch)
        }
    }

    private mutating func writeRule(
        _ rule: NftRule, at position: (chain: Int, rule: Int), before: UInt64?, of planPosition: Int,
        expressionWriter: ExpressionWriter, digester: inout RuleDigester, anonymousWritten: inout [Bool],
        into batch: inout NetlinkBatch
    ) throws(NftSystemError) {
        let tableIndex = plan.tables[planPosition].tableIndex
        let chain = ruleset.tables[tableIndex].chains[position.chain]
        for expression in rule.expressions {
            guard case .lookup(let name, let id, _, _) = expression,
                let reference = expressionWriter.sets.resolve(name: name, id: id), reference.isAnonymous,
                !anonymousWritten[reference.index]
            else { continue }
            anonymousWritten[reference.index] = true
            try writeSet(reference, of: plan.tables[planPosition], bindingRule: position, into: &batch)
        }
        if supply.isDeferred, rule.expressions.count > RulesetChecks.maximumExpressions {
            // The outline held no expressions to check.
            report(rule.location, "chain \(chain.name)", RulesetChecks.expressionCountProblem(rule.expressions.count))
            return
        }
        let object = try NftnlRule()
        object.set(NFTNL_RULE_TABLE, ruleset.tables[tableIndex].name)
        object.set(NFTNL_RULE_CHAIN, chain.name)
        let digest: RuleDigest
        if plan.tables[planPosition].digestsFollowWriting {
            digest = digester.digest(of: rule, chain: chain.name)
            plan.tables[planPosition].ruleDigests[position.chain].append(digest)
        } else {
            digest = plan.tables[planPosition].ruleDigests[position.chain][position.rule]
        }
        object.setUserData(try RuleDigest.userData(comment: rule.comment, digest: digest))
        var flags = NLM_F_CREATE
        let handle = allocateHandle()
        if handle == nil && commitsBatch { flags |= NLM_F_ECHO }
        // Without NLM_F_APPEND, a rule with a position goes in front of that rule.
        if let before {
            object.set(NFTNL_RULE_POSITION, before)
        } else {
            flags |= NLM_F_APPEND
        }
        // The rule's attributes, then its expressions written straight after them (where libnftnl
        // puts them); a rule that cannot be encoded leaves its message unfinished, to be overwritten.
        let message = batch.startMessage(
            NFT_MSG_NEWRULE, family: ruleset.tables[tableIndex].family.kernelFamily, flags: Int32(flags))
        object.writePayload(into: message)
        do {
            try expressionWriter.write(rule.expressions, into: message)
        } catch {
            report(rule.location, "chain \(chain.name)", "cannot encode rule: \(error.message)")
            return
        }
        try finish(
            MessageOrigin(.newRule, table: tableIndex, chain: position.chain, rule: position.rule),
            predictedHandle: handle, in: &batch)
        ruleCount += 1
    }
}
