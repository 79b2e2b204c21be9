import ArgumentParser

/// The `fwd` command: shows, checks and applies the firewall ruleset.
@main
struct Fwd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fwd",
        abstract: "A firewall described as tables, chains and rules, loaded with iptables-restore.",
        discussion: """
            Until configuration files are supported, every command works on the built-in example \
            ruleset (a stateful host firewall).

            Exit codes:
              0  success
              1  the ruleset or configuration is invalid (one diagnostic per line on stderr)
              2  usage error (unknown option, bad value)
              3  the kernel or iptables-restore refused the rules
              4  environment problem (tool missing, not root, namespace missing)
            """,
        version: "0.1.0",
        subcommands: [ShowCommand.self, CheckCommand.self, ApplyCommand.self]
    )

    /// Parses and runs the command; usage errors exit with 2 (argument-parser alone uses 64).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                StandardError.write(fullMessage(for: error))
                exit(withError: ExitCode(FwdExitCode.usage.rawValue))
            }
            exit(withError: error)
        }
    }
}
