import FwdIptables
import FwdModel
import FwdNetlink
import FwdNftables

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
        .nftables,
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

    /// The nftables backend: the model lowered to fwd's inet tables and committed over netlink in
    /// one batch (``NftablesKernel``); `nft` is only used by the suite to read back.
    static let nftables = FirewallUnderTest(name: "nftables netlink", tools: ["nft"]) { ruleset, namespace in
        let kernel = try NftablesKernel(networkNamespace: namespace)
        _ = try kernel.commit(NftablesLowering().lower(ruleset), mode: .apply)
    }

    /// The name.
    var description: String { name }
}
