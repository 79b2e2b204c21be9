import ArgumentParser
import FwdDaemon

/// `fwd reload`: asks the running daemon to re-read its config and commit it, and waits.
struct ReloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reload",
        abstract: "Have the running daemon re-read its config and commit it; wait for the outcome.",
        discussion: """
            The daemon reads the config it was started with. When the new config fails, its \
            error is printed and the previous ruleset stays in force.
            Exit codes: 0 the new config is in force, 1 invalid config, 2 usage error, 3 the \
            kernel refused it, 4 no daemon running.
            """)

    @OptionGroup var runtimeOptions: RuntimeOptions

    func run() async throws {
        let response = try await requestReload(socketPath: runtimeOptions.directory.controlSocketPath)
        guard response.succeeded else {
            StandardError.write(response.message)
            throw ExitCode(response.exitCode.rawValue)
        }
        print("reloaded: \(response.message)")
    }
}
