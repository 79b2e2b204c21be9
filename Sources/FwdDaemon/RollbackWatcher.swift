import Foundation

/// Waits for one pending commit-confirmed: returns when it is confirmed or superseded, or rolls
/// it back when its deadline passes. The daemon runs one per armed commit; without a daemon the
/// detached helper (`fwd` re-executed, see ``DetachedHelper``) runs one.
public struct RollbackWatcher: Sendable {
    /// The coordinator that rolls back (its backend must be the pending commit's).
    public var coordinator: CommitCoordinator
    /// The pending commit's id.
    public var id: String
    /// How often the pending record is looked at.
    public var pollInterval: Duration

    /// A watcher of pending commit `id`.
    public init(coordinator: CommitCoordinator, id: String, pollInterval: Duration = .milliseconds(250)) {
        self.coordinator = coordinator
        self.id = id
        self.pollInterval = pollInterval
    }

    /// How the wait ended.
    public enum Outcome: Hashable, Sendable {
        /// `fwd confirm` kept the commit, or another commit superseded it.
        case confirmedOrSuperseded
        /// The deadline passed and the previous state was restored.
        case rolledBack
    }

    /// Waits; throws when the rollback itself fails (after logging it).
    public func run() async throws -> Outcome {
        while true {
            guard let pending = try coordinator.pendingStore.pending(), pending.id == id else {
                return .confirmedOrSuperseded
            }
            let remaining = pending.deadline.timeIntervalSinceNow
            if remaining <= 0 {
                switch try await coordinator.rollBackIfDue(id: id) {
                case .rolledBack: return .rolledBack
                case .notPending: return .confirmedOrSuperseded
                case .notDue: continue
                }
            }
            let pause = min(pollInterval, .milliseconds(Int64(max(remaining, 0) * 1000) + 1))
            try await Task.sleep(for: pause)
        }
    }
}
