internal import CLibMnl
import FwdNftables

// Rules, each preceded by the anonymous sets it binds (as nft sends them).
extension BatchBuilder {
    mutating func writeRules(of tablePlan: CommitPlan.TablePlan, sets: SetDirectory, into batch: inout NetlinkBatch)
        throws(NftSystemError)
    {
        let table = ruleset.tables[tablePlan.tableIndex]
        let family = table.family.kernelFamily
        let encoder = ExpressionEncoder(sets: sets)
        var anonymousWritten = [Bool](repeating: false, count: table.sets.count)
        let flags = Int32(NLM_F_CREATE | NLM_F_APPEND)

        for (chainIndex, chain) in table.chains.enumerated() {
            for (ruleIndex, rule) in chain.rules.enumerated() {
                guard problems.count < Self.problemLimit else { return }
                for expression in rule.expressions {
                    guard case .lookup(let name, let id, _, _) = expression,
                        let reference = sets.resolve(name: name, id: id), reference.isAnonymous,
                        !anonymousWritten[reference.index]
                    else { continue }
                    anonymousWritten[reference.index] = true
                    try writeSet(reference, of: tablePlan, bindingRule: (chainIndex, ruleIndex), into: &batch)
                }
                let object = try NftnlRule()
                object.set(NFTNL_RULE_TABLE, table.name)
                object.set(NFTNL_RULE_CHAIN, chain.name)
                do {
                    for expression in rule.expressions { object.append(try encoder.encode(expression)) }
                } catch {
                    report(rule.location, "chain \(chain.name)", "cannot encode rule: \(error.message)")
                    continue
                }
                if let comment = rule.comment {
                    var userData = try NftnlUserData()
                    _ = userData.put(NFTNL_UDATA_RULE_COMMENT.rawValue, string: comment)
                    object.setUserData(userData)
                }
                object.writePayload(into: batch.startMessage(NFT_MSG_NEWRULE, family: family, flags: flags))
                try finish(
                    MessageOrigin(.newRule, table: tablePlan.tableIndex, chain: chainIndex, rule: ruleIndex), in: &batch
                )
                ruleCount += 1
            }
        }
    }
}
