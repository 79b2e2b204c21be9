public import FwdModel

extension NftBaseChain {
    /// The base chain standing for the builtin chain `name` of `table`, or nil when `name` is not
    /// one of its builtin chains (a user chain).
    ///
    /// Types and priorities are the ones iptables-nft uses: raw -300, mangle -150 (type `route`
    /// for OUTPUT), nat -100 (`dstnat`) on PREROUTING/OUTPUT and 100 (`srcnat`) on
    /// INPUT/POSTROUTING, filter 0, security 50.
    public init?(builtin name: String, of table: TableKind, policy: Policy) {
        guard table.isBuiltin(name), let hook = NftHook(iptablesChain: name) else { return nil }
        let type: NftChainType
        let priority: Int32
        switch table {
        case .raw:
            (type, priority) = (.filter, -300)
        case .mangle:
            (type, priority) = (hook == .output ? .route : .filter, -150)
        case .nat:
            (type, priority) = (.nat, hook == .prerouting || hook == .output ? -100 : 100)
        case .filter:
            (type, priority) = (.filter, 0)
        case .security:
            (type, priority) = (.filter, 50)
        }
        self.init(type: type, hook: hook, priority: priority, policy: policy == .drop ? .drop : .accept)
    }
}

extension NftHook {
    /// The hook of the iptables builtin chain `name` (`INPUT` → `.input`).
    public init?(iptablesChain name: String) {
        switch name {
        case "PREROUTING": self = .prerouting
        case "INPUT": self = .input
        case "FORWARD": self = .forward
        case "OUTPUT": self = .output
        case "POSTROUTING": self = .postrouting
        default: return nil
        }
    }
}
