public import FwdModel

/// Which iptables implementation loads and reads the rules.
public enum IptablesTool: String, Hashable, Sendable, CaseIterable {
    /// `iptables-restore` and `ip6tables-restore`: whatever the host's alternatives point to.
    case auto
    /// `iptables-legacy-restore`: the x_tables kernel interface.
    case legacy
    /// `iptables-nft-restore`: the same language, loaded into nf_tables.
    case nft

    /// The restore command for `family` (`iptables-legacy-restore`).
    public func restoreCommand(for family: IPFamily) -> String { command("restore", family: family) }

    /// The save command for `family` (`ip6tables-nft-save`).
    public func saveCommand(for family: IPFamily) -> String { command("save", family: family) }

    private func command(_ verb: String, family: IPFamily) -> String {
        let base = family == .ipv4 ? "iptables" : "ip6tables"
        switch self {
        case .auto: return "\(base)-\(verb)"
        case .legacy: return "\(base)-legacy-\(verb)"
        case .nft: return "\(base)-nft-\(verb)"
        }
    }
}
