internal import CLibMnl
import FwdNftables

// Deletions and flushes, all before anything is (re)created.
extension BatchBuilder {
    mutating func writeCleanup(into batch: inout NetlinkBatch) throws(NftSystemError) {
        for (index, table) in plan.tablesToDelete.enumerated() {
            let object = try NftnlTable()
            object.name = table.name
            object.writePayload(into: batch.startMessage(NFT_MSG_DELTABLE, family: UInt16(table.family), flags: 0))
            try finish(MessageOrigin(.deleteTable, item: index), in: &batch)
        }
        for tablePlan in plan.tables where tablePlan.exists {
            try writeCleanup(of: tablePlan, into: &batch)
        }
    }

    private mutating func writeCleanup(of tablePlan: CommitPlan.TablePlan, into batch: inout NetlinkBatch)
        throws(NftSystemError)
    {
        let table = ruleset.tables[tablePlan.tableIndex]
        let family = table.family.kernelFamily
        let tableIndex = tablePlan.tableIndex

        // Rules go first: that releases the anonymous sets bound to them and every jump into a
        // chain, and every lookup of a set, about to be deleted.
        for (chainIndex, diff) in tablePlan.chainDiffs.enumerated() {
            guard let diff, !diff.replacesAllRules else { continue }
            let chain = table.chains[chainIndex].name
            for (index, handle) in diff.deletedHandles.enumerated() {
                let rule = try NftnlRule()
                rule.set(NFTNL_RULE_TABLE, table.name)
                rule.set(NFTNL_RULE_CHAIN, chain)
                rule.set(NFTNL_RULE_HANDLE, handle)
                rule.writePayload(into: batch.startMessage(NFT_MSG_DELRULE, family: family, flags: 0))
                try finish(MessageOrigin(.deleteRule, table: tableIndex, chain: chainIndex, item: index), in: &batch)
            }
        }
        for (index, name) in tablePlan.chainsToFlush.enumerated() {
            let rules = try NftnlRule()
            rules.set(NFTNL_RULE_TABLE, table.name)
            rules.set(NFTNL_RULE_CHAIN, name)
            rules.writePayload(into: batch.startMessage(NFT_MSG_DELRULE, family: family, flags: 0))
            try finish(MessageOrigin(.flushChain, table: tableIndex, item: index), in: &batch)
        }

        for (index, name) in tablePlan.setsToFlush.enumerated() {
            let set = try NftnlSet()
            set.set(NFTNL_SET_TABLE, table.name)
            set.set(NFTNL_SET_NAME, name)
            set.writeElementsPayload(into: batch.startMessage(NFT_MSG_DELSETELEM, family: family, flags: 0))
            try finish(MessageOrigin(.flushSet, table: tableIndex, item: index), in: &batch)
        }
        for (index, name) in tablePlan.chainsToDelete.enumerated() {
            let chain = try NftnlChain()
            chain.set(NFTNL_CHAIN_TABLE, table.name)
            chain.set(NFTNL_CHAIN_NAME, name)
            chain.writePayload(into: batch.startMessage(NFT_MSG_DELCHAIN, family: family, flags: 0))
            try finish(MessageOrigin(.deleteChain, table: tableIndex, item: index), in: &batch)
        }
        for (index, name) in tablePlan.setsToDelete.enumerated() {
            let set = try NftnlSet()
            set.set(NFTNL_SET_TABLE, table.name)
            set.set(NFTNL_SET_NAME, name)
            set.writePayload(into: batch.startMessage(NFT_MSG_DELSET, family: family, flags: 0))
            try finish(MessageOrigin(.deleteSet, table: tableIndex, item: index), in: &batch)
        }
    }
}
