/// What a commit does to the rules of a chain that exists in the kernel and is kept: the rules to
/// delete by handle and the new ones to insert, so that afterwards the chain holds exactly the new
/// rules in the new order while every unchanged rule stays in place (keeping its handle, counters
/// and `limit` state). Or, when that would take too many per-rule messages, a flush of the chain
/// and a refill.
struct ChainDiff {
    /// A new rule to send: `rule` is its index in the new chain; `before` the handle of the kept
    /// rule it goes in front of (`NFTA_RULE_POSITION`), nil to append it at the end of the chain.
    struct Insertion {
        var rule: Int
        var before: UInt64?
    }

    /// Delete every rule of the chain (one `DELRULE` naming the chain) and append all new rules.
    var replacesAllRules = false
    /// Handles of the kernel's rules to delete, in kernel order.
    var deletedHandles: [UInt64] = []
    /// The new rules to send, in the new chain's order.
    var insertions: [Insertion] = []
    /// Rules left as they are.
    var keptCount = 0
    /// Per new rule: the handle of the kernel rule it keeps, nil for a rule inserted (sent).
    var keptHandles: [UInt64?] = []

    /// The most rules in the differing middle part of a chain for which the minimal edit is
    /// searched (`difference(from:)`, Myers' O((n+m)·d), d unbounded when rules moved); above
    /// it, rules occurring once on each side anchor an O(n log n) match (``anchoredMatches``).
    static let middleLimit = 4_096
    /// The most per-rule messages that address a rule by handle (deletions and positioned
    /// insertions). The kernel finds a handle by walking the chain, so each such message costs a
    /// walk; above this many, one flush and a refill of the chain is cheaper.
    static let handleOperationLimit = 2_048

    /// The changes taking a chain from `old` (the kernel's rules in order) to rules whose
    /// identities are `new`; a nil in `new` is a rule that must be sent again even if unchanged.
    static func between(old: [KernelState.Rule], new: [RuleDigest?]) -> ChainDiff {
        var diff = ChainDiff()
        let oldKeys = old.enumerated().map { DiffKey($1.digest, unique: -1 - $0) }
        let newKeys = new.enumerated().map { DiffKey($1, unique: $0) }
        var prefix = 0
        while prefix < old.count, prefix < new.count, oldKeys[prefix] == newKeys[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
            oldKeys[old.count - 1 - suffix] == newKeys[new.count - 1 - suffix]
        {
            suffix += 1
        }
        let oldMiddle = oldKeys[prefix..<(old.count - suffix)]
        let newMiddle = newKeys[prefix..<(new.count - suffix)]

        // Which old rule each new rule keeps (nil: inserted).
        var keptHandle = [UInt64?](repeating: nil, count: new.count)
        for index in 0..<prefix { keptHandle[index] = old[index].handle }
        for offset in 0..<suffix { keptHandle[new.count - 1 - offset] = old[old.count - 1 - offset].handle }
        if !oldMiddle.isEmpty || !newMiddle.isEmpty {
            let matches =
                oldMiddle.count + newMiddle.count <= middleLimit
                ? minimalMatches(old: oldMiddle, new: newMiddle)
                : anchoredMatches(old: oldMiddle, new: newMiddle)
            var keptOld = Set<Int>()
            for (oldIndex, newIndex) in matches {
                keptHandle[newIndex] = old[oldIndex].handle
                keptOld.insert(oldIndex)
            }
            diff.deletedHandles = oldMiddle.indices.filter { !keptOld.contains($0) }.map { old[$0].handle }
        }

        var next: UInt64?
        for index in stride(from: new.count - 1, through: 0, by: -1) {
            if let handle = keptHandle[index] {
                next = handle
                diff.keptCount += 1
            } else {
                diff.insertions.append(Insertion(rule: index, before: next))
            }
        }
        diff.insertions.reverse()
        diff.keptHandles = keptHandle
        let handleOperations = diff.deletedHandles.count + diff.insertions.count { $0.before != nil }
        return handleOperations > handleOperationLimit ? ChainDiff(replacing: new.count) : diff
    }

    private init() {}

    /// The pairs (old index, new index) kept by the fewest deletions and insertions
    /// (`difference(from:)`, Myers).
    private static func minimalMatches<Key: Hashable>(old: ArraySlice<Key>, new: ArraySlice<Key>) -> [(Int, Int)] {
        var removedOld = Set<Int>()
        var insertedNew = Set<Int>()
        for change in new.difference(from: old) {
            switch change {
            case .remove(let offset, _, _): removedOld.insert(old.startIndex + offset)
            case .insert(let offset, _, _): insertedNew.insert(new.startIndex + offset)
            }
        }
        return Array(zip(old.indices.filter { !removedOld.contains($0) }, new.indices.filter { !insertedNew.contains($0) }))
    }

    /// Flush and refill: every one of `count` new rules appended.
    static func refilling(count: Int) -> ChainDiff { ChainDiff(replacing: count) }

    private init(replacing count: Int) {
        replacesAllRules = true
        insertions = (0..<count).map { Insertion(rule: $0, before: nil) }
        keptHandles = Array(repeating: nil, count: count)
    }

    /// Whether the chain's rules stay exactly as they are.
    var isEmpty: Bool { !replacesAllRules && deletedHandles.isEmpty && insertions.isEmpty }
}

/// A rule's identity for the diff: its digest, or — for a kernel rule without one, or a new rule
/// that must be sent again — a key equal to nothing else.
private struct DiffKey: Hashable {
    var digest: RuleDigest?
    var unique: Int

    init(_ digest: RuleDigest?, unique: Int) {
        self.digest = digest
        self.unique = digest == nil ? unique : 0
    }
}
