import ArgumentParser
import Foundation
import FwdDaemon

/// `fwd apply`: commits the config through the ``CommitCoordinator``: under the commit lock,
/// behind the lockout guard, with commit-confirmed when asked.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Validate the config and commit it, replacing fwd's tables (IPv4 and IPv6).",
        discussion: """
            Over SSH ($SSH_CONNECTION set) a ruleset that would, or might, drop the connection is \
            refused unless --confirm or --force is given. With --confirm the previous state comes \
            back by itself unless `fwd confirm` follows within the duration: the running daemon \
            waits for it, or else a detached helper does.
            Exit codes: 0 applied, 1 invalid config, 2 usage error, 3 the kernel refused it \
            (nothing changed), 4 environment problem (not root, tool or namespace missing, lock \
            not taken), 5 refused by the lockout guard (nothing changed).
            """)

    /// A `--confirm` value: `90s`, `5m`, `1h`, `500ms` or a bare number of seconds.
    struct ConfirmDuration: ExpressibleByArgument {
        var duration: Duration

        init?(argument: String) {
            guard let duration = Duration(confirmText: argument) else { return nil }
            self.duration = duration
        }
    }

    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var backendOptions: BackendOptions
    @OptionGroup var runtimeOptions: RuntimeOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Roll back unless `fwd confirm` comes within this long (90s, 5m, 1h; at most a day).", valueName: "duration"
        ))
    var confirm: ConfirmDuration?

    @Flag(name: .long, help: "Apply even when the ruleset would cut the SSH connection this command runs from.")
    var force = false

    func run() async throws {
        try requireRoot(for: "apply")
        let loaded = try await configOptions.source.load()
        let directory = runtimeOptions.directory
        let backend = try backendOptions.resolve(runtimeDirectory: directory)
        let coordinator = CommitCoordinator(backend: backend, directory: directory, logger: commandLogger())
        let options = CommitOptions(
            confirm: confirm?.duration, force: force,
            lockoutGuard: LockoutGuard.current(in: ProcessInfo.processInfo.environment),
            armRollback: RollbackArming.reexecuting(runtimeDirectory: directory).closure)
        // Handed over: the coordinator lets the config's bytes go before the commit.
        let report = try await coordinator.apply(consume loaded, options: options)
        print(report.summary)
    }
}
