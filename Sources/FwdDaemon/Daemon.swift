public import Logging
import ServiceLifecycle

/// `fwd daemon`: runs a ``FirewallDaemon`` in a service group that stops it gracefully on
/// SIGTERM or SIGINT (leaving the rules in place unless `--flush-on-stop`). Returns normally
/// after a graceful stop (exit 0); throws when the first commit fails (exit with
/// ``FwdExitCode/classifying(_:)``).
public func runDaemon(
    source: any RulesetSource, backend: any FirewallBackend, options: DaemonOptions = DaemonOptions(),
    logger: Logger
) async throws {
    let daemon = FirewallDaemon(source: source, backend: backend, options: options, logger: logger)
    let group = ServiceGroup(configuration: ServiceGroupConfiguration(
        services: [ServiceGroupConfiguration.ServiceConfiguration(
            service: daemon, successTerminationBehavior: .gracefullyShutdownGroup,
            failureTerminationBehavior: .gracefullyShutdownGroup)],
        gracefulShutdownSignals: options.shutdownSignals, logger: logger))
    try await group.run()
}

/// `fwd reload`: asks the running daemon to reload and waits for the outcome.
/// - Returns: the daemon's answer; exit with its ``ControlResponse/exitCode`` after printing its
///   ``ControlResponse/message``.
/// - Throws: ``DaemonNotRunning`` (exit 4) when no daemon listens on `socketPath`.
public func requestReload(socketPath: String = RuntimeDirectory().controlSocketPath) async throws -> ControlResponse {
    try await ControlClient(socketPath: socketPath).reload()
}
