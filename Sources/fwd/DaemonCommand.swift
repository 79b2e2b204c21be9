import ArgumentParser
import FwdDaemon

/// `fwd daemon`: the systemd service. Commits the config, reports READY=1, reloads on SIGHUP and
/// `fwd reload`, stops on SIGTERM/SIGINT leaving the rules in place.
struct DaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon",
        abstract: "Run as the fwd.service daemon (foreground; reload on SIGHUP or `fwd reload`).",
        discussion: """
            Logs go to standard error (with journald priorities under systemd). The first \
            commit must succeed, or the daemon exits with its code (1, 3 or 4). A failed reload \
            keeps the previous ruleset; SIGTERM or SIGINT exits 0 leaving the rules in place.
            """)

    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var backendOptions: BackendOptions
    @OptionGroup var runtimeOptions: RuntimeOptions

    @Flag(name: .long, help: "Remove fwd's tables when the daemon stops (by default the rules stay).")
    var flushOnStop = false

    func run() async throws {
        try requireRoot(for: "daemon")
        let directory = runtimeOptions.directory
        let backend = try backendOptions.resolve(runtimeDirectory: directory)
        let logger = commandLogger(level: .info)
        logger.info(
            "fwd daemon starting with \(backend.name)",
            metadata: [
                "config": "\(configOptions.config)", "netns": "\(backend.networkNamespace ?? "-")",
                "runtime_dir": "\(directory.path)",
            ])
        do {
            try await runDaemon(
                source: configOptions.source, backend: backend,
                options: DaemonOptions(runtimeDirectory: directory, flushOnStop: flushOnStop), logger: logger)
        } catch {
            throw AlreadyReported(exitCode: FwdExitCode.classifying(error))
        }
    }
}
