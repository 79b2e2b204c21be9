/// Which way a packet crosses the host, and so which builtin chains it meets, in order.
public enum PacketPath: Hashable, Sendable, CaseIterable {
    /// Arriving for a local process: PREROUTING, then INPUT.
    case localInput
    /// Sent by a local process: OUTPUT, then POSTROUTING.
    case localOutput
    /// Routed through the host: PREROUTING, FORWARD, POSTROUTING.
    case forward

    /// The (table, chain) pairs the packet meets, in the kernel's order. The nat chains are
    /// consulted only for the first packet of a connection, so only when `includeNAT` is true.
    public func chains(includeNAT: Bool) -> [(table: TableKind, chain: String)] {
        var chains: [(TableKind, String)]
        switch self {
        case .localInput:
            chains = [(.raw, "PREROUTING"), (.mangle, "PREROUTING"), (.nat, "PREROUTING"), (.mangle, "INPUT"),
                (.filter, "INPUT"), (.security, "INPUT"), (.nat, "INPUT")]
        case .localOutput:
            chains = [(.raw, "OUTPUT"), (.mangle, "OUTPUT"), (.nat, "OUTPUT"), (.filter, "OUTPUT"),
                (.security, "OUTPUT"), (.mangle, "POSTROUTING"), (.nat, "POSTROUTING")]
        case .forward:
            chains = [(.raw, "PREROUTING"), (.mangle, "PREROUTING"), (.nat, "PREROUTING"), (.mangle, "FORWARD"),
                (.filter, "FORWARD"), (.security, "FORWARD"), (.mangle, "POSTROUTING"), (.nat, "POSTROUTING")]
        }
        return includeNAT ? chains : chains.filter { $0.0 != .nat }
    }
}
