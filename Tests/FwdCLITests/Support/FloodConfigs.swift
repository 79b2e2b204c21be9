/// The configs the daemon flood test reloads: ``FloodTraffic``'s allowed UDP and TCP ports open,
/// everything else dropped by the INPUT policy, and a few decoy chains so that a commit carries
/// more than the live rules.
enum FloodConfigs {
    /// The tools the flood test needs.
    static let tools = CLIScenario.tools + ["ping", "ip6tables-legacy-restore"]
    static let allowedUDPPort: UInt16 = 5001
    static let blockedUDPPort: UInt16 = 5002
    static let allowedTCPPort: UInt16 = 5003
    /// User chains nothing jumps to, each with one rule.
    static let decoys = 20

    /// Variant `variant` (0 or 1): the two differ in the allowed-UDP rule's comment and in the
    /// port of every decoy rule, so that each reload really changes rules in the kernel.
    static func variant(_ variant: Int) -> String {
        var lines = [
            "# flood variant \(variant)",
            "tables:",
            "  filter:",
            "    INPUT:",
            "      policy: DROP",
            "      rules:",
            "        - {ctstate: [ESTABLISHED, RELATED], jump: ACCEPT}",
            "        - {proto: udp, dport: \(allowedUDPPort), jump: ACCEPT, comment: \"allowed flood \(variant)\"}",
            "        - {proto: tcp, dport: \(allowedTCPPort), jump: ACCEPT}",
        ]
        for index in 0..<decoys {
            lines += [
                "    decoy\(index):", "      rules:",
                "        - {proto: udp, dport: \(decoyPort(index, variant: variant)), jump: ACCEPT}",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The port decoy `index`'s rule opens in `variant`.
    static func decoyPort(_ index: Int, variant: Int) -> Int { 10_000 + 100 * variant + index }
}
