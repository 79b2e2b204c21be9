internal import CLibMnl
import FwdNftables

/// What one commit does to each table, decided from the kernel's state before anything is sent.
///
/// Windowless replace: existing fwd tables and base chains are kept (never deleted and re-added,
/// which would let packets through before a new base chain's `policy drop` applies). Their rules
/// and set elements are flushed and refilled in the same batch, chain definitions re-declared
/// (updating policies); chains and sets the new ruleset no longer has are deleted after the flush
/// (their jumps and lookups are gone by then). A base chain whose hook, type or priority changed
/// cannot be updated in place: it is deleted and re-created in the same batch, and reported.
struct CommitPlan {
    /// What happens to one table of the new ruleset.
    struct TablePlan {
        /// The index in `NftRuleset.tables`.
        var tableIndex: Int
        /// Whether the table exists (and belongs to fwd); otherwise it is created.
        var exists: Bool
        /// Existing chains deleted: gone from the ruleset, or re-created with another hook.
        var chainsToDelete: [String] = []
        /// Existing named sets deleted: gone from the ruleset, or redefined (other key, flags or size).
        var setsToDelete: [String] = []
        /// Existing named sets kept: their elements are flushed and refilled.
        var setsToFlush: [String] = []
        /// The same names, for lookups.
        var keptSets: Set<String> = []
        /// Existing chains kept as they are (only base chains are re-declared, for the policy).
        var keptChains: Set<String> = []
        /// Base chains deleted and re-created because their hook, type or priority changed.
        var recreatedBaseChains: [String] = []
    }

    /// A fwd table the new ruleset no longer has.
    struct TableToDelete {
        var family: UInt32
        var name: String
        var displayName: String
    }

    /// fwd tables to delete.
    var tablesToDelete: [TableToDelete] = []
    /// One plan per table of the new ruleset, in its order.
    var tables: [TablePlan] = []

    /// The plan taking the kernel from `state` to `ruleset`. Throws when a table of the ruleset
    /// exists but is not fwd's.
    init(ruleset: NftRuleset, state: KernelState) throws(NftCommitError) {
        var wanted: Set<String> = []
        for (index, table) in ruleset.tables.enumerated() {
            wanted.insert("\(table.family.kernelFamily) \(table.name)")
            guard let existing = state.table(family: table.family, name: table.name) else {
                tables.append(TablePlan(tableIndex: index, exists: false))
                continue
            }
            guard existing.isOwned else { throw .foreignTable(family: table.family.name, name: table.name) }
            tables.append(Self.plan(table, index: index, existing: existing))
        }
        for table in state.tables where table.isOwned && !wanted.contains("\(table.family) \(table.name)") {
            tablesToDelete.append(TableToDelete(family: table.family, name: table.name, displayName: table.displayName))
        }
    }

    private static func plan(_ table: NftTable, index: Int, existing: KernelState.Table) -> TablePlan {
        var plan = TablePlan(tableIndex: index, exists: true)
        let wantedChains = Dictionary(table.chains.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for chain in existing.chains {
            guard let wanted = wantedChains[chain.name] else {
                plan.chainsToDelete.append(chain.name)
                continue
            }
            if chain.attaches(like: wanted.base) {
                plan.keptChains.insert(chain.name)
            } else {
                plan.chainsToDelete.append(chain.name)
                if wanted.base != nil, chain.hook != nil {
                    plan.recreatedBaseChains.append("\(table.family.name) \(table.name) \(chain.name)")
                }
            }
        }
        let wantedSets = Dictionary(
            table.sets.filter { !$0.isAnonymous }.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for set in existing.sets where !set.isAnonymous {
            if let wanted = wantedSets[set.name], Self.matches(set, wanted) {
                plan.setsToFlush.append(set.name)
                plan.keptSets.insert(set.name)
            } else {
                plan.setsToDelete.append(set.name)
            }
        }
        return plan
    }

    /// The set flags fwd sends for a named set.
    static func namedSetFlags(_ set: NftSet) -> UInt32 {
        set.isInterval ? NFT_SET_INTERVAL.rawValue : 0
    }

    private static func matches(_ existing: KernelState.Set, _ wanted: NftSet) -> Bool {
        let definingFlags =
            NFT_SET_INTERVAL.rawValue | NFT_SET_MAP.rawValue | NFT_SET_CONSTANT.rawValue
            | NFT_SET_TIMEOUT.rawValue | NFT_SET_EVAL.rawValue | NFT_SET_OBJECT.rawValue | NFT_SET_CONCAT.rawValue
        return existing.flags & definingFlags == namedSetFlags(wanted)
            && existing.keyType == wanted.keyType.rawValue && existing.keyLength == wanted.keyType.length
            && existing.size == (wanted.size ?? 0)
    }
}
