import ArgumentParser
import FwdBackends
import FwdDaemon

/// `fwd _confirm-wait`: the detached helper `fwd apply --confirm` starts when no daemon runs. It
/// waits for `fwd confirm` of one pending commit and rolls it back when the deadline passes.
struct ConfirmWaitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "_confirm-wait",
        abstract: "Wait for `fwd confirm` of a pending commit; roll it back on timeout (internal).",
        shouldDisplay: false)

    @Option(name: .long, help: "The pending commit's id.")
    var id: String

    @Option(name: .long, help: "The backend that made it (nftables, iptables, iptables-legacy, iptables-nft).")
    var backend: String

    @Option(name: .long, help: "The network namespace it was made in.")
    var netns: String?

    @OptionGroup var runtimeOptions: RuntimeOptions

    func validate() throws {
        guard BackendChoice.backend(named: backend, networkNamespace: nil, runtimeDirectory: RuntimeDirectory()) != nil
        else { throw ValidationError("unknown backend '\(backend)'") }
    }

    func run() async throws {
        let directory = runtimeOptions.directory
        guard let firewall = BackendChoice.backend(named: backend, networkNamespace: netns, runtimeDirectory: directory)
        else { throw ExitCode(FwdExitCode.usage.rawValue) }
        let logger = commandLogger(level: .info)
        let coordinator = CommitCoordinator(backend: firewall, directory: directory, logger: logger)
        let outcome = try await waitForConfirmation(id: id, coordinator: coordinator)
        logger.info("commit-confirmed \(id): \(outcome)")
    }
}
