public import FwdNftables

/// What a set element change did.
public struct NftSetChangeReport: Hashable, Sendable {
    /// The tables whose set was changed (`inet fwd_filter`).
    public var tables: [String]
    /// The elements sent per table (an interval counts as its start and end element).
    public var elementMessages: Int
}

extension NftablesKernel {
    /// Adds or deletes set elements live, in every fwd table holding a set named
    /// `change.setName`, in one atomic batch: all tables change, or none (no rule is touched).
    ///
    /// - Throws: ``NftCommitError/invalidRuleset(_:)`` when no fwd table holds the set, when its
    ///   key type differs, or when a range goes to a set without the interval flag (nothing
    ///   sent); ``NftCommitError/refused(_:repliesLost:)`` when the kernel refuses (an element to
    ///   delete that is not there, an interval overlapping one already there), in which case
    ///   nothing changed.
    public func change(_ change: NftSetElementChange) throws(NftCommitError) -> NftSetChangeReport {
        for attempt in 1...max(1, maximumAttempts) {
            if let report = try SetElementChangeAttempt(kernel: self, change: change, attempt: attempt).run() {
                return report
            }
        }
        throw .concurrentChanges(attempts: max(1, maximumAttempts))
    }
}
