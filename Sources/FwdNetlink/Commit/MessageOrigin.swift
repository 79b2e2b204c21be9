/// What one message of a batch was sent for, so that an error reply (which names only the
/// message's sequence number) maps back to a table, chain, set or rule and its source location.
/// Kept as plain integers: a 100,000-rule batch records 100,000 of them.
struct MessageOrigin {
    /// The kind of message.
    enum Kind: UInt8 {
        case batchBegin, batchEnd
        case deleteTable, newTable
        case flushChain, deleteRule, flushSet
        case deleteChain, deleteSet
        case newChain, newSet, newSetElements, newRule
    }

    var kind: Kind
    /// The index in `NftRuleset.tables`, or in `CommitPlan.tablesToDelete` for `deleteTable`.
    var table: Int32 = -1
    /// The chain index in the table; for an anonymous set, the chain of the rule binding it; for
    /// `deleteRule`, the kept chain the rule is deleted from.
    var chain: Int32 = -1
    /// The rule index in the chain; for an anonymous set, the rule binding it.
    var rule: Int32 = -1
    /// The set index in the table, or the index in the table plan's delete/flush list; for
    /// `deleteRule`, the index in the chain diff's `deletedHandles`.
    var item: Int32 = -1

    /// A message of `kind` for the given indices.
    init(_ kind: Kind, table: Int = -1, chain: Int = -1, rule: Int = -1, item: Int = -1) {
        self.kind = kind
        self.table = Int32(truncatingIfNeeded: table)
        self.chain = Int32(truncatingIfNeeded: chain)
        self.rule = Int32(truncatingIfNeeded: rule)
        self.item = Int32(truncatingIfNeeded: item)
    }
}
