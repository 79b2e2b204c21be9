extension ChainDiff {
    /// The pairs (old index, new index) of a long middle part kept in place, found in
    /// O(n log n): the rules that occur exactly once on each side are anchors, and the longest
    /// run of anchors in the same order on both sides (a longest increasing subsequence of their
    /// new positions, taken in old order) is kept. With unique rules — the usual case, a rule
    /// written twice in one chain being rare — that is the same minimal edit Myers' algorithm finds;
    /// a repeated rule is deleted and inserted again.
    static func anchoredMatches<Key: Hashable>(old: ArraySlice<Key>, new: ArraySlice<Key>) -> [(Int, Int)] {
        var oldCount: [Key: Int] = [:]
        oldCount.reserveCapacity(old.count)
        for key in old { oldCount[key, default: 0] += 1 }
        var newPosition: [Key: Int] = [:]
        newPosition.reserveCapacity(new.count)
        var repeatedInNew = Set<Key>()
        for (index, key) in zip(new.indices, new) where oldCount[key] == 1 {
            if newPosition.updateValue(index, forKey: key) != nil { repeatedInNew.insert(key) }
        }
        // Anchors in old order: (old index, new index).
        let anchors: [(Int, Int)] = zip(old.indices, old).compactMap { index, key in
            guard oldCount[key] == 1, !repeatedInNew.contains(key), let position = newPosition[key] else { return nil }
            return (index, position)
        }
        return longestIncreasingRun(anchors)
    }

    /// The longest subsequence of `pairs` (increasing in their first element) whose second
    /// elements increase too (patience sorting with back links).
    private static func longestIncreasingRun(_ pairs: [(Int, Int)]) -> [(Int, Int)] {
        var tails: [Int] = []  // index into pairs of the smallest tail of each run length
        var previous = [Int](repeating: -1, count: pairs.count)
        for (index, pair) in pairs.enumerated() {
            var low = 0
            var high = tails.count
            while low < high {
                let middle = (low + high) / 2
                if pairs[tails[middle]].1 < pair.1 { low = middle + 1 } else { high = middle }
            }
            if low > 0 { previous[index] = tails[low - 1] }
            if low == tails.count { tails.append(index) } else { tails[low] = index }
        }
        var run: [(Int, Int)] = []
        var cursor = tails.last ?? -1
        while cursor >= 0 {
            run.append(pairs[cursor])
            cursor = previous[cursor]
        }
        return run.reversed()
    }
}
