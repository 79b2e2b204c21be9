import FwdModel

/// Turns a rule's target into its `-j`/`-g` words, with options in iptables-save's order and
/// defaults written as iptables-save writes them (REJECT's reply spelled out, LOG's level 4 and
/// MARK's full mask implied or explicit as it prints them).
struct IptablesTargetRenderer {
    /// The family the words are for (REJECT's default reply differs).
    let family: IPFamily

    /// The words for `target`; none when the rule only counts packets.
    func words(for target: Target?) -> [String] {
        guard let target else { return [] }
        switch target {
        case .accept, .drop, .return:
            return ["-j", target.iptablesName]
        case .reject(let type):
            let reply = type?.rawValue ?? (family == .ipv4 ? "icmp-port-unreachable" : "icmp6-port-unreachable")
            return ["-j", "REJECT", "--reject-with", reply]
        case .log(let prefix, let level):
            var words = ["-j", "LOG"]
            if let prefix, !prefix.isEmpty { words += ["--log-prefix", IptablesQuoting.quote(prefix)] }
            if let level, level != .warning { words += ["--log-level", String(level.rawValue)] }
            return words
        case .jump(let chain):
            return ["-j", chain]
        case .goto(let chain):
            return ["-g", chain]
        case .masquerade(let ports):
            return ["-j", "MASQUERADE"] + toPorts(ports)
        case .snat(let to):
            return ["-j", "SNAT", "--to-source", to.description]
        case .dnat(let to):
            return ["-j", "DNAT", "--to-destination", to.description]
        case .redirect(let ports):
            return ["-j", "REDIRECT"] + toPorts(ports)
        case .mark(let mark):
            return ["-j", "MARK", "--set-xmark", IptablesTargetRenderer.setMarkText(mark)]
        }
    }

    private func toPorts(_ ports: PortRange?) -> [String] {
        guard let ports else { return [] }
        return ["--to-ports", ports.description]
    }

    /// `value/mask` for `--set-xmark`: the masked bits are cleared, then `value` is set, which is
    /// what `--set-mark value/mask` means and how iptables-save prints it (the mask includes the
    /// value's bits; no mask means all 32 bits).
    static func setMarkText(_ mark: MarkValue) -> String {
        let mask = mark.effectiveMask | mark.value
        return "0x\(String(mark.value, radix: 16))/0x\(String(mask, radix: 16))"
    }
}
