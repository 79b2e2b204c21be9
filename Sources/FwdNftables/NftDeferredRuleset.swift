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

    /// The deferred lowering of `ruleset`, a validated ruleset.
    public init(_ ruleset: Ruleset) {
        tables = ruleset.tables
        declaredSets = NftablesLowering.declaredSets(of: ruleset)
        outline = NftRuleset(
            tables: ruleset.tables.map { table in
                NftablesLowering.table(
                    table,
                    chains: NftablesLowering.orderedChains(of: table).map { chain in
                        var rules: [NftRule] = []
                        rules.reserveCapacity(chain.rules.count)
                        for rule in chain.rules {
                            let outlined = NftRule(expressions: [], comment: rule.comment, location: rule.location)
                            for _ in 0..<ListSplit.ruleCount(for: rule) { rules.append(outlined) }
                        }
                        return NftablesLowering.chain(chain, of: table, rules: rules)
                    }, sets: [])
            })
    }

    /// A fresh lowering of the table at `index` of ``outline``, no set registered yet.
    public func lowering(ofTable index: Int) -> NftTableLowering {
        NftTableLowering(table: tables[index], declaredSets: declaredSets)
    }
}

/// The lowering of one table's rules, one at a time, registering the table's sets as rules use
/// them. Set ids start at 1 in every table (unique within it, as a batch's set directory needs).
public struct NftTableLowering: Sendable {
    private let chains: [Chain]
    private var lowerer: RuleLowerer

    init(table: Table, declaredSets: [String: NamedSet]) {
        chains = NftablesLowering.orderedChains(of: table)
        lowerer = RuleLowerer(sets: SetRegistry(firstID: 1), declaredSets: declaredSets)
    }

    /// The sets the rules lowered so far use, in the order they were first used.
    public var sets: [NftSet] { lowerer.sets.sets }

    /// Lowers the rules of the chain at `chainIndex` (in the outline's order) for which `wanted`
    /// holds, calling `body` with each one's index in the chain, the rule, and the sets registered
    /// so far (the rule's own included). A rule not wanted is not lowered, so registers no set.
    public mutating func lowerRules<Failure: Error>(
        ofChain chainIndex: Int, where wanted: (Int) -> Bool = { _ in true },
        _ body: (Int, NftRule, [NftSet]) throws(Failure) -> Void
    ) throws(Failure) {
        var index = 0
        for rule in chains[chainIndex].rules {
            guard rule.limit == nil, rule.hasPositiveList else {
                if wanted(index) { try body(index, lowerer.lower(rule), lowerer.sets.sets) }
                index += 1
                continue
            }
            for split in ListSplit.rules(for: rule) {
                if wanted(index) { try body(index, lowerer.lower(split), lowerer.sets.sets) }
                index += 1
            }
        }
    }

    /// Registers every set the table's rules use, in the order the full lowering does, lowering
    /// only the rules that can use one (a lookup in a named set, or a list ``ListSplit`` left
    /// whole).
    public mutating func registerSets() {
        for chain in chains {
            for rule in chain.rules where !rule.setMatches.isEmpty || rule.hasPositiveList {
                for split in ListSplit.rules(for: rule) where !split.setMatches.isEmpty || split.hasPositiveList {
                    _ = lowerer.lower(split)
                }
            }
        }
    }
}
