import FwdNftables

/// The rules a commit writes, with their expressions: a whole ``NftRuleset`` held in memory, or a
/// ``NftDeferredRuleset`` whose rules are lowered from the model when the commit reaches them, so
/// that a large ruleset's expressions never all exist at once (nor does the memory they took).
struct RuleSupply {
    /// The ruleset: whole, or the deferred ruleset's outline (rules without expressions) whose
    /// tables' sets are filled in as the lowering registers them.
    var ruleset: NftRuleset
    private let deferred: NftDeferredRuleset?
    private var lowerings: [Int: NftTableLowering] = [:]

    /// The rules of `ruleset`, held whole.
    init(_ ruleset: NftRuleset) {
        self.ruleset = ruleset
        deferred = nil
    }

    /// The rules of `deferred`, lowered when needed (a fresh lowering: no set registered yet).
    init(_ deferred: NftDeferredRuleset) {
        ruleset = deferred.outline
        self.deferred = deferred
    }

    /// Whether rules are lowered on demand (their outline has no expressions).
    var isDeferred: Bool { deferred != nil }

    /// The rules of the table at `index`, taken out of the supply to be walked; give them back
    /// with ``giveBack(_:ofTable:)`` so that the sets they registered stay registered.
    mutating func takeRules(ofTable index: Int) -> TableRules {
        guard let deferred else { return TableRules(table: ruleset.tables[index]) }
        let lowering = lowerings.removeValue(forKey: index) ?? deferred.lowering(ofTable: index)
        return TableRules(lowering: lowering)
    }

    /// Puts back rules taken with ``takeRules(ofTable:)``, recording the sets they registered.
    mutating func giveBack(_ rules: TableRules, ofTable index: Int) {
        guard let lowering = rules.lowering else { return }
        if lowering.sets.count != ruleset.tables[index].sets.count { ruleset.tables[index].sets = lowering.sets }
        lowerings[index] = lowering
    }

    /// Walks the rules of chain `chain` of table `table` (see ``TableRules/forEach(chain:where:_:)``).
    mutating func forEachRule<Failure: Error>(
        table: Int, chain: Int, where wanted: (Int) -> Bool = { _ in true },
        _ body: (Int, NftRule, [NftSet]) throws(Failure) -> Void
    ) throws(Failure) {
        var rules = takeRules(ofTable: table)
        defer { giveBack(rules, ofTable: table) }
        try rules.forEach(chain: chain, where: wanted, body)
    }

    /// Registers every set of table `table` without keeping its rules (a no-op when held whole).
    mutating func registerSets(ofTable table: Int) {
        var rules = takeRules(ofTable: table)
        rules.lowering?.registerSets()
        giveBack(rules, ofTable: table)
    }
}

/// The rules of one table being walked: held ones, or a lowering producing them.
struct TableRules {
    fileprivate var table: NftTable?
    fileprivate var lowering: NftTableLowering?

    fileprivate init(table: NftTable) { self.table = table }
    fileprivate init(lowering: NftTableLowering) { self.lowering = lowering }

    /// Calls `body` with each rule of the chain at index `chain` for which `wanted` holds (its
    /// index, the rule with its expressions, and the table's sets known once it is lowered), in
    /// order.
    mutating func forEach<Failure: Error>(
        chain: Int, where wanted: (Int) -> Bool = { _ in true }, _ body: (Int, NftRule, [NftSet]) throws(Failure) -> Void
    ) throws(Failure) {
        if let table {
            for (index, rule) in table.chains[chain].rules.enumerated() where wanted(index) {
                try body(index, rule, table.sets)
            }
        } else {
            try lowering?.lowerRules(ofChain: chain, where: wanted, body)
        }
    }
}
