internal import CLibMnl
import FwdModel
import FwdNftables

/// Writes a ``CommitPlan`` and the new ruleset into one batch, recording each message's
/// ``MessageOrigin`` and collecting every encoding problem (a batch with problems is never sent).
///
/// Order: `BEGIN`; delete fwd tables no longer wanted; per kept table delete the rules that changed
/// (by handle), flush the chains to delete or refill and the declared sets' elements, then delete
/// chains and sets no longer wanted; per table create it if new, declare new chains (re-declare
/// base chains whose policy changed), new sets and elements, then the new rules at their place
/// (an anonymous set right before the rule binding it); `END` unless this is a dry run.
///
/// Along the way it counts the handles the kernel allocates per table (see ``TableHandles``), to
/// predict each new rule's handle where the number the table starts from is known.
struct BatchBuilder {
    /// The ruleset being written.
    let ruleset: NftRuleset
    /// What to keep, delete and create.
    let plan: CommitPlan
    /// One origin per message, indexed by sequence number minus the first one.
    private(set) var origins: [MessageOrigin] = []
    /// The sequence number of the first message (`BEGIN`).
    let firstSequence: UInt32
    /// Problems found while encoding; non-empty means the batch must not be sent.
    var problems: [NftRulesetProblem] = []
    /// Rules written.
    var ruleCount = 0
    /// Whether the batch is committed (not a dry run). Only then are new rules whose handle
    /// cannot be predicted sent with `NLM_F_ECHO`, so that the kernel sends each back with its
    /// handle after the commit.
    let commitsBatch: Bool
    /// Per table of the plan (in `plan.tables` order): what is known of the handles the kernel
    /// gives its new chains, sets and rules.
    var tableHandles: [TableHandles] = []
    /// The position in `plan.tables` of the table being written.
    var currentTable = 0
    /// Per message (indexed like `origins`): the handle predicted for the rule it creates; 0 for
    /// other messages and for rules whose handle is echoed (the kernel never gives out 0).
    private(set) var predictedHandles: [UInt64] = []
    /// The next batch-wide set id (`NFTA_SET_ID`).
    var nextSetID: UInt32 = 1

    /// The most problems collected before giving up on listing more.
    static let problemLimit = 50

    /// Writes the whole batch for `ruleset` into `batch`.
    init(
        ruleset: NftRuleset, plan: CommitPlan, generation: UInt32, mode: NftCommitMode,
        into batch: inout NetlinkBatch
    ) throws(NftSystemError) {
        self.ruleset = ruleset
        self.plan = plan
        firstSequence = batch.nextSequence
        commitsBatch = mode == .apply
        origins.reserveCapacity(ruleset.ruleCount + 64)
        predictedHandles.reserveCapacity(ruleset.ruleCount + 64)
        tableHandles = plan.tables.map { TableHandles(last: $0.lastHandleBefore) }
        problems = RulesetChecks.problems(in: ruleset)

        try batch.begin(generation: generation)
        record(MessageOrigin(.batchBegin))
        try writeCleanup(into: &batch)
        for (position, tablePlan) in plan.tables.enumerated() where problems.count < Self.problemLimit {
            currentTable = position
            try writeTable(tablePlan, into: &batch)
        }
        switch mode {
        case .apply:
            try batch.end()
            record(MessageOrigin(.batchEnd))
        case .dryRun:
            break
        }
    }

    /// Ends the message started last and records where it came from (and, for a new rule, the
    /// handle predicted for it).
    mutating func finish(_ origin: MessageOrigin, predictedHandle: UInt64? = nil, in batch: inout NetlinkBatch)
        throws(NftSystemError)
    {
        try batch.finishMessage()
        record(origin, predictedHandle: predictedHandle)
    }

    private mutating func record(_ origin: MessageOrigin, predictedHandle: UInt64? = nil) {
        origins.append(origin)
        predictedHandles.append(predictedHandle ?? 0)
    }

    /// Records a problem with an object of the ruleset.
    mutating func report(_ location: SourceLocation?, _ object: String, _ message: String) {
        guard problems.count < Self.problemLimit else { return }
        problems.append(NftRulesetProblem(location: location, object: object, message: message))
    }

    /// The origin of the message with `sequence`, if it belongs to this batch.
    func origin(ofSequence sequence: UInt32) -> MessageOrigin? {
        let index = Int(sequence &- firstSequence)
        return origins.indices.contains(index) ? origins[index] : nil
    }

    /// Whether the batch holds nothing between `BEGIN` and `END`.
    var isEmpty: Bool {
        origins.allSatisfy { origin in
            switch origin.kind {
            case .batchBegin, .batchEnd: true
            case .deleteTable, .newTable, .flushChain, .deleteRule, .flushSet, .deleteChain, .deleteSet, .newChain, .newSet,
                .newSetElements, .newRule:
                false
            }
        }
    }

    /// The sequence number of `BATCH_END`, nil in a dry run.
    var endSequence: UInt32? {
        guard origins.last?.kind == .batchEnd else { return nil }
        return firstSequence &+ UInt32(origins.count - 1)
    }
}
