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

        // Every rule of the table goes (a DELRULE naming only the table), which also releases the
        // anonymous sets bound to them and every jump into chains about to be deleted.
        let rules = try NftnlRule()
        rules.set(NFTNL_RULE_TABLE, table.name)
        rules.writePayload(into: batch.startMessage(NFT_MSG_DELRULE, family: family, flags: 0))
        try finish(MessageOrigin(.flushRules, table: tableIndex), in: &batch)

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
