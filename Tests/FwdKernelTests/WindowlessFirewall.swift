import FwdModel
import FwdTestKit

/// The firewall the windowless re-apply tests load into the server namespace, as a model ruleset
/// (for fwd's backends) and as an `nft -f` script in the "delete table, add table" idiom (the
/// negative control).
///
/// `filter INPUT` has policy DROP and accepts only established/related packets, UDP to
/// ``allowedUDPPort`` and TCP to ``allowedTCPPort``: UDP to ``blockedUDPPort`` is dropped by the
/// policy alone, so a moment without the policy (a missing or policy-less chain) lets it through,
/// and a moment without the rules drops the allowed flood. Unreferenced user chains ("decoys",
/// ``decoyChainCount`` by default) make every commit realistically large; in the idiom script they
/// stand before `input`, which widens the idiom's window (the old chain is unhooked when its
/// deletion commits, the new one gets its policy when its own creation commits, after the
/// decoys').
enum WindowlessFirewall {
    /// UDP port the firewall accepts (flooded; nothing may be lost).
    static let allowedUDPPort: UInt16 = 5001
    /// UDP port the firewall drops by policy (flooded; nothing may arrive).
    static let blockedUDPPort: UInt16 = 5002
    /// TCP port the firewall accepts (connections kept open and cycled).
    static let allowedTCPPort: UInt16 = 5003
    /// User chains nothing jumps to, each with one rule.
    static let decoyChainCount = 250

    /// The model ruleset with `decoys` decoy chains; `comment` labels the allowed-UDP rule
    /// (changing it changes the ruleset but not what it does). The `alternate` form does the same
    /// with other rules: an extra rule first in INPUT (dropping UDP to ``allowedUDPPort`` + 1000),
    /// the TCP and UDP accepts swapped, the last decoy chain gone and every other decoy's port
    /// moved — so an incremental commit between the two forms deletes, inserts and moves rules
    /// and deletes or creates a chain.
    static func ruleset(comment: String = "allowed flood", decoys: Int = decoyChainCount, alternate: Bool = false)
        -> Ruleset
    {
        var filter = Table.withBuiltinChains(.filter)
        filter["INPUT"]?.policy = .drop
        if alternate { filter.append(Rule(proto: .udp, dport: port(allowedUDPPort + 1000), jump: .drop), to: "INPUT") }
        filter.append(Rule(ctstate: [.established, .related], jump: .accept), to: "INPUT")
        let udp = Rule(proto: .udp, dport: port(allowedUDPPort), comment: comment, jump: .accept)
        let tcp = Rule(proto: .tcp, dport: port(allowedTCPPort), jump: .accept)
        for rule in alternate ? [tcp, udp] : [udp, tcp] { filter.append(rule, to: "INPUT") }
        for index in 0..<(alternate ? decoys - 1 : decoys) {
            let decoyPort = 10_000 + index + (alternate && index.isMultiple(of: 2) ? 5_000 : 0)
            filter.add(Chain("decoy\(index)", rules: [Rule(proto: .udp, dport: port(decoyPort), jump: .accept)]))
        }
        return Ruleset([filter])
    }

    /// The destination-port match of one port.
    private static func port(_ number: some BinaryInteger) -> Negatable<PortList> {
        Negatable(PortList([PortRange(Int(number))]))
    }

    /// The name of the idiom script's table.
    static let idiomTable = "idiom"

    /// One `nft -f` transaction in the "add table; delete table; add table + everything" idiom:
    /// atomic, but not windowless. Loading it the first time creates the table.
    static func idiomScript() -> String {
        var lines = ["table inet \(idiomTable)", "delete table inet \(idiomTable)", "table inet \(idiomTable) {"]
        for index in 0..<decoyChainCount {
            lines.append("  chain decoy\(index) { udp dport \(10_000 + index) accept; }")
        }
        lines += [
            "  chain input {",
            "    type filter hook input priority filter; policy drop;",
            "    ct state established,related accept",
            "    udp dport \(allowedUDPPort) accept",
            "    tcp dport \(allowedTCPPort) accept",
            "  }",
            "}",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
