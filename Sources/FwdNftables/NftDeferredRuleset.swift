public import FwdModel

/// A ruleset lowered one rule at a time, for a commit that never holds every lowered rule at
/// once: at 100,000 rules the whole ``NftRuleset`` takes ~70 MB, one rule a few hundred bytes.
///
/// The ``outline`` has every table, chain and rule the full lowering (``NftablesLowering``) gives,
/// in the same order, but rules without expressions and tables without sets; a
/// ``NftTableLowering`` lowers a table's rules (and registers its sets) when asked, exactly as the
/// full lowering does, so a commit that writes them one by one sends the same rules.
public struct NftDeferredRuleset: Sendable {
    /// Every table, chain and rule (comment and location) of the lowering, without expressions
    /// and without sets.
    public let outline: NftRuleset
    private let tables: [Table]
    private let declaredSets: [String: NamedSet]
    /// Per table, per chain (in the outline's order), per model rule: what it lowers to.
    private let shapes: [[[RuleShape]]]

    /// The deferred lowering of `ruleset`, a validated ruleset.
    public init(_ ruleset: Ruleset) {
        tables = ruleset.tables
        declaredSets = NftablesLowering.declaredSets(of: ruleset)
        var shapes: [[[RuleShape]]] = []
        var outlineTables: [NftTable] = []
        for table in ruleset.tables {
            var chainShapes: [[RuleShape]] = []
            let chains = NftablesLowering.orderedChains(of: table).map { chain in
                var rules: [NftRule] = []
                rules.reserveCapacity(chain.rules.count)
                var ruleShapes: [RuleShape] = []
                ruleShapes.reserveCapacity(chain.rules.count)
                for rule in chain.rules {
                    let shape = ListSplit.shape(of: rule)
                    ruleShapes.append(shape)
                    let outlined = NftRule(expressions: [], comment: rule.comment, location: rule.location)
                    for _ in 0..<shape.count { rules.append(outlined) }
                }
                chainShapes.append(ruleShapes)
                return NftablesLowering.chain(chain, of: table, rules: rules)
            }
            shapes.append(chainShapes)
            outlineTables.append(NftablesLowering.table(table, chains: chains, sets: []))
        }
        self.shapes = shapes
        outline = NftRuleset(tables: outlineTables)
    }

    /// A fresh lowering of the table at `index` of ``outline``, no set registered yet.
    public func lowering(ofTable index: Int) -> NftTableLowering {
        NftTableLowering(table: tables[index], shapes: shapes[index], declaredSets: declaredSets)
    }
}

/// The lowering of one table's rules, one at a time, registering the table's sets as rules use
/// them. Set ids start at 1 in every table (unique within it, as a batch's set directory needs).
public struct NftTableLowering: Sendable {
    private let chains: [Chain]
    private let shapes: [[RuleShape]]
    private var lowerer: RuleLowerer

    init(table: Table, shapes: [[RuleShape]], declaredSets: [String: NamedSet]) {
        chains = NftablesLowering.orderedChains(of: table)
        self.shapes = shapes
        lowerer = RuleLowerer(sets: SetRegistry(firstID: 1), declaredSets: declaredSets)
    }

    /// The sets the rules lowered so far use, in the order they were first used.
    public var sets: [NftSet] { lowerer.sets.sets }

    /// Lowers the rules of the chain at `chainIndex` (in the outline's order) for which `wanted`
    /// holds, calling `body` with each one's index in the chain, the rule, and the sets registered
    /// so far (the rule's own included). A rule not wanted is not lowered, so registers no set
    /// (and a model rule none of whose rules are wanted is not even split).
    public mutating func lowerRules<Failure: Error>(
        ofChain chainIndex: Int, where wanted: (Int) -> Bool = { _ in true },
        _ body: (Int, NftRule, [NftSet]) throws(Failure) -> Void
    ) throws(Failure) {
        var index = 0
        let rules = chains[chainIndex].rules
        for modelIndex in rules.indices {
            let count = Int(shapes[chainIndex][modelIndex].count)
            defer { index += count }
            guard count > 1 else {
                if wanted(index) { try body(index, lowerer.lower(rules[modelIndex]), lowerer.sets.sets) }
                continue
            }
            guard (index..<index + count).contains(where: wanted) else { continue }
            for (offset, split) in ListSplit.rules(for: rules[modelIndex]).enumerated() where wanted(index + offset) {
                try body(index + offset, lowerer.lower(split), lowerer.sets.sets)
            }
        }
    }

    /// Registers every set the table's rules use, in the order the full lowering does, lowering
    /// only the rules that can use one (a lookup in a named set, or a list ``ListSplit`` left
    /// whole).
    public mutating func registerSets() {
        for (chainIndex, chain) in chains.enumerated() {
            for (modelIndex, rule) in chain.rules.enumerated()
            where shapes[chainIndex][modelIndex].keepsList || !rule.setMatches.isEmpty {
                for split in ListSplit.rules(for: rule) where !split.setMatches.isEmpty || split.hasPositiveList {
                    _ = lowerer.lower(split)
                }
            }
        }
    }
}
