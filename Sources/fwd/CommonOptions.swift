import ArgumentParser
import FwdIptables

/// The `--tool` values.
enum ToolChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, legacy, nft

    var tool: IptablesTool {
        switch self {
        case .auto: .auto
        case .legacy: .legacy
        case .nft: .nft
        }
    }
}

/// Options every command that talks to the kernel takes.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Run the tools inside this network namespace (ip netns exec NAME).",
        valueName: "name"))
    var netns: String?

    @Option(name: .long, help: "Which iptables to run: auto (iptables-restore), legacy or nft.")
    var tool: ToolChoice = .auto

    /// The loader these options describe.
    var loader: IptablesLoader { IptablesLoader(tool: tool.tool, networkNamespace: netns) }

    /// Fails with exit code 4 unless running as root.
    func requireRoot(for command: String) throws {
        guard isRoot() else {
            StandardError.write("fwd \(command): must run as root (iptables-restore talks to the kernel)")
            throw FwdExitCode.environment.exit
        }
    }
}
