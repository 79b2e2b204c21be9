import ArgumentParser
import FwdDaemon

/// The `fwd` command: shows, checks and applies the firewall config; runs the daemon.
@main
struct Fwd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fwd",
        abstract: "A firewall described in YAML, committed with nftables or iptables-restore.",
        discussion: """
            See fwd(8). Every error is reported on standard error, one per line, as \
            file:line:column: what is wrong.

            Exit codes (the same for every command):
              0  success
              1  the config is invalid; nothing was changed
              2  usage error (unknown option, bad value)
              3  the kernel refused the ruleset; nothing was changed
              4  environment: no daemon running, nothing to confirm, not root,
                 a missing tool or namespace, the commit lock not taken
              5  apply refused: the ruleset would cut this SSH connection
            """,
        version: "0.1.0",
        subcommands: [
            ShowCommand.self, CheckCommand.self, ApplyCommand.self, ConfirmCommand.self, ReloadCommand.self,
            DaemonCommand.self, ConfirmWaitCommand.self, SetCommand.self,
        ]
    )

    /// Parses and runs the command. Usage errors exit with 2 (argument-parser alone uses 64);
    /// every other error is printed and exits with ``FwdExitCode/classifying(_:)``.
    static func main() async {
        AllocatorTuning.mapLargeBuffersSeparately()
        var command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exitForParseError(error)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exitForRunError(error)
        }
    }

    private static func exitForParseError(_ error: any Error) -> Never {
        if exitCode(for: error) == .validationFailure {
            StandardError.write(fullMessage(for: error))
            exit(withError: ExitCode(FwdExitCode.usage.rawValue))
        }
        exit(withError: error)
    }

    private static func exitForRunError(_ error: any Error) -> Never {
        switch error {
        case let error as ExitCode:
            exit(withError: error)
        case let error as AlreadyReported:
            exit(withError: ExitCode(error.exitCode.rawValue))
        case let error where !(error is any ExitCodeProviding) && exitCode(for: error) != .failure:
            exitForParseError(error)  // argument-parser's own: help, usage errors
        default:
            StandardError.write("\(error)")
            exit(withError: ExitCode(FwdExitCode.classifying(error).rawValue))
        }
    }
}
