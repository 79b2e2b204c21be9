import ArgumentParser
import FwdBackends
import FwdDaemon

/// `fwd confirm`: keeps the ruleset of a pending `fwd apply --confirm`.
struct ConfirmCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "confirm",
        abstract: "Keep the ruleset of a pending `fwd apply --confirm` for good.",
        discussion: """
            Exit codes: 0 confirmed, 2 usage error, 4 nothing pending (it says when the last \
            automatic rollback happened, if one did) or the commit lock not taken.
            """)

    @OptionGroup var runtimeOptions: RuntimeOptions

    func run() async throws {
        let directory = runtimeOptions.directory
        let coordinator = CommitCoordinator(
            backend: try pendingBackend(in: directory), directory: directory,
            logger: commandLogger())
        let pending = try await coordinator.confirm()
        let place = pending.networkNamespace.map { " in netns \($0)" } ?? ""
        print(
            "confirmed: the ruleset applied with \(pending.backend)\(place) (config \(pending.digest)) stays in force")
    }

    /// The backend of the pending commit. Confirming touches no kernel, only the pending record
    /// under the lock; when nothing is pending any backend does (the coordinator says so).
    private func pendingBackend(in directory: RuntimeDirectory) throws -> any FirewallBackend {
        let pending = try PendingCommitStore(directory: directory).pending()
        return pending.flatMap {
            BackendChoice.backend(named: $0.backend, networkNamespace: $0.networkNamespace, runtimeDirectory: directory)
        } ?? NftablesBackend(runtimeDirectory: directory)
    }
}
