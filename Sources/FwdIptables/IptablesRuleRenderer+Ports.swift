import FwdModel

extension IptablesRuleRenderer {
    /// The port words of each line `rule` becomes: one element per combination of source-port
    /// and destination-port slices, a single empty element when the rule has no ports.
    ///
    /// A single port or range uses the protocol's own match (`-m tcp --dport 22`); a list uses
    /// `-m multiport`, split into slices of at most ``PortList/multiportCapacity`` slots (a
    /// range takes two). A negated list is never split (validation keeps it within one slice):
    /// the slices of a list are alternatives, and "not in A or not in B" is not "not in A ∪ B".
    func portSlices(of rule: Rule) -> [[String]] {
        guard rule.sourcePort != nil || rule.destinationPort != nil else { return [[]] }
        let module = rule.proto.flatMap { IptablesRuleRenderer.portModule(for: $0.value) }
        var singles: [String] = []
        var sourceSlices: [[String]] = [[]]
        var destinationSlices: [[String]] = [[]]
        if let ports = rule.sourcePort {
            if module != nil, ports.value.isSingle {
                singles += negation(ports) + ["--sport", IptablesRuleRenderer.portText(ports.value.ranges[0])]
            } else {
                sourceSlices = multiportSlices(ports, option: "--sports")
            }
        }
        if let ports = rule.destinationPort {
            if module != nil, ports.value.isSingle {
                singles += negation(ports) + ["--dport", IptablesRuleRenderer.portText(ports.value.ranges[0])]
            } else {
                destinationSlices = multiportSlices(ports, option: "--dports")
            }
        }
        var prefix: [String] = []
        if let module, !singles.isEmpty { prefix = ["-m", module] + singles }
        return sourceSlices.flatMap { source in destinationSlices.map { prefix + source + $0 } }
    }

    private func multiportSlices(_ ports: Negatable<PortList>, option: String) -> [[String]] {
        let slices = ports.isNegated ? [ports.value.ranges] : IptablesRuleRenderer.slices(of: ports.value.ranges)
        return slices.map { slice in
            ["-m", "multiport"] + negation(ports) + [option, slice.map(IptablesRuleRenderer.portText).joined(separator: ",")]
        }
    }

    /// `ranges` cut into consecutive slices of at most ``PortList/multiportCapacity`` slots.
    static func slices(of ranges: [PortRange]) -> [[PortRange]] {
        var slices: [[PortRange]] = []
        var current: [PortRange] = []
        var used = 0
        for range in ranges {
            let cost = range.isSingle ? 1 : 2
            if used + cost > PortList.multiportCapacity, !current.isEmpty {
                slices.append(current)
                current = []
                used = 0
            }
            current.append(range)
            used += cost
        }
        if !current.isEmpty { slices.append(current) }
        return slices
    }

    /// `80` or `8000:8100`, as iptables writes ports.
    static func portText(_ range: PortRange) -> String {
        range.isSingle ? "\(range.lower)" : "\(range.lower):\(range.upper)"
    }

    /// The match module that takes `--sport`/`--dport` for `proto`; nil when only multiport
    /// can match its ports (UDP-Lite).
    static func portModule(for proto: IPProtocol) -> String? {
        switch proto.number {
        case IPProtocol.tcp.number: "tcp"
        case IPProtocol.udp.number: "udp"
        case IPProtocol.sctp.number: "sctp"
        case IPProtocol.dccp.number: "dccp"
        default: nil
        }
    }
}
