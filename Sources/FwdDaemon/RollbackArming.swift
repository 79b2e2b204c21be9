/// Who waits for `fwd confirm` after `fwd apply --confirm`: the daemon when one runs with the same
/// backend (it survives the SSH session ending), otherwise a detached helper process.
public struct RollbackArming: Sendable {
    /// The daemon's control socket.
    public var controlSocketPath: String
    /// The helper's executable (default: this program, re-executed).
    public var helperExecutable: String?
    /// The helper's arguments for a pending commit (the hidden subcommand and its options, such
    /// as `["confirm-wait", "--id", id, "--runtime-dir", dir]`).
    public var helperArguments: @Sendable (PendingCommit) -> [String]
    /// The helper's environment (`KEY=value`).
    public var helperEnvironment: [String]
    /// Where the helper's standard error goes.
    public var helperLogPath: String?

    /// Arming through `controlSocketPath`, falling back to `helperExecutable helperArguments(…)`.
    public init(
        controlSocketPath: String = RuntimeDirectory().controlSocketPath, helperExecutable: String? = nil,
        helperEnvironment: [String] = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
        helperLogPath: String? = nil, helperArguments: @escaping @Sendable (PendingCommit) -> [String]
    ) {
        self.controlSocketPath = controlSocketPath
        self.helperExecutable = helperExecutable
        self.helperEnvironment = helperEnvironment
        self.helperLogPath = helperLogPath
        self.helperArguments = helperArguments
    }

    /// Arming that falls back to re-executing this program as
    /// `fwd <subcommand> --id ID --runtime-dir DIR --backend NAME [--netns NS]`, logging to
    /// `<dir>/confirm-helper.log`.
    public static func reexecuting(
        subcommand: String = "_confirm-wait", runtimeDirectory: RuntimeDirectory = RuntimeDirectory()
    ) -> RollbackArming {
        RollbackArming(controlSocketPath: runtimeDirectory.controlSocketPath,
            helperLogPath: runtimeDirectory.file("confirm-helper.log")) { pending in
            [subcommand, "--id", pending.id, "--runtime-dir", runtimeDirectory.path, "--backend", pending.backend]
                + (pending.networkNamespace.map { ["--netns", $0] } ?? [])
        }
    }

    /// Where the wait was arranged.
    public enum Waiter: Hashable, Sendable {
        /// The running daemon waits.
        case daemon
        /// A detached helper with this pid waits.
        case helper(pid: Int32)
    }

    /// Arranges the wait for `pending`.
    @discardableResult
    public func arm(_ pending: PendingCommit) async throws -> Waiter {
        do {
            let response = try await ControlClient(socketPath: controlSocketPath, timeoutSeconds: 30)
                .send(.armRollback(id: pending.id))
            if response.succeeded { return .daemon }
        } catch is DaemonNotRunning {
        }
        let executable = try helperExecutable ?? DetachedHelper.currentExecutable()
        let pid = try DetachedHelper.spawn(
            executable: executable, arguments: helperArguments(pending), environment: helperEnvironment,
            logPath: helperLogPath)
        return .helper(pid: pid)
    }

    /// The closure for ``CommitOptions/armRollback``.
    public var closure: @Sendable (PendingCommit) async throws -> Void {
        { pending in try await self.arm(pending) }
    }
}

extension FirewallDaemon {
    /// Whether the daemon can wait for `id`: it must be pending and made with the daemon's backend
    /// in its namespace.
    func canWatch(_ id: String) -> Bool {
        guard let pending = try? coordinator.pendingStore.pending(), pending.id == id else { return false }
        return pending.backend == coordinator.backend.name
            && pending.networkNamespace == coordinator.backend.networkNamespace
    }
}

/// The hidden helper subcommand's body: ignores SIGHUP, waits for `fwd confirm` of commit `id`,
/// and rolls back on timeout with `coordinator` (built for the pending commit's backend and
/// namespace).
public func waitForConfirmation(id: String, coordinator: CommitCoordinator) async throws -> RollbackWatcher.Outcome {
    DetachedHelper.ignoreHangups()
    return try await RollbackWatcher(coordinator: coordinator, id: id).run()
}
