import FwdModel

/// Gathers tables, chains, policies and rules from every file, in the order they are read, and
/// builds the ``Ruleset`` at the end. A chain named in several files gets their rules appended
/// in reading order; its policy may be set more than once only to the same value.
struct RulesetBuilder {
    /// Where a rule sits: its table, its chain's index in the table, its index in the chain.
    struct RulePosition {
        var table: TableKind
        var chain: Int
        var rule: Int
    }

    private struct ChainDraft {
        var chain: Chain
        var policyLocation: SourceLocation?
    }

    private struct TableDraft {
        var location: SourceLocation
        var chains: [ChainDraft] = []
        var indexByName: [String: Int] = [:]
    }

    /// The tables written, by ``TableKind`` ordinal.
    private var tables = [TableDraft?](repeating: nil, count: TableKind.allCases.count)

    private static func slot(_ kind: TableKind) -> Int {
        switch kind {
        case .raw: 0
        case .mangle: 1
        case .nat: 2
        case .filter: 3
        case .security: 4
        }
    }

    /// Notes that `table` is written at `location` (the first place counts).
    mutating func declareTable(_ table: TableKind, at location: SourceLocation) {
        if tables[Self.slot(table)] == nil { tables[Self.slot(table)] = TableDraft(location: location) }
    }

    /// The index of chain `name` in `table`, declaring it at `location` when it is new.
    mutating func declareChain(_ name: String, in table: TableKind, at location: SourceLocation) -> Int {
        declareTable(table, at: location)
        if let index = tables[Self.slot(table)]?.indexByName[name] { return index }
        let index = tables[Self.slot(table)]?.chains.count ?? 0
        tables[Self.slot(table)]?.chains.append(ChainDraft(chain: Chain(name, location: location)))
        tables[Self.slot(table)]?.indexByName[name] = index
        return index
    }

    /// Sets a chain's policy; a second, different policy is reported naming the first.
    mutating func setPolicy(
        _ policy: Policy, chain: Int, in table: TableKind, at location: SourceLocation, problems: inout [Diagnostic]
    ) {
        guard let draft = tables[Self.slot(table)]?.chains[chain] else { return }
        if let existing = draft.chain.policy, let first = draft.policyLocation {
            if existing != policy {
                problems.append(Diagnostic(
                    "policy: \(policy.rawValue) contradicts policy \(existing.rawValue) set at \(first)"
                        + " for \(table)/\(draft.chain.name)", at: location))
            }
            return
        }
        tables[Self.slot(table)]?.chains[chain].chain.policy = policy
        tables[Self.slot(table)]?.chains[chain].policyLocation = location
    }

    /// Appends `rule` to a chain and returns its position and 1-based number in the chain.
    @discardableResult
    mutating func append(_ rule: consuming Rule, chain: Int, in table: TableKind) -> RulePosition {
        let index = tables[Self.slot(table)]?.chains[chain].chain.rules.count ?? 0
        tables[Self.slot(table)]?.chains[chain].chain.rules.append(rule)
        return RulePosition(table: table, chain: chain, rule: index)
    }

    /// Replaces the rule at `position` (a placeholder for a rule built after all files are read).
    mutating func replace(at position: RulePosition, with rule: consuming Rule) {
        tables[Self.slot(position.table)]?.chains[position.chain].chain.rules[position.rule] = rule
    }

    /// Swaps `rule` with the placeholder at `position`: the rule moves in without a copy, and
    /// `rule` holds the placeholder after.
    mutating func swapIn(_ rule: inout Rule, at position: RulePosition) {
        tables[Self.slot(position.table)]?.chains[position.chain].chain.rules.withUnsafeMutableBufferPointer {
            swap(&$0[position.rule], &rule)
        }
    }

    /// The ruleset: the tables written, in the kernel's order, each with its chains in the order
    /// they were first written.
    func build() -> Ruleset {
        Ruleset(TableKind.allCases.compactMap { kind in
            tables[Self.slot(kind)].map { Table(kind, chains: $0.chains.map(\.chain), location: $0.location) }
        })
    }
}
