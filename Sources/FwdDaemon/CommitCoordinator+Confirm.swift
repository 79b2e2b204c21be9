public import Foundation

extension CommitCoordinator {
    /// `fwd confirm`: keeps the pending commit-confirmed for good.
    /// - Throws: ``NothingToConfirm`` when none is pending (saying when the last rollback
    ///   happened, if one did).
    public func confirm() async throws -> PendingCommit {
        try await lock.withLock(timeout: lockTimeout) {
            guard let pending = try pendingStore.pending() else {
                throw NothingToConfirm(lastRollback: try pendingStore.lastRollback())
            }
            pendingStore.clear()
            logger.notice("commit-confirmed \(pending.id) confirmed")
            return pending
        }
    }

    /// Rolls back the pending commit `id` if it is still pending and its deadline has passed
    /// (checked again under the lock: a commit in progress may have moved it). Returns what was
    /// done.
    public func rollBackIfDue(id: String, now: Date = Date()) async throws -> RollbackResult {
        try await lock.withLock(timeout: lockTimeout) {
            guard let pending = try pendingStore.pending(), pending.id == id else { return .notPending }
            guard now >= pending.deadline else { return .notDue(pending.deadline) }
            try await rollBack(pending)
            return .rolledBack
        }
    }

    /// Rolls back the pending commit now, whatever its deadline (the daemon does this when it
    /// stops with a rollback armed).
    public func rollBackNow(id: String) async throws -> RollbackResult {
        try await lock.withLock(timeout: lockTimeout) {
            guard let pending = try pendingStore.pending(), pending.id == id else { return .notPending }
            try await rollBack(pending)
            return .rolledBack
        }
    }

    private func rollBack(_ pending: PendingCommit) async throws {
        guard pending.backend == backend.name, pending.networkNamespace == backend.networkNamespace else {
            throw EnvironmentError("pending commit \(pending.id) was made with \(pending.backend)"
                + (pending.networkNamespace.map { " in netns \($0)" } ?? "") + ", not with \(backend.name)"
                + (backend.networkNamespace.map { " in netns \($0)" } ?? ""))
        }
        do {
            try await backend.restore(pending.previousState)
        } catch {
            logger.critical("rollback of commit-confirmed \(pending.id) failed: \(error)")
            try? pendingStore.saveRollback(RollbackNote(id: pending.id, error: "\(error)"))
            pendingStore.clear()
            throw error
        }
        if let record = pending.previousRecord {
            try appliedStore.save(record)
        } else {
            appliedStore.remove(backend: backend.name, networkNamespace: backend.networkNamespace)
        }
        pendingStore.clear()
        appliedStore.removeUnusedCopies()
        try pendingStore.saveRollback(RollbackNote(id: pending.id))
        logger.warning("commit-confirmed \(pending.id) was not confirmed in time: previous state restored")
    }
}

/// What a rollback attempt did.
public enum RollbackResult: Hashable, Sendable {
    /// The previous state was restored.
    case rolledBack
    /// Nothing to do: confirmed, superseded, or replaced by another pending commit.
    case notPending
    /// Still pending until this time.
    case notDue(Date)
}

/// `fwd confirm` found no pending commit.
public struct NothingToConfirm: Error, Hashable, Sendable, CustomStringConvertible, ExitCodeProviding {
    /// The last rollback, if any.
    public var lastRollback: RollbackNote?

    /// What `fwd confirm` prints: nothing pending, and the last rollback if any.
    public var description: String {
        guard let note = lastRollback else { return "nothing to confirm: no commit-confirmed is pending" }
        let outcome = note.error.map { "restoring failed: \($0)" } ?? "the previous state was restored"
        return "nothing to confirm: commit-confirmed \(note.id) timed out at \(note.rolledBackAt) and \(outcome)"
    }

    /// 4.
    public var exitCode: FwdExitCode { .environment }
}
