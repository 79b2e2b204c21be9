internal import CLibMnl
import FwdModel
import FwdNftables

// Sets and their elements. Kept declared sets only get their elements refilled; kept list sets nothing.
extension BatchBuilder {
    mutating func writeSet(
        _ reference: SetDirectory.Reference, of tablePlan: CommitPlan.TablePlan, bindingRule: (chain: Int, rule: Int)?,
        into batch: inout NetlinkBatch
    ) throws(NftSystemError) {
        let table = ruleset.tables[tablePlan.tableIndex]
        let set = table.sets[reference.index]
        let family = table.family.kernelFamily
        let location = bindingRule.map { table.chains[$0.chain].rules[$0.rule].location } ?? table.location
        let origin = { (kind: MessageOrigin.Kind) in
            MessageOrigin(
                kind, table: tablePlan.tableIndex, chain: bindingRule?.chain ?? -1, rule: bindingRule?.rule ?? -1,
                item: reference.index)
        }
        // A kept list set already holds exactly these elements (its name says so).
        if !reference.isAnonymous && set.isContentNamed && tablePlan.keptSets.contains(set.name) { return }
        let encoding: SetElementEncoding
        switch SetElementEncoding.encode(set) {
        case .success(let encoded): encoding = encoded
        case .failure(let problem):
            report(location, Self.describe(set, in: table), problem.message)
            return
        }

        let kept = !reference.isAnonymous && tablePlan.keptSets.contains(set.name)
        if !kept {
            let object = try NftnlSet()
            object.set(NFTNL_SET_TABLE, table.name)
            object.set(NFTNL_SET_NAME, reference.kernelName)
            object.set(NFTNL_SET_ID, reference.batchID)
            object.set(NFTNL_SET_KEY_TYPE, set.keyType.rawValue)
            object.set(NFTNL_SET_KEY_LEN, set.keyType.length)
            if let size = set.size, !reference.isAnonymous { object.set(NFTNL_SET_DESC_SIZE, size) }
            var flags = CommitPlan.namedSetFlags(set)
            if reference.isAnonymous {
                flags |= NFT_SET_ANONYMOUS.rawValue | NFT_SET_CONSTANT.rawValue
                // A constant set holds exactly what it is created with.
                object.set(NFTNL_SET_DESC_SIZE, UInt32(encoding.elements.count))
            }
            object.set(NFTNL_SET_FLAGS, flags)
            var userData = try NftnlUserData()
            _ = userData.put(NFTNL_UDATA_SET_KEYBYTEORDER.rawValue, value: set.keyType.nftByteOrder)
            object.setUserData(userData)
            object.writePayload(
                into: batch.startMessage(NFT_MSG_NEWSET, family: family, flags: Int32(NLM_F_CREATE | NLM_F_EXCL)))
            // Named or anonymous, a new set takes the table's next handle (elements take none).
            _ = allocateHandle()
            try finish(origin(.newSet), in: &batch)
        }
        try writeElements(encoding, of: reference, table: table, into: &batch, origin: origin(.newSetElements))
    }

    /// Sends the elements in as many messages as the 64 KiB attribute limit needs.
    private mutating func writeElements(
        _ encoding: SetElementEncoding, of reference: SetDirectory.Reference, table: NftTable,
        into batch: inout NetlinkBatch, origin: MessageOrigin
    ) throws(NftSystemError) {
        let perMessage = encoding.elementsPerMessage
        var start = 0
        while start < encoding.elements.count {
            let end = min(start + perMessage, encoding.elements.count)
            let object = try NftnlSet()
            object.set(NFTNL_SET_TABLE, table.name)
            object.set(NFTNL_SET_NAME, reference.kernelName)
            object.set(NFTNL_SET_ID, reference.batchID)
            for element in encoding.elements[start..<end] {
                let flags = element.isIntervalEnd ? NFT_SET_ELEM_INTERVAL_END.rawValue : 0
                let item = try NftnlSetElement(key: encoding.key(of: element), flags: flags)
                if element.isOpenInterval {
                    var userData = try NftnlUserData(capacity: 16)
                    _ = userData.put(
                        NFTNL_UDATA_SET_ELEM_FLAGS.rawValue, value: NFTNL_SET_ELEM_F_INTERVAL_OPEN.rawValue)
                    item.setUserData(userData)
                }
                object.append(item)
            }
            object.writeElementsPayload(
                into: batch.startMessage(
                    NFT_MSG_NEWSETELEM, family: table.family.kernelFamily, flags: Int32(NLM_F_CREATE)))
            try finish(origin, in: &batch)
            start = end
        }
    }
}
