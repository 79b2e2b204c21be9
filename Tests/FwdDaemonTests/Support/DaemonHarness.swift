import Foundation
import FwdDaemon
import FwdModel
import FwdTestKit
import Logging
import ServiceLifecycle
import Synchronization

/// A config source whose next answer the test decides: a ruleset, or an error.
final class ScriptedSource: RulesetSource, Sendable {
    let next: Mutex<Result<LoadedRuleset, any Error>>
    let primaryPath: String?

    init(_ loaded: LoadedRuleset, primaryPath: String? = nil) {
        next = Mutex(.success(loaded))
        self.primaryPath = primaryPath
    }

    func set(_ result: Result<LoadedRuleset, any Error>) { next.withLock { $0 = result } }

    func load() async throws -> LoadedRuleset { try next.withLock { $0 }.get() }
}

/// Collected log lines.
final class LogLines: Sendable {
    let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    var logger: Logger {
        Logger(label: "fwd-test") { label in
            JournalLogHandler(label: label, logLevel: .debug) { text in self.lines.withLock { $0.append(text) } }
        }
    }
}

/// A daemon running inside the test process, in a service group the test stops.
struct DaemonHarness {
    let directory: TemporaryDirectory
    let notify: NotifySocketReceiver
    let backend: FakeBackend
    let source: ScriptedSource
    let logs = LogLines()
    let group: ServiceGroup
    let running: Task<Void, any Error>
    let options: DaemonOptions

    init(
        source: ScriptedSource, backend: FakeBackend = FakeBackend(), flushOnStop: Bool = false,
        reloadOnHangup: Bool = false, configSecurity: ConfigFileSecurity? = nil
    ) throws {
        directory = try TemporaryDirectory()
        notify = try NotifySocketReceiver(path: directory.file("notify"))
        self.backend = backend
        self.source = source
        options = DaemonOptions(
            runtimeDirectory: RuntimeDirectory(directory.file("run")), flushOnStop: flushOnStop,
            notifier: SystemdNotifier(socketPath: notify.path), configSecurity: configSecurity,
            allowedControlUIDs: [getuid()], reloadOnHangup: reloadOnHangup, shutdownSignals: [])
        let daemon = FirewallDaemon(source: source, backend: backend, options: options, logger: logs.logger)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [ServiceGroupConfiguration.ServiceConfiguration(
                service: daemon, successTerminationBehavior: .gracefullyShutdownGroup,
                failureTerminationBehavior: .gracefullyShutdownGroup)],
            logger: logs.logger))
        self.group = group
        running = Task { try await group.run() }
    }

    var client: ControlClient { ControlClient(socketPath: options.controlSocketPath, timeoutSeconds: 30) }

    /// Stops the daemon and waits for it; rethrows its error.
    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await running.value
    }

    func cleanUp() { directory.remove() }
}
