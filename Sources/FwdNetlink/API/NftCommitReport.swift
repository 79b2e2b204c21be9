/// What a successful commit (or dry run) did.
public struct NftCommitReport: Hashable, Sendable {
    /// The mode the batch was sent in.
    public var mode: NftCommitMode
    /// How many times the batch was sent: more than 1 when the ruleset changed between reading the
    /// kernel's state and sending (the kernel answered `ERESTART`), and fwd read it again.
    public var attempts: Int
    /// Messages in the batch, `BATCH_BEGIN` and `BATCH_END` included.
    public var messageCount: Int
    /// Bytes of the batch sent in one `sendmsg`.
    public var batchBytes: Int
    /// Rules sent.
    public var ruleCount: Int
    /// Rules of kept chains left in the kernel as they were (same handle, counters and limits).
    public var keptRuleCount: Int
    /// Rules of kept chains deleted one by one (`DELRULE` by handle); not counting the rules of
    /// chains deleted or flushed whole.
    public var deletedRuleCount: Int
    /// Tables that did not exist and were created (`family name`).
    public var createdTables: [String]
    /// fwd tables the new ruleset no longer has, deleted.
    public var deletedTables: [String]
    /// Base chains whose hook, type or priority changed, deleted and re-created in the same batch
    /// (`family table chain`). Until the batch commits they keep their old rules; at the commit
    /// the new chain goes live before its policy is applied, a short window for that hook.
    public var recreatedBaseChains: [String]
    /// Whether the rules of fwd's tables were read back from the kernel (a rule dump, quadratic
    /// in a table's size) rather than taken from the ``KernelRuleRecord`` passed in.
    public var readRulesFromKernel = false
    /// New rules sent with `NLM_F_ECHO` because their handles could not be predicted (a kept
    /// table whose last allocated handle the record did not know); the others' were predicted.
    public var echoedRuleCount = 0
    /// New rules read back by handle after the commit to confirm the predicted handles.
    public var checkedRuleCount = 0
    /// The kernel's rules right after this commit, to hand to the next one; nil when it could not
    /// be built (an echo lost) or a predicted handle was not confirmed. A dry run returns the
    /// record it was given, without the last handles of its tables (``KernelRuleRecord/forgettingLastHandles()``).
    public var ruleRecord: KernelRuleRecord?
    /// Time spent reading the kernel's state and building the batch (last attempt).
    public var buildDuration: Duration
    /// Time from `sendmsg` until the kernel's answer was read (last attempt).
    public var kernelDuration: Duration

    /// A report.
    public init(
        mode: NftCommitMode, attempts: Int, messageCount: Int, batchBytes: Int, ruleCount: Int,
        createdTables: [String], deletedTables: [String], recreatedBaseChains: [String],
        buildDuration: Duration, kernelDuration: Duration, keptRuleCount: Int = 0, deletedRuleCount: Int = 0
    ) {
        self.mode = mode
        self.attempts = attempts
        self.messageCount = messageCount
        self.batchBytes = batchBytes
        self.ruleCount = ruleCount
        self.keptRuleCount = keptRuleCount
        self.deletedRuleCount = deletedRuleCount
        self.createdTables = createdTables
        self.deletedTables = deletedTables
        self.recreatedBaseChains = recreatedBaseChains
        self.buildDuration = buildDuration
        self.kernelDuration = kernelDuration
    }
}
