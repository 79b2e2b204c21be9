internal import CLibMnl
import FwdNftables

// Tables and chains: created when new, kept base chains re-declared when their policy changed.
extension BatchBuilder {
    mutating func writeTable(_ tablePlan: CommitPlan.TablePlan, into batch: inout NetlinkBatch) throws(NftSystemError) {
        let table = ruleset.tables[tablePlan.tableIndex]
        let family = table.family.kernelFamily
        if !tablePlan.exists {
            let object = try NftnlTable()
            object.name = table.name
            object.setUserData(try TableOwnership.markerUserData())
            object.writePayload(
                into: batch.startMessage(NFT_MSG_NEWTABLE, family: family, flags: Int32(NLM_F_CREATE | NLM_F_EXCL)))
            try finish(MessageOrigin(.newTable, table: tablePlan.tableIndex), in: &batch)
        }
        for (index, chain) in table.chains.enumerated() {
            try writeChain(chain, index: index, of: table, plan: tablePlan, into: &batch)
        }
        var problemTexts: [String] = []
        let directory = SetDirectory(
            sets: table.sets, firstBatchID: nextSetID, describe: { Self.describe($0, in: table) },
            problems: &problemTexts)
        nextSetID &+= UInt32(truncatingIfNeeded: table.sets.count)
        for text in problemTexts { report(table.location, "table \(table.family.name) \(table.name)", text) }
        for reference in directory.references where !reference.isAnonymous {
            try writeSet(reference, of: tablePlan, bindingRule: nil, into: &batch)
        }
        try writeRules(of: tablePlan, sets: directory, into: &batch)
    }

    private mutating func writeChain(
        _ chain: NftChain, index: Int, of table: NftTable, plan tablePlan: CommitPlan.TablePlan,
        into batch: inout NetlinkBatch
    ) throws(NftSystemError) {
        let kept = tablePlan.keptChains.contains(chain.name)
        // A kept chain has nothing to update unless it is a base chain whose policy changed.
        guard !kept || tablePlan.redeclaredChains.contains(chain.name) else { return }
        let object = try NftnlChain()
        object.set(NFTNL_CHAIN_TABLE, table.name)
        object.set(NFTNL_CHAIN_NAME, chain.name)
        if let base = chain.base {
            object.set(NFTNL_CHAIN_HOOKNUM, base.hook.kernelHook)
            object.set(NFTNL_CHAIN_PRIO, base.priority)
            object.set(NFTNL_CHAIN_TYPE, base.type.rawValue)
            object.set(NFTNL_CHAIN_POLICY, base.policy.kernelCode)
        }
        // A kept base chain is re-declared without NLM_F_EXCL: the kernel updates its policy.
        let flags = kept ? Int32(NLM_F_CREATE) : Int32(NLM_F_CREATE | NLM_F_EXCL)
        // A new chain takes the table's next handle; a re-declared one keeps its own.
        if !kept { _ = allocateHandle() }
        object.writePayload(into: batch.startMessage(NFT_MSG_NEWCHAIN, family: table.family.kernelFamily, flags: flags))
        try finish(MessageOrigin(.newChain, table: tablePlan.tableIndex, chain: index), in: &batch)
    }

    /// `set ports in table inet fwd_filter`, or `anonymous set 3 in …`.
    static func describe(_ set: NftSet, in table: NftTable) -> String {
        let name = set.isAnonymous ? "anonymous set \(set.id)" : "set \(set.name)"
        return "\(name) in table \(table.family.name) \(table.name)"
    }
}
