public import Foundation

/// A commit made with `--confirm`: what to restore, and until when `fwd confirm` may keep it.
/// Stored as `<dir>/pending-confirm.json` so that whichever process waits (the daemon or the
/// detached helper) and `fwd confirm` agree on it.
public struct PendingCommit: Codable, Hashable, Sendable {
    /// Names this pending commit (a waiter only acts on its own).
    public var id: String
    /// The backend that committed (``FirewallBackend/name``).
    public var backend: String
    /// The namespace it committed in.
    public var networkNamespace: String?
    /// The state before the first unconfirmed commit: restored on timeout.
    public var previousState: FirewallSnapshot
    /// What fwd had applied before (restored into the ``AppliedRulesetStore`` on rollback).
    public var previousRecord: AppliedRecord?
    /// The digest of the config committed on trial.
    public var digest: String
    /// When the rollback happens unless confirmed.
    public var deadline: Date

    /// A pending commit.
    public init(
        id: String = UUID().uuidString, backend: String, networkNamespace: String?, previousState: FirewallSnapshot,
        previousRecord: AppliedRecord?, digest: String, deadline: Date
    ) {
        self.id = id
        self.backend = backend
        self.networkNamespace = networkNamespace
        self.previousState = previousState
        self.previousRecord = previousRecord
        self.digest = digest
        self.deadline = deadline
    }
}

/// The last automatic rollback, kept so that a late `fwd confirm` can say what happened.
public struct RollbackNote: Codable, Hashable, Sendable {
    /// The pending commit that was rolled back.
    public var id: String
    /// When.
    public var rolledBackAt: Date
    /// Whether restoring worked, and the error if not.
    public var error: String?

    /// A note about the rollback of `id`.
    public init(id: String, rolledBackAt: Date = Date(), error: String? = nil) {
        self.id = id
        self.rolledBackAt = rolledBackAt
        self.error = error
    }
}

/// Reads and writes the pending commit and the rollback note. Callers hold the commit lock.
public struct PendingCommitStore: Hashable, Sendable {
    /// The runtime directory.
    public var directory: RuntimeDirectory

    /// A store in `directory`.
    public init(directory: RuntimeDirectory = RuntimeDirectory()) { self.directory = directory }

    var pendingPath: String { directory.file("pending-confirm.json") }
    var notePath: String { directory.file("last-rollback.json") }

    /// The pending commit, if any.
    public func pending() throws -> PendingCommit? {
        try StateFile.read(pendingPath).map { try StateCoding.decode(PendingCommit.self, from: $0) }
    }

    /// Stores `pending`, replacing any other.
    public func save(_ pending: PendingCommit) throws {
        try directory.prepare()
        try StateFile.write(StateCoding.encode(pending), to: pendingPath)
    }

    /// Removes the pending commit; true when there was one.
    @discardableResult
    public func clear() -> Bool { StateFile.remove(pendingPath) }

    /// The last rollback, if any.
    public func lastRollback() throws -> RollbackNote? {
        try StateFile.read(notePath).map { try StateCoding.decode(RollbackNote.self, from: $0) }
    }

    /// Records a rollback.
    public func saveRollback(_ note: RollbackNote) throws {
        try directory.prepare()
        try StateFile.write(StateCoding.encode(note), to: notePath)
    }
}
