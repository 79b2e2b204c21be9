import Foundation
import FwdModel
public import Logging

/// Commits rulesets safely: one at a time under the ``CommitLock``, keeping a copy of what was
/// applied, restoring the previous state when a non-atomic backend fails half-way, and with
/// commit-confirmed (`--confirm`) arming a rollback before the new ruleset goes live.
public struct CommitCoordinator: Sendable {
    /// The backend committed to.
    public var backend: any FirewallBackend
    /// The runtime directory (state files).
    public var directory: RuntimeDirectory
    /// The commit lock.
    public var lock: CommitLock
    /// How long to wait for the lock.
    public var lockTimeout: Duration
    /// Where progress and problems are logged.
    public var logger: Logger

    /// A coordinator for `backend` keeping its state in `directory`, locking `lock` (default: the
    /// directory's `lock` file).
    public init(
        backend: any FirewallBackend, directory: RuntimeDirectory = RuntimeDirectory(), lock: CommitLock? = nil,
        lockTimeout: Duration = .seconds(600), logger: Logger = Logger(label: "fwd")
    ) {
        self.backend = backend
        self.directory = directory
        self.lock = lock ?? CommitLock(path: directory.lockPath)
        self.lockTimeout = lockTimeout
        self.logger = logger
    }

    var appliedStore: AppliedRulesetStore { AppliedRulesetStore(directory: directory) }
    var pendingStore: PendingCommitStore { PendingCommitStore(directory: directory) }

    /// `fwd check`: asks the kernel whether it would take `loaded`, changing nothing (no lock:
    /// nothing is committed).
    public func check(_ loaded: LoadedRuleset) async throws {
        try await backend.check(loaded.ruleset)
    }

    /// Commits `loaded`. With `options.confirm`, the previous state is saved and `options.armRollback`
    /// is called (under the lock, before the commit) to start whoever waits for `fwd confirm`;
    /// without it, any pending commit-confirmed is superseded. With `options.lockoutGuard` and
    /// neither `confirm` nor `force`, a ruleset that might cut the SSH connection is refused
    /// before anything happens.
    ///
    /// `loaded` is taken over: the files' bytes are let go once their copy is written, before the
    /// commit (8.8 MB for a 100,000-rule config), when the caller hands it over with `consume`.
    public func apply(_ loaded: consuming LoadedRuleset, options: CommitOptions = CommitOptions()) async throws
        -> CommitReport
    {
        if let guardian = options.lockoutGuard, options.confirm == nil, !options.force {
            try guardian.requireSafe(loaded.ruleset)
        }
        return try await lock.withLock(timeout: lockTimeout) {
            try await applyLocked(&loaded, options: options)
        }
    }

    private func applyLocked(_ loaded: inout LoadedRuleset, options: CommitOptions) async throws -> CommitReport {
        let pending = try pendingStore.pending()
        let previousRecord = try appliedStore.record(backend: backend.name, networkNamespace: backend.networkNamespace)
        let needsSnapshot = options.confirm != nil || !backend.commitsAtomically
        let snapshot = needsSnapshot ? try await backend.captureState() : nil

        var armed: PendingCommit?
        if let confirm = options.confirm, let snapshot {
            armed = try await arm(confirm, snapshot: snapshot, over: pending, previousRecord: previousRecord,
                digest: loaded.digest, options: options)
        }
        let copy: ConfigCopy?
        do {
            copy = try ConfigCopy.write(loaded.sourceFiles, under: directory)
            loaded.sourceFiles = []
        } catch {
            if armed != nil { restorePending(pending) }
            throw error
        }
        do {
            if !backend.commitsAtomically { try await backend.check(loaded.ruleset) }
            try await backend.apply(loaded.ruleset)
        } catch {
            copy?.remove()
            if armed != nil { restorePending(pending) }
            if !backend.commitsAtomically, let snapshot { try await restoreAfterFailure(snapshot, error: error) }
            throw error
        }
        try appliedStore.save(AppliedRecord(
            backend: backend.name, networkNamespace: backend.networkNamespace, digest: loaded.digest,
            ruleCount: loaded.ruleset.ruleCount, configCopy: copy, tables: loaded.ruleset.userChainsByTable))
        if var confirmed = armed, let confirm = options.confirm {
            confirmed.deadline = Date().addingTimeInterval(confirm.timeInterval)
            try pendingStore.save(confirmed)
            armed = confirmed
        } else if pending != nil {
            pendingStore.clear()
            logger.notice("commit supersedes the pending commit-confirmed \(pending?.id ?? ""): no rollback")
        }
        appliedStore.removeUnusedCopies()
        logger.info("applied \(loaded.ruleset.ruleCount) rules with \(backend.name)", metadata: [
            "digest": "\(loaded.digest)", "netns": "\(backend.networkNamespace ?? "-")",
        ])
        return CommitReport(
            backend: backend.name, networkNamespace: backend.networkNamespace, ruleCount: loaded.ruleset.ruleCount,
            digest: loaded.digest, pending: armed, supersededPending: options.confirm == nil ? pending : nil)
    }

    /// Writes the pending record (keeping the state before the first unconfirmed commit when one
    /// is already pending) and starts its waiter.
    private func arm(
        _ confirm: Duration, snapshot: FirewallSnapshot, over pending: PendingCommit?, previousRecord: AppliedRecord?,
        digest: String, options: CommitOptions
    ) async throws -> PendingCommit {
        if let pending, pending.backend != backend.name || pending.networkNamespace != backend.networkNamespace {
            throw EnvironmentError("a commit-confirmed made with \(pending.backend)"
                + (pending.networkNamespace.map { " in netns \($0)" } ?? "")
                + " is pending until \(pending.deadline); run `fwd confirm` or wait for its rollback first")
        }
        let keepsOlder = pending != nil
        let record = PendingCommit(
            backend: backend.name, networkNamespace: backend.networkNamespace,
            previousState: keepsOlder ? pending?.previousState ?? snapshot : snapshot,
            previousRecord: keepsOlder ? pending?.previousRecord : previousRecord, digest: digest,
            deadline: Date().addingTimeInterval(confirm.timeInterval))
        try pendingStore.save(record)
        do {
            try await options.armRollback(record)
        } catch {
            restorePending(pending)
            throw EnvironmentError("cannot start the rollback waiter, so nothing was applied: \(error)")
        }
        return record
    }

    /// Puts back the pending record that was there before (or none): its waiter, if still
    /// running, carries on; ours sees a foreign id and leaves.
    private func restorePending(_ pending: PendingCommit?) {
        if let pending { try? pendingStore.save(pending) } else { pendingStore.clear() }
    }

    private func restoreAfterFailure(_ snapshot: FirewallSnapshot, error: any Error) async throws {
        do {
            try await backend.restore(snapshot)
            logger.warning("\(backend.name) failed part-way; the previous state was restored")
        } catch let restoreError {
            logger.critical("\(backend.name) failed part-way and restoring the previous state failed too: \(restoreError)")
            throw PartialCommitError(commitError: "\(error)", restoreError: "\(restoreError)")
        }
    }
}
