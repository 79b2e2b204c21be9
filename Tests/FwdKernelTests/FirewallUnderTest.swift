import FwdIptables
import FwdModel

/// A firewall implementation the packet behaviour suite loads rulesets with: a name for reports,
/// the tools it needs, and how to load a ruleset into a network namespace.
///
/// Every backend fwd has must give the same verdicts on the same packets; adding one to the suite
/// is one line in ``all``.
struct FirewallUnderTest: Sendable, CustomStringConvertible {
    /// The backend's name in reports (`iptables-legacy-restore`).
    let name: String
    /// The command-line tools it runs (checked before the suite starts).
    let tools: [String]
    /// Loads the ruleset into the network namespace of the given name, replacing what fwd loaded
    /// there before.
    let apply: @Sendable (_ ruleset: Ruleset, _ namespace: String) async throws -> Void

    /// Every backend under test.
    static let all: [FirewallUnderTest] = [
        .iptables(.legacy),
        .iptables(.nft),
    ]

    /// The tools of every backend under test.
    static var allTools: [String] { all.flatMap(\.tools) }

    /// The iptables backend (``IptablesLoader``) with `tool`'s restore and save commands.
    static func iptables(_ tool: IptablesTool) -> FirewallUnderTest {
        FirewallUnderTest(
            name: tool.restoreCommand(for: .ipv4),
            tools: IPFamily.allCases.flatMap { [tool.restoreCommand(for: $0), tool.saveCommand(for: $0)] }
        ) { ruleset, namespace in
            try await IptablesLoader(tool: tool, networkNamespace: namespace).apply(ruleset)
        }
    }

    /// The name.
    var description: String { name }
}
