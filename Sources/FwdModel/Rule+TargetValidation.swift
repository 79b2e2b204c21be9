extension Rule {
    private static let filterHooks: Set<String> = ["INPUT", "FORWARD", "OUTPUT"]
    private static let postrouting: Set<String> = ["POSTROUTING"]
    private static let sourceNATHooks: Set<String> = ["POSTROUTING", "INPUT"]
    private static let destinationNATHooks: Set<String> = ["PREROUTING", "OUTPUT"]

    /// Checks the target's own arguments and where it stands: its table and the hooks that reach it.
    func validateTarget(in context: RuleContext, into messages: inout [String]) {
        guard let target else { return }
        func requireTable(_ table: TableKind, hooks allowed: Set<String>) {
            if context.table != table {
                messages.append("\(target.iptablesName) is only valid in the \(table) table")
            } else if !context.hooks.isEmpty, !context.hooks.isSubset(of: allowed) {
                let bad = context.hooks.subtracting(allowed).sorted().joined(separator: "/")
                let where_ = allowed.sorted().joined(separator: "/")
                messages.append("\(target.iptablesName) is only valid in \(where_), but packets reach this chain from \(bad)")
            }
        }
        func requirePortProtocol(_ what: String) {
            if positiveProtocol?.hasPorts != true {
                messages.append("\(what) needs proto tcp, udp, sctp, udplite or dccp")
            }
        }
        switch target {
        case .accept, .return, .jump, .goto, .mark:
            break
        case .drop:
            if context.table == .nat { messages.append("DROP is not allowed in the nat table; filter instead") }
        case .reject(let type):
            // The kernel's REJECT targets take the filter table only (and so its three hooks).
            requireTable(.filter, hooks: Rule.filterHooks)
            if type == .tcpReset, positiveProtocol != .tcp {
                messages.append("reject-with tcp-reset needs proto tcp")
            }
        case .log(let prefix, _):
            if let prefix {
                if prefix.utf8.count > LogLevel.maximumPrefixLength {
                    messages.append("log-prefix is \(prefix.utf8.count) bytes; at most \(LogLevel.maximumPrefixLength) fit")
                }
                if !prefix.isPlainText, prefix.contains(where: { $0.isNewline || $0 == "\0" }) {
                    messages.append("log-prefix cannot hold a line break or NUL")
                }
            }
        case .masquerade(let ports):
            requireTable(.nat, hooks: Rule.postrouting)
            if ports != nil { requirePortProtocol("to-ports") }
            messages += Rule.validatePortRange(ports, name: "to-ports")
        case .snat(let to):
            requireTable(.nat, hooks: Rule.sourceNATHooks)
            messages += validateNATAddress(to, name: "to-source", requirePorts: requirePortProtocol)
        case .dnat(let to):
            requireTable(.nat, hooks: Rule.destinationNATHooks)
            messages += validateNATAddress(to, name: "to-destination", requirePorts: requirePortProtocol)
        case .redirect(let ports):
            requireTable(.nat, hooks: Rule.destinationNATHooks)
            if ports != nil { requirePortProtocol("to-ports") }
            messages += Rule.validatePortRange(ports, name: "to-ports")
        }
    }

    private func validateNATAddress(
        _ to: NATAddress, name: String, requirePorts: (String) -> Void
    ) -> [String] {
        var messages: [String] = []
        switch to.address {
        case .invalid(_, let reason):
            messages.append("\(name): \(reason)")
        case .network(_, _) where !to.address.isHost:
            messages.append("\(name) takes an address or a range a-b, not the network \(to.address)")
        case .network, .range:
            break
        }
        if to.ports != nil { requirePorts("\(name) with a port") }
        return messages + Rule.validatePortRange(to.ports, name: name)
    }

    private static func validatePortRange(_ range: PortRange?, name: String) -> [String] {
        guard let range else { return [] }
        if !(1...65535).contains(range.lower) || !(1...65535).contains(range.upper) {
            return ["\(name): port \(range) is out of range 1...65535"]
        }
        if range.lower > range.upper { return ["\(name): port range \(range) ends before it starts"] }
        return []
    }
}

extension PortList {
    /// How many of multiport's 15 slots the list takes (a range takes two).
    public var multiportSlots: Int { ranges.reduce(0) { $0 + ($1.isSingle ? 1 : 2) } }

    /// The most ports and ranges one `-m multiport` match holds.
    public static let multiportCapacity = 15
}
