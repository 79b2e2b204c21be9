public import FwdDaemon
public import FwdIptables
import FwdNetlink
import Glibc

/// Which backend commits: `--backend auto|nftables|iptables`.
///
/// `auto` (the default) picks nftables when the kernel's nf_tables answers a generation request
/// (`NFT_MSG_GETGEN`) in the target namespace, and iptables otherwise (a kernel without
/// nf_tables, or where it cannot be reached). The choice is made once per command (and once at
/// daemon start), not per commit.
public enum BackendChoice: String, Hashable, Sendable, CaseIterable {
    /// nftables when nf_tables answers, else iptables.
    case auto
    /// The nftables netlink backend.
    case nftables
    /// The iptables-restore backend.
    case iptables

    /// The backend chosen for `networkNamespace`, with `iptablesTool` when iptables is used.
    /// - Throws: ``EnvironmentError`` when the namespace does not exist.
    public func resolve(
        networkNamespace: String?, iptablesTool: IptablesTool = .auto,
        runtimeDirectory: RuntimeDirectory = RuntimeDirectory()
    ) throws -> any FirewallBackend {
        if let networkNamespace { try Self.requireNamespace(networkNamespace) }
        let nftables = NftablesBackend(networkNamespace: networkNamespace, runtimeDirectory: runtimeDirectory)
        let iptables = IptablesBackend(
            tool: iptablesTool, networkNamespace: networkNamespace, runtimeDirectory: runtimeDirectory)
        switch self {
        case .nftables: return nftables
        case .iptables: return iptables
        case .auto: return Self.nftablesAnswers(in: networkNamespace) ? nftables : iptables
        }
    }

    /// The backend whose ``FirewallBackend/name`` is `name` (`nftables`, `iptables`,
    /// `iptables-legacy`, `iptables-nft`), as a pending commit records it; nil for another name.
    public static func backend(
        named name: String, networkNamespace: String?, runtimeDirectory: RuntimeDirectory
    ) -> (any FirewallBackend)? {
        if name == "nftables" {
            return NftablesBackend(networkNamespace: networkNamespace, runtimeDirectory: runtimeDirectory)
        }
        for tool in IptablesTool.allCases {
            let backend = IptablesBackend(
                tool: tool, networkNamespace: networkNamespace, runtimeDirectory: runtimeDirectory)
            if backend.name == name { return backend }
        }
        return nil
    }

    /// Whether nf_tables answers `NFT_MSG_GETGEN` in `networkNamespace`.
    public static func nftablesAnswers(in networkNamespace: String?) -> Bool {
        (try? NftablesKernel(networkNamespace: networkNamespace))?.isAvailable() ?? false
    }

    /// Throws unless `name` is a namespace `ip netns` knows (or an existing absolute path).
    static func requireNamespace(_ name: String) throws(EnvironmentError) {
        let path = name.hasPrefix("/") ? name : "/run/netns/" + name
        guard !name.isEmpty, !name.contains("/") || name.hasPrefix("/"), access(path, F_OK) == 0 else {
            throw EnvironmentError(
                "network namespace \(name) does not exist (\(path) is missing; create it with"
                    + " `ip netns add \(name)`)")
        }
    }
}
