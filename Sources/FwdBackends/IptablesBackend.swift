public import FwdDaemon
public import FwdIptables
public import FwdModel

/// The iptables backend: loads rulesets with `iptables-restore` and `ip6tables-restore`
/// (``IptablesLoader``), for hosts on legacy xtables or on iptables-nft.
///
/// IPv4 and IPv6 are two commits, so the backend is not atomic: the ``CommitCoordinator``
/// checks first (`--test`), captures the state (`iptables-save -c`, both families) and restores
/// it when the second family fails. iptables replaces each table a ruleset names as a whole and
/// leaves every other table alone.
public struct IptablesBackend: FirewallBackend {
    /// Which iptables runs: `auto` (whatever `iptables-restore` points to), `legacy` or `nft`.
    public var tool: IptablesTool
    /// The network namespace (`ip netns exec NAME`), nil for the caller's.
    public var networkNamespace: String?
    /// The runtime directory, where the record of what fwd applied says which tables are fwd's
    /// (``removeOwnTables()``).
    public var runtimeDirectory: RuntimeDirectory

    /// A backend running `tool` in `networkNamespace`, keeping state in `runtimeDirectory`.
    public init(
        tool: IptablesTool = .auto, networkNamespace: String? = nil,
        runtimeDirectory: RuntimeDirectory = RuntimeDirectory()
    ) {
        self.tool = tool
        self.networkNamespace = networkNamespace
        self.runtimeDirectory = runtimeDirectory
    }

    /// `iptables` (tool auto), `iptables-legacy` or `iptables-nft`: the tool is part of the name so
    /// that a rollback helper started with `--backend NAME` runs the same one.
    public var name: String {
        switch tool {
        case .auto: "iptables"
        case .legacy: "iptables-legacy"
        case .nft: "iptables-nft"
        }
    }

    /// False: IPv4 and IPv6 are loaded one after the other.
    public var commitsAtomically: Bool { false }

    var loader: IptablesLoader { IptablesLoader(tool: tool, networkNamespace: networkNamespace) }

    /// Validation, then `iptables-restore --test` and `ip6tables-restore --test`.
    public func check(_ ruleset: Ruleset) async throws {
        do {
            try await loader.check(ruleset)
        } catch {
            throw error.backendError
        }
    }

    /// Loads both families, restoring the tables already loaded when one fails.
    public func apply(_ ruleset: Ruleset) async throws {
        do {
            try await loader.apply(ruleset)
        } catch {
            throw error.backendError
        }
    }

    /// `iptables-save -c` and `ip6tables-save -c`: every table that exists, with its counters
    /// (without `-t`, so that saving loads no missing table).
    public func captureState() async throws -> FirewallSnapshot {
        var parts: [FirewallSnapshot.Part] = []
        for family in IPFamily.allCases {
            do {
                parts.append(
                    FirewallSnapshot.Part(name: Self.partName(family), text: try await loader.save(family: family)))
            } catch {
                throw error.backendError
            }
        }
        return FirewallSnapshot(backend: name, networkNamespace: networkNamespace, parts: parts)
    }

    /// Empties (builtin chains, policy ACCEPT, no rules) the tables of the ruleset fwd last
    /// applied with this backend here, in both families. Nothing when fwd applied nothing.
    public func removeOwnTables() async throws {
        let tables = try appliedTables() ?? [:]
        let script = TableKind.allCases.filter { tables[$0] != nil }.map(IptablesSaveText.emptyBlock).joined()
        guard !script.isEmpty else { return }
        for family in IPFamily.allCases {
            do {
                try await loader.restoreSaved(script, family: family)
            } catch {
                throw error.backendError
            }
        }
    }

    static func partName(_ family: IPFamily) -> String {
        switch family {
        case .ipv4: "iptables-save"
        case .ipv6: "ip6tables-save"
        }
    }
}
