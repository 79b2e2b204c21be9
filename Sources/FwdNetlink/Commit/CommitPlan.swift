internal import CLibMnl
import FwdNftables

/// What one commit does to each table, decided from the kernel's state before anything is sent.
///
/// Windowless and incremental: existing fwd tables and base chains are kept (never deleted and
/// re-added, which would let packets through before a new base chain's `policy drop` applies).
/// In each kept chain only the rules that changed are deleted (by handle) and inserted (at their
/// place), found by comparing the rule digests stored in the kernel with the new rules' (see
/// ``ChainDiff``, ``RuleDigest``); unchanged rules stay, with their counters and limits. Base
/// chains are re-declared when their policy changed; declared sets are flushed and refilled;
/// list sets (named after their content) that exist are left alone. Chains and sets the new
/// ruleset no longer has are deleted after the rules that jump to or look them up. A base chain
/// whose hook, type or priority changed cannot be updated in place: it is deleted and re-created
/// in the same batch, and reported.
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
        /// Existing declared sets kept: their elements are flushed and refilled.
        var setsToFlush: [String] = []
        /// Every existing named set kept (list sets too, which are neither flushed nor refilled).
        var keptSets: Set<String> = []
        /// Existing chains kept (their rules changed one by one, see `chainDiffs`).
        var keptChains: Set<String> = []
        /// Kept base chains re-declared because their policy changed.
        var redeclaredChains: Set<String> = []
        /// Chains whose rules are all deleted by one `DELRULE` naming the chain: the chains to
        /// delete (so no jump from them holds another chain being deleted), and kept chains
        /// refilled whole.
        var chainsToFlush: [String] = []
        /// The digest of every new rule, per chain index of the table.
        var ruleDigests: [[RuleDigest]] = []
        /// Per chain index: how a kept chain's rules change; nil for a new chain (all rules appended).
        var chainDiffs: [ChainDiff?] = []
        /// Base chains deleted and re-created because their hook, type or priority changed.
        var recreatedBaseChains: [String] = []
        /// The last handle the kernel allocated in the table before this batch: 0 for a table
        /// created by it, the record's number for a kept table whose record knows it, else nil
        /// (the handles of its new rules are then echoed, not predicted).
        var lastHandleBefore: UInt64?
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
                var plan = TablePlan(tableIndex: index, exists: false, lastHandleBefore: 0)
                plan.planRules(of: table, existing: nil)
                tables.append(plan)
                continue
            }
            guard existing.isOwned else { throw .foreignTable(family: table.family.name, name: table.name) }
            var plan = Self.plan(table, index: index, existing: existing)
            plan.planRules(of: table, existing: existing)
            tables.append(plan)
        }
        for table in state.tables where table.isOwned && !wanted.contains("\(table.family) \(table.name)") {
            tablesToDelete.append(TableToDelete(family: table.family, name: table.name, displayName: table.displayName))
        }
    }

    private static func plan(_ table: NftTable, index: Int, existing: KernelState.Table) -> TablePlan {
        var plan = TablePlan(tableIndex: index, exists: true, lastHandleBefore: existing.lastHandle)
        let wantedChains = Dictionary(table.chains.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for chain in existing.chains {
            guard let wanted = wantedChains[chain.name] else {
                plan.chainsToDelete.append(chain.name)
                continue
            }
            if chain.attaches(like: wanted.base) {
                plan.keptChains.insert(chain.name)
                if let base = wanted.base, chain.policy != base.policy.kernelCode {
                    plan.redeclaredChains.insert(chain.name)
                }
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
                // A list set's name is derived from its elements: the same name, the same elements.
                if !wanted.isContentNamed { plan.setsToFlush.append(set.name) }
                plan.keptSets.insert(set.name)
            } else {
                plan.setsToDelete.append(set.name)
            }
        }
        plan.chainsToFlush = plan.chainsToDelete
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
