import ArgumentParser
import FwdIptables
import FwdModel

/// `fwd apply`: loads the ruleset into the kernel.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Load the ruleset into the kernel, replacing the tables it names (IPv4 and IPv6).",
        discussion: """
            Both families are tested first; if loading IPv6 fails after IPv4 was loaded, the \
            previous tables are restored. Tables the ruleset does not name are left alone.
            Exit codes: 0 applied, 1 invalid ruleset, 2 usage error, 3 refused by the kernel or \
            iptables-restore, 4 environment problem (not root, tool or namespace missing).
            """)

    /// The backends `apply` can load with.
    enum Backend: String, ExpressibleByArgument, CaseIterable {
        case iptables
    }

    @Option(name: .long, help: "How to load the rules (only iptables for now).")
    var backend: Backend = .iptables

    @OptionGroup var common: CommonOptions

    func run() async throws {
        guard let ruleset = RulesetSource.loadValidated() else { throw FwdExitCode.invalidRuleset.exit }
        try common.requireRoot(for: "apply")
        switch backend {
        case .iptables:
            do {
                try await common.loader.apply(ruleset)
            } catch {
                throw StandardError.report(error)
            }
        }
        let place = common.netns.map { " in network namespace \($0)" } ?? ""
        print("applied: \(ruleset.ruleCount) rules in \(ruleset.tables.count) table(s)\(place)")
    }
}
