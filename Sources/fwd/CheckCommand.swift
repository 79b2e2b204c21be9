import ArgumentParser
import FwdIptables
import FwdModel

/// `fwd check`: validates the ruleset and has iptables-restore test it, changing nothing.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the ruleset and test it with iptables-restore --test (changes nothing).",
        discussion: "Exit codes: 0 valid, 1 invalid ruleset, 2 usage error, 3 refused by iptables-restore, "
            + "4 environment problem (not root, tool or namespace missing).")

    @OptionGroup var common: CommonOptions

    func run() async throws {
        guard let ruleset = RulesetSource.loadValidated() else { throw FwdExitCode.invalidRuleset.exit }
        try common.requireRoot(for: "check")
        do {
            try await common.loader.check(ruleset)
        } catch {
            throw StandardError.report(error)
        }
        print("ok: \(ruleset.ruleCount) rules in \(ruleset.tables.count) table(s) pass iptables-restore --test"
            + " (IPv4 and IPv6)")
    }
}
