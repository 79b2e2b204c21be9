public import Foundation

/// How ``CommitCoordinator/apply(_:options:)`` commits.
public struct CommitOptions: Sendable {
    /// Commit-confirmed: roll back after this long unless `fwd confirm` comes.
    public var confirm: Duration?
    /// Apply even when the lockout guard objects.
    public var force: Bool
    /// The guard for the SSH connection the command runs from, if any.
    public var lockoutGuard: LockoutGuard?
    /// Starts whoever waits for `fwd confirm` (the daemon, or a detached helper) for a pending
    /// commit; called under the lock, after the pending record is written and before the commit.
    /// Throwing aborts the commit.
    public var armRollback: @Sendable (PendingCommit) async throws -> Void

    /// Options for a plain commit, or a commit-confirmed one when `confirm` is given.
    public init(
        confirm: Duration? = nil, force: Bool = false, lockoutGuard: LockoutGuard? = nil,
        armRollback: @escaping @Sendable (PendingCommit) async throws -> Void = { _ in }
    ) {
        self.confirm = confirm
        self.force = force
        self.lockoutGuard = lockoutGuard
        self.armRollback = armRollback
    }
}

/// What a commit did.
public struct CommitReport: Sendable {
    /// The backend.
    public var backend: String
    /// The namespace.
    public var networkNamespace: String?
    /// Rules applied.
    public var ruleCount: Int
    /// The config digest.
    public var digest: String
    /// The pending commit-confirmed this commit armed, if any.
    public var pending: PendingCommit?
    /// The pending commit-confirmed this commit superseded (it will not be rolled back).
    public var supersededPending: PendingCommit?

    /// `applied 12 rules (nftables, digest abc…)`.
    public var summary: String {
        var text = "applied \(ruleCount) rules with \(backend)"
        if let networkNamespace { text += " in netns \(networkNamespace)" }
        text += " (config \(digest))"
        if let pending { text += "; rolls back at \(pending.deadline) unless `fwd confirm`" }
        if let supersededPending { text += "; superseded pending commit-confirmed \(supersededPending.id)" }
        return text
    }
}

/// A non-atomic backend failed part-way and the previous state could not be restored: the
/// kernel holds a mix. Loud on purpose.
public struct PartialCommitError: Error, Hashable, Sendable, CustomStringConvertible, ExitCodeProviding {
    /// Why the commit failed.
    public var commitError: String
    /// Why restoring failed.
    public var restoreError: String

    /// What failed, and that the firewall may be half-updated.
    public var description: String {
        "the commit failed part-way (\(commitError)) and restoring the previous state failed (\(restoreError));"
            + " the firewall may be half-updated: run `fwd apply` with a known-good config"
    }

    /// 3.
    public var exitCode: FwdExitCode { .kernelRefused }
}

extension Duration {
    /// The duration in seconds, as Foundation counts time.
    public var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
