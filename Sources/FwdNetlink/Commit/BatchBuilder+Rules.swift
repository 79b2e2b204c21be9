internal import CLibMnl
import FwdNftables

// The rules to send, each preceded by the anonymous sets it binds (as nft sends them): every rule
// of a new (or refilled) chain appended in order; in a kept chain only the new rules, each put in
// front of the kept rule that follows it (`NFTA_RULE_POSITION`) or appended after the last one.
// Each takes the table's next handle: predicted when the count is known, else echoed.
extension BatchBuilder {
    mutating func writeRules(of tablePlan: CommitPlan.TablePlan, sets: SetDirectory, into batch: inout NetlinkBatch)
        throws(NftSystemError)
    {
        let table = ruleset.tables[tablePlan.tableIndex]
        let encoder = ExpressionEncoder(sets: sets)
        var anonymousWritten = [Bool](repeating: false, count: table.sets.count)

        for (chainIndex, chain) in table.chains.enumerated() {
            if let diff = tablePlan.chainDiffs[chainIndex] {
                for insertion in diff.insertions {
                    guard problems.count < Self.problemLimit else { return }
                    try writeRule(
                        at: (chainIndex, insertion.rule), before: insertion.before, of: tablePlan, encoder: encoder,
                        anonymousWritten: &anonymousWritten, into: &batch)
                }
            } else {
                for ruleIndex in chain.rules.indices {
                    guard problems.count < Self.problemLimit else { return }
                    try writeRule(
                        at: (chainIndex, ruleIndex), before: nil, of: tablePlan, encoder: encoder,
                        anonymousWritten: &anonymousWritten, into: &batch)
                }
            }
        }
    }

    private mutating func writeRule(
        at position: (chain: Int, rule: Int), before: UInt64?, of tablePlan: CommitPlan.TablePlan,
        encoder: ExpressionEncoder, anonymousWritten: inout [Bool], into batch: inout NetlinkBatch
    ) throws(NftSystemError) {
        let table = ruleset.tables[tablePlan.tableIndex]
        let chain = table.chains[position.chain]
        let rule = chain.rules[position.rule]
        for expression in rule.expressions {
            guard case .lookup(let name, let id, _, _) = expression,
                let reference = encoder.sets.resolve(name: name, id: id), reference.isAnonymous,
                !anonymousWritten[reference.index]
            else { continue }
            anonymousWritten[reference.index] = true
            try writeSet(reference, of: tablePlan, bindingRule: position, into: &batch)
        }
        let object = try NftnlRule()
        object.set(NFTNL_RULE_TABLE, table.name)
        object.set(NFTNL_RULE_CHAIN, chain.name)
        do {
            for expression in rule.expressions { object.append(try encoder.encode(expression)) }
        } catch {
            report(rule.location, "chain \(chain.name)", "cannot encode rule: \(error.message)")
            return
        }
        let digest = tablePlan.ruleDigests[position.chain][position.rule]
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
        object.writePayload(
            into: batch.startMessage(NFT_MSG_NEWRULE, family: table.family.kernelFamily, flags: Int32(flags)))
        try finish(
            MessageOrigin(.newRule, table: tablePlan.tableIndex, chain: position.chain, rule: position.rule),
            predictedHandle: handle, in: &batch)
        ruleCount += 1
    }
}
