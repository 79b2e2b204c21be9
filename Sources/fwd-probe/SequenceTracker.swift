/// Which sequence numbers of a flood arrived: a bitset over `0..<limit`, with duplicate and
/// out-of-range counts, and the gaps below the highest number seen.
struct SequenceTracker {
    /// Numbers at or above this are counted as out of range instead of being recorded.
    let limit: UInt64
    private var words: [UInt64] = []
    /// Different numbers recorded.
    private(set) var distinct = 0
    /// Numbers that arrived more than once (each extra arrival counts).
    private(set) var duplicates = 0
    /// Numbers at or above `limit`.
    private(set) var outOfRange = 0
    /// The lowest number recorded.
    private(set) var lowest: UInt64?
    /// The highest number recorded.
    private(set) var highest: UInt64?

    /// A tracker for numbers below `limit` (the bitset grows as numbers arrive, up to `limit / 8`
    /// bytes).
    init(limit: UInt64) { self.limit = limit }

    /// Records that `sequence` arrived.
    mutating func record(_ sequence: UInt64) {
        guard sequence < limit else {
            outOfRange += 1
            return
        }
        let word = Int(sequence / 64)
        let bit = UInt64(1) << (sequence % 64)
        if word >= words.count { words.append(contentsOf: repeatElement(0, count: word - words.count + 1)) }
        guard words[word] & bit == 0 else {
            duplicates += 1
            return
        }
        words[word] |= bit
        distinct += 1
        lowest = min(lowest ?? sequence, sequence)
        highest = max(highest ?? sequence, sequence)
    }

    /// Whether `sequence` arrived.
    func contains(_ sequence: UInt64) -> Bool {
        let word = Int(sequence / 64)
        return sequence < limit && word < words.count && words[word] & (UInt64(1) << (sequence % 64)) != 0
    }

    /// The missing numbers from 0 up to the highest recorded: how many, and the first
    /// `maximumRanges` runs of them.
    func gaps(maximumRanges: Int) -> (missing: Int, ranges: [ClosedRange<UInt64>]) {
        guard let highest else { return (0, []) }
        var missing = 0
        var ranges: [ClosedRange<UInt64>] = []
        var runStart: UInt64?
        var sequence: UInt64 = 0
        while sequence <= highest {
            let word = words[Int(sequence / 64)]
            if word == UInt64.max, sequence % 64 == 0, sequence + 63 <= highest, runStart == nil {
                sequence += 64
                continue
            }
            if word & (UInt64(1) << (sequence % 64)) == 0 {
                missing += 1
                if runStart == nil { runStart = sequence }
            } else if let start = runStart {
                if ranges.count < maximumRanges { ranges.append(start...(sequence - 1)) }
                runStart = nil
            }
            sequence += 1
        }
        return (missing, ranges)
    }
}
