import FwdNftables

extension KernelRuleRecord {
    /// The record of the kernel's rules once `builder`'s batch is committed: per chain of every
    /// table of the new ruleset, each rule's handle — the kept rule's (from the plan's chain diffs),
    /// the one predicted for the rule sent, or the one the kernel echoed for it — and its digest;
    /// per table the last handle allocated, when known. Nil when an echo is missing or does not
    /// carry the digest sent (a reply lost: the next commit reads the kernel instead). Predicted
    /// handles are taken on trust here: check them (``PredictionCheck``) before using the record.
    init?(
        committing builder: BatchBuilder, replies: BatchReplies, namespaceCookie: UInt64, generation: UInt32
    ) {
        let ruleset = builder.ruleset
        var handles: [[[UInt64?]]] = builder.plan.tables.map { tablePlan in
            ruleset.tables[tablePlan.tableIndex].chains.enumerated().map { chainIndex, chain in
                guard let diff = tablePlan.chainDiffs[chainIndex], diff.keptHandles.count == chain.rules.count else {
                    return Array(repeating: nil, count: chain.rules.count)
                }
                return diff.keptHandles
            }
        }
        let planIndex = Dictionary(
            builder.plan.tables.enumerated().map { ($1.tableIndex, $0) }, uniquingKeysWith: { first, _ in first })
        for (offset, origin) in builder.origins.enumerated() where origin.kind == .newRule {
            guard let planPosition = planIndex[Int(origin.table)] else { return nil }
            let chain = Int(origin.chain)
            let rule = Int(origin.rule)
            if let predicted = builder.predictedHandle(ofMessage: offset) {
                handles[planPosition][chain][rule] = predicted
                continue
            }
            guard let echo = replies.echoedRules[builder.firstSequence &+ UInt32(offset)],
                echo.digest == builder.plan.tables[planPosition].ruleDigests[chain][rule]
            else { return nil }
            handles[planPosition][chain][rule] = echo.handle
        }
        var tables: [Table] = []
        for (planPosition, tablePlan) in builder.plan.tables.enumerated() {
            let table = ruleset.tables[tablePlan.tableIndex]
            var chains: [Chain] = []
            for (chainIndex, chain) in table.chains.enumerated() {
                var rules: [Rule] = []
                rules.reserveCapacity(chain.rules.count)
                for (ruleIndex, handle) in handles[planPosition][chainIndex].enumerated() {
                    guard let handle else { return nil }
                    let digest = tablePlan.ruleDigests[chainIndex][ruleIndex]
                    rules.append(Rule(handle: handle, digestHigh: digest.high, digestLow: digest.low))
                }
                chains.append(Chain(name: chain.name, rules: rules))
            }
            let lastHandle = Self.lastHandle(of: builder.tableHandles[planPosition], builder: builder, replies: replies)
            let family = UInt32(table.family.kernelFamily)
            tables.append(Table(family: family, name: table.name, chains: chains, lastHandle: lastHandle))
        }
        self.init(namespaceCookie: namespaceCookie, generation: generation, tables: tables)
    }

    /// The last handle allocated in a table after the batch: the count when it was predicted;
    /// otherwise the echoed handle of the table's last allocating message if that is a rule
    /// (rules come last in a table's part of the batch); nil when unknown.
    private static func lastHandle(of handles: TableHandles, builder: BatchBuilder, replies: BatchReplies) -> UInt64? {
        if let last = handles.last { return last }
        guard let offset = handles.lastAllocatingMessage, builder.origins[offset].kind == .newRule else { return nil }
        return replies.echoedRules[builder.firstSequence &+ UInt32(offset)]?.handle
    }

    /// The generation after one commit from `generation` (the kernel skips 0 when it wraps).
    static func generation(afterCommitFrom generation: UInt32) -> UInt32 {
        generation &+ 1 == 0 ? 1 : generation &+ 1
    }

    /// The rules of the kernel's table `table` as recorded, by chain name, and the table's last
    /// allocated handle if recorded; nil when the record does not hold that table with exactly the
    /// kernel's chains.
    func rules(of table: KernelState.Table) -> (rules: [String: [KernelState.Rule]], lastHandle: UInt64?)? {
        guard let recorded = tables.first(where: { $0.family == table.family && $0.name == table.name }),
            Set(recorded.chains.map(\.name)) == Set(table.chains.map(\.name))
        else { return nil }
        var rules: [String: [KernelState.Rule]] = [:]
        for chain in recorded.chains {
            rules[chain.name] = chain.rules.map {
                KernelState.Rule(handle: $0.handle, digest: RuleDigest(high: $0.digestHigh, low: $0.digestLow))
            }
        }
        return (rules, recorded.lastHandle)
    }
}
