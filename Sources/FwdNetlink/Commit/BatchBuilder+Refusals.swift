import FwdModel
import FwdNftables

// Maps an error reply back to what fwd sent.
extension BatchBuilder {
    /// The refusal for an error reply to `sequence`.
    func refusal(ofSequence sequence: UInt32, errno: Int32) -> NftKernelRefusal {
        let (location, object, action) = describeMessage(sequence)
        let kind = origin(ofSequence: sequence)?.kind ?? .batchBegin
        return NftKernelRefusal(
            location: location, object: object, action: action, errno: errno,
            reason: NftSystemError.message(for: errno), hint: RefusalHints.hint(errno: errno, kind: kind))
    }

    private func describeMessage(_ sequence: UInt32) -> (SourceLocation?, String, String) {
        guard let origin = origin(ofSequence: sequence) else { return (nil, "transaction", "message \(sequence)") }
        let tableIndex = Int(origin.table)
        let item = Int(origin.item)
        switch origin.kind {
        case .batchBegin:
            return (nil, "transaction", "the batch")
        case .batchEnd:
            return (nil, "transaction", "the commit")
        case .deleteTable:
            return (nil, "table \(plan.tablesToDelete[item].displayName)", "deleting the table")
        case .newTable:
            return (table(tableIndex).location, tableObject(tableIndex), "table")
        case .flushChain:
            let name = tablePlan(tableIndex)?.chainsToFlush[item] ?? "?"
            return (table(tableIndex).location, "chain \(name) in \(tableObject(tableIndex))", "flushing its rules")
        case .deleteRule:
            let chain = table(tableIndex).chains[Int(origin.chain)]
            let handle = tablePlan(tableIndex)?.chainDiffs[Int(origin.chain)]?.deletedHandles[item]
            return (
                chain.location, "chain \(chain.name) in \(tableObject(tableIndex))",
                "deleting its rule with handle \(handle.map(String.init) ?? "?")"
            )
        case .flushSet:
            let name = tablePlan(tableIndex)?.setsToFlush[item] ?? "?"
            return (table(tableIndex).location, "set \(name) in \(tableObject(tableIndex))", "flushing its elements")
        case .deleteChain:
            let name = tablePlan(tableIndex)?.chainsToDelete[item] ?? "?"
            return (table(tableIndex).location, "chain \(name) in \(tableObject(tableIndex))", "deleting the chain")
        case .deleteSet:
            let name = tablePlan(tableIndex)?.setsToDelete[item] ?? "?"
            return (table(tableIndex).location, "set \(name) in \(tableObject(tableIndex))", "deleting the set")
        case .newChain:
            let chain = table(tableIndex).chains[Int(origin.chain)]
            return (chain.location, "chain \(chain.name)", "chain")
        case .newSet, .newSetElements:
            let table = table(tableIndex)
            let location =
                origin.rule >= 0 ? table.chains[Int(origin.chain)].rules[Int(origin.rule)].location : table.location
            return (
                location, Self.describe(table.sets[item], in: table), origin.kind == .newSet ? "set" : "set elements"
            )
        case .newRule:
            let chain = table(tableIndex).chains[Int(origin.chain)]
            return (chain.rules[Int(origin.rule)].location, "chain \(chain.name)", "rule")
        }
    }

    private func table(_ index: Int) -> NftTable { ruleset.tables[index] }

    private func tableObject(_ index: Int) -> String {
        "table \(ruleset.tables[index].family.name) \(ruleset.tables[index].name)"
    }

    private func tablePlan(_ index: Int) -> CommitPlan.TablePlan? { plan.tables.first { $0.tableIndex == index } }
}
