import ArgumentParser
import FwdBackends
import FwdDaemon
import FwdIptables

/// `--backend`, `--netns` and `--tool`: taken by every command that talks to the kernel.
struct BackendOptions: ParsableArguments {
    /// The `--backend` values.
    enum Backend: String, ExpressibleByArgument, CaseIterable {
        case auto, nftables, iptables

        var choice: BackendChoice {
            switch self {
            case .auto: .auto
            case .nftables: .nftables
            case .iptables: .iptables
            }
        }
    }

    /// The `--tool` values.
    enum Tool: String, ExpressibleByArgument, CaseIterable {
        case auto, legacy, nft

        var tool: IptablesTool {
            switch self {
            case .auto: .auto
            case .legacy: .legacy
            case .nft: .nft
            }
        }
    }

    @Option(
        name: .long,
        help: """
            How rules reach the kernel: auto (nftables when the kernel's nf_tables answers, else \
            iptables), nftables or iptables.
            """)
    var backend: Backend = .auto

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Work in this network namespace (/run/netns/NAME, as `ip netns add` creates).", valueName: "name"))
    var netns: String?

    @Option(name: .long, help: "Which iptables the iptables backend runs: auto (iptables-restore), legacy or nft.")
    var tool: Tool = .auto

    /// The backend these options choose.
    func resolve(runtimeDirectory: RuntimeDirectory) throws -> any FirewallBackend {
        try backend.choice.resolve(networkNamespace: netns, iptablesTool: tool.tool, runtimeDirectory: runtimeDirectory)
    }
}
