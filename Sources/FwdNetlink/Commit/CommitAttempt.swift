import FwdNftables
internal import Glibc

/// One try at a commit: read the kernel's state, plan, build the batch, send it, read the answer.
struct CommitAttempt {
    let kernel: NftablesKernel
    let ruleset: NftRuleset
    let mode: NftCommitMode
    let attempt: Int
    /// fwd's record of the kernel's rules after its last commit, if the caller kept one.
    var record: KernelRuleRecord?

    /// The first sequence number of a batch (dump requests on the same socket use 1).
    static let firstBatchSequence: UInt32 = 100

    /// The report, or nil when the kernel answered `ERESTART` (the ruleset changed since it was
    /// read) and the commit should be tried again.
    func run() throws(NftCommitError) -> NftCommitReport? {
        let clock = ContinuousClock()
        let buildStart = clock.now
        do {
            let socket = try NetlinkSocket(namespace: kernel.networkNamespace)
            let incremental = IncrementalLimit.tablesToDiff(in: ruleset)
            let state = try KernelState.read(using: socket, record: record) {
                incremental.contains(IncrementalLimit.key($0, $1))
            }
            let cookie = socket.namespaceCookie()
            kernel.afterReadingState?(attempt)
            let plan = try CommitPlan(ruleset: ruleset, state: state)
            var batch = try NetlinkBatch(firstSequence: Self.firstBatchSequence)
            let builder = try BatchBuilder(
                ruleset: ruleset, plan: plan, generation: state.generation, mode: mode, into: &batch)
            guard builder.problems.isEmpty else { throw NftCommitError.invalidRuleset(builder.problems) }
            if builder.isEmpty {
                // Nothing to change (no fwd tables before or after, or the same ruleset applied
                // again): an empty transaction would not even move the generation, so there is
                // nothing to send or confirm.
                let unchanged = cookie.flatMap {
                    KernelRuleRecord(
                        committing: builder, replies: BatchReplies(), namespaceCookie: $0, generation: state.generation)
                }
                return report(
                    plan, builder, state: state, record: unchanged, byteCount: 0, build: clock.now - buildStart,
                    kernel: .zero)
            }
            let byteCount = try batch.withIOVecs { vectors throws(NftSystemError) in
                vectors.reduce(0) { $0 + $1.iov_len }
            }
            // About 1 KiB of receive buffer per message: each error reply is a small skb of its own.
            socket.setReceiveBufferSize(
                kernel.receiveBufferSizeOverride ?? max(256 * 1024, builder.origins.count * 1024))
            let buildDuration = clock.now - buildStart

            let sendStart = clock.now
            try socket.send(batch, byteCount: byteCount)
            let replies: BatchReplies
            switch socket.collectReplies(endSequence: builder.endSequence) {
            case .success(let collected): replies = collected
            case .failure(let error):
                // The kernel has the batch: whether it was applied cannot be told.
                throw NftCommitError.outcomeUnknown("the batch was sent but its answer could not be read (\(error))")
            }
            let kernelDuration = clock.now - sendStart
            try judge(replies, builder: builder, generationBefore: state.generation) {
                try? KernelState.readGeneration(using: socket)
            }
            if replies.errors.contains(where: { $0.errno == ERESTART && $0.sequence == Self.firstBatchSequence }) {
                return nil
            }
            var newRecord: KernelRuleRecord?
            var checkedRuleCount = 0
            switch mode {
            case .apply:
                newRecord = cookie.flatMap {
                    KernelRuleRecord(
                        committing: builder, replies: replies, namespaceCookie: $0,
                        generation: KernelRuleRecord.generation(afterCommitFrom: state.generation))
                }
                if newRecord != nil {
                    // Predicted handles are trusted only once a sample of them is found in the kernel.
                    let check = PredictionCheck.confirms(builder, using: socket)
                    checkedRuleCount = check.checked
                    if !check.confirmed { newRecord = nil }
                }
            case .dryRun:
                // The aborted batch took handles in the kept tables without moving the generation.
                newRecord = record?.forgettingLastHandles()
            }
            var result = report(
                plan, builder, state: state, record: newRecord, byteCount: byteCount, build: buildDuration,
                kernel: kernelDuration)
            result.checkedRuleCount = checkedRuleCount
            return result
        } catch let error as NftCommitError {
            throw error
        } catch let error as NftSystemError {
            throw .system(error)
        } catch {
            throw .system(NftSystemError(operation: "commit (\(error))", errno: EIO))
        }
    }

    private func report(
        _ plan: CommitPlan, _ builder: BatchBuilder, state: KernelState, record: KernelRuleRecord?, byteCount: Int,
        build: Duration, kernel: Duration
    ) -> NftCommitReport {
        var report = NftCommitReport(
            mode: mode, attempts: attempt, messageCount: builder.origins.count, batchBytes: byteCount,
            ruleCount: builder.ruleCount,
            createdTables: plan.tables.filter { !$0.exists }.map {
                "\(ruleset.tables[$0.tableIndex].family.name) \(ruleset.tables[$0.tableIndex].name)"
            },
            deletedTables: plan.tablesToDelete.map(\.displayName),
            recreatedBaseChains: plan.tables.flatMap(\.recreatedBaseChains),
            buildDuration: build, kernelDuration: kernel,
            keptRuleCount: plan.tables.reduce(0) { $0 + $1.keptRuleCount },
            deletedRuleCount: plan.tables.reduce(0) { $0 + $1.deletedRuleCount })
        report.readRulesFromKernel = state.rulesDumped
        report.echoedRuleCount = builder.echoedRuleCount
        report.ruleRecord = record
        return report
    }

    /// Throws unless the replies show success (or a retryable `ERESTART`).
    ///
    /// Kernels before 6.10 do not acknowledge `BATCH_END`; there, no error and a generation that
    /// moved on mean the batch was committed (a concurrent commit would have made ours fail with
    /// `ERESTART`, and an aborted batch leaves the generation alone).
    private func judge(
        _ replies: BatchReplies, builder: BatchBuilder, generationBefore: UInt32, generationNow: () -> UInt32?
    ) throws(NftCommitError) {
        let restarted = replies.errors.contains { $0.errno == ERESTART && $0.sequence == Self.firstBatchSequence }
        if restarted { return }
        if !replies.errors.isEmpty {
            // Any error aborts the whole transaction: nothing was applied, even if replies were lost.
            throw .refused(
                replies.errors.map { builder.refusal(ofSequence: $0.sequence, errno: $0.errno) },
                repliesLost: replies.repliesLost)
        }
        switch mode {
        case .apply:
            if replies.endAcknowledged { return }
            let generation = generationNow()
            if !replies.repliesLost, let generation, generation != generationBefore { return }
            let movement =
                generation.map {
                    $0 == generationBefore
                        ? "the ruleset generation did not move (\($0))"
                        : "the ruleset generation moved from \(generationBefore) to \($0)"
                }
                ?? "the ruleset generation could not be read"
            if replies.repliesLost {
                throw .outcomeUnknown(
                    "the kernel's answers to the batch were lost (receive buffer overflow, ENOBUFS), so it may or may not have been applied; \(movement)"
                )
            }
            throw .outcomeUnknown("the kernel did not acknowledge the end of the batch; \(movement)")
        case .dryRun:
            if replies.repliesLost {
                throw .outcomeUnknown(
                    "dry run: the kernel's answers were lost (ENOBUFS); nothing was applied, but errors may have gone unreported"
                )
            }
        }
    }
}
