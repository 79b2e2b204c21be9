/// Where a rule stands, for the checks that depend on it.
public struct RuleContext: Hashable, Sendable {
    /// The rule's table.
    public var table: TableKind
    /// The rule's chain.
    public var chain: String
    /// The 1-based position of the rule in its chain.
    public var ruleNumber: Int
    /// The builtin chains whose packets reach the rule's chain (empty when none is known to).
    public var hooks: Set<String>

    /// A context for a rule of `chain` in `table`.
    public init(table: TableKind, chain: String, ruleNumber: Int, hooks: Set<String>) {
        self.table = table
        self.chain = chain
        self.ruleNumber = ruleNumber
        self.hooks = hooks
    }
}

extension Rule {
    /// Every problem with this rule where it stands.
    ///
    /// A hot path (a loader validates every rule it reads): a valid rule allocates nothing.
    public func validate(in context: RuleContext) -> [Diagnostic] {
        var messages: [String] = []
        validateFamilies(into: &messages)
        validateAddresses(into: &messages)
        validateProtocolAndPorts(into: &messages)
        messages += validateSetMatches()
        validateInterfaces(hooks: context.hooks, into: &messages)
        validateMiscellaneous(into: &messages)
        validateTarget(in: context, into: &messages)
        guard !messages.isEmpty else { return [] }
        return messages.map {
            Diagnostic($0, at: location, table: context.table, chain: context.chain, ruleNumber: context.ruleNumber)
        }
    }

    private func validateFamilies(into messages: inout [String]) {
        guard families.isEmpty else { return }
        let constraints = familyConstraints
        guard let v4 = constraints.first(where: { $0.family == .ipv4 }),
            let v6 = constraints.first(where: { $0.family == .ipv6 })
        else { return }
        messages.append("mixes IPv4 and IPv6: \(v4.reason) is IPv4 but \(v6.reason) is IPv6")
    }

    private func validateAddresses(into messages: inout [String]) {
        func check(_ name: String, _ list: Negatable<AddressList>?) {
            guard let list else { return }
            if list.value.addresses.isEmpty { messages.append("\(name) lists no address") }
            for case .invalid(_, let reason) in list.value.addresses { messages.append("\(name): \(reason)") }
            if list.isNegated, list.value.addresses.count > 1 {
                messages.append("\(name): a negated match takes one address, not a list")
            }
        }
        check("source", source)
        check("destination", destination)
    }

    /// The protocol, when it is given and not negated.
    var positiveProtocol: IPProtocol? { proto.flatMap { $0.isNegated ? nil : $0.value } }

    private func validateProtocolAndPorts(into messages: inout [String]) {
        if let proto, !proto.value.isValid {
            messages.append(proto.value.unknownName.map { "unknown protocol '\($0)'" }
                ?? "protocol number \(proto.value.number) is not 0...255")
        }
        func check(_ name: String, _ ports: Negatable<PortList>?) {
            guard let ports else { return }
            if positiveProtocol?.hasPorts != true {
                messages.append("\(name) needs proto tcp, udp, sctp, udplite or dccp")
            }
            if ports.value.ranges.isEmpty { messages.append("\(name) lists no port") }
            for range in ports.value.ranges {
                if !(0...65535).contains(range.lower) || !(0...65535).contains(range.upper) {
                    messages.append("\(name): port \(range) is out of range 0...65535")
                } else if range.lower > range.upper {
                    messages.append("\(name): port range \(range) ends before it starts")
                }
            }
            if ports.isNegated, ports.value.multiportSlots > PortList.multiportCapacity {
                messages.append("\(name): a negated port list holds at most \(PortList.multiportCapacity) ports"
                    + " (a range counts as two)")
            }
        }
        check("sport", sourcePort)
        check("dport", destinationPort)
        if let icmpType, let message = validateICMPType(icmpType.value) {
            messages.append(message)
        }
    }

    private func validateICMPType(_ type: ICMPType) -> String? {
        guard let family = positiveProtocol?.impliedFamily else {
            return "icmp-type needs proto icmp (IPv4) or icmpv6 (IPv6)"
        }
        guard type.resolved(for: family) != nil else {
            return "'\(type)' is not an \(family == .ipv4 ? "ICMP" : "ICMPv6") type"
        }
        return nil
    }

    private static let noInputInterface = ["OUTPUT", "POSTROUTING"]
    private static let noOutputInterface = ["INPUT", "PREROUTING"]

    private func validateInterfaces(hooks: Set<String>, into messages: inout [String]) {
        func check(_ name: String, _ negatable: Negatable<Interface>?, forbidden: [String]) {
            guard let negatable else { return }
            let interface = negatable.value
            let isBare = interface.name.isEmpty || interface.name == "+"  // nothing before the wildcard
            if isBare && !interface.isWildcard {
                messages.append("\(name) is empty")
            }
            if isBare && interface.isWildcard && negatable.isNegated {
                messages.append("\(name) '!+' never matches: '+' matches every interface")
            }
            if interface.name.utf8.count > Interface.maximumLength {
                messages.append("\(name) '\(interface.name)' is \(interface.name.utf8.count) bytes;"
                    + " interface names have at most \(Interface.maximumLength)")
            }
            if !interface.name.isPlainASCII(except: UInt8(ascii: "/")),
                interface.name.contains(where: { $0 == "/" || $0 == " " || $0 == "\t" || $0.isNewline })
            {
                messages.append("\(name) '\(interface.name)' holds a character interface names cannot have")
            }
            guard !hooks.isEmpty else { return }
            let bad = forbidden.filter(hooks.contains).sorted()
            if !bad.isEmpty {
                messages.append("\(name) cannot match in \(bad.joined(separator: "/")): those packets have no"
                    + (name == "in-interface" ? " input" : " output") + " interface yet")
            }
        }
        check("in-interface", inInterface, forbidden: Rule.noInputInterface)
        check("out-interface", outInterface, forbidden: Rule.noOutputInterface)
    }

    private func validateMiscellaneous(into messages: inout [String]) {
        if let comment {
            if comment.utf8.count > Rule.maximumCommentLength {
                messages.append("comment is \(comment.utf8.count) bytes; at most \(Rule.maximumCommentLength) fit")
            }
            if !comment.isPlainText, comment.contains(where: { $0.isNewline || $0 == "\0" }) {
                messages.append("comment cannot hold a line break or NUL")
            }
        }
        if let limit {
            if limit.count < 1 { messages.append("limit rate must be at least 1/\(limit.unit.rawValue)") }
            if limit.count > RateLimit.maximumPerSecond * limit.unit.seconds {
                messages.append("limit \(limit.rateText) is faster than the kernel's \(RateLimit.maximumPerSecond)/second")
            }
            if let burst = limit.burst, !(1...10_000).contains(burst) {
                messages.append("limit-burst \(burst) is not 1...10000")
            }
            let burst = limit.burst ?? RateLimit.defaultBurst
            if limit.count >= 1, burst >= 1,
                burst * limit.unit.seconds > RateLimit.maximumRefillSeconds * limit.count
            {
                messages.append("limit \(limit.rateText) with burst \(burst) overflows the kernel's token bucket:"
                    + " refilling a full burst may take at most \(RateLimit.maximumRefillSeconds) seconds (one day);"
                    + " lower the burst or raise the rate")
            }
        }
    }

    /// The longest comment the kernel stores (`XT_MAX_COMMENT_LEN` - 1).
    public static let maximumCommentLength = 255
}

extension String {
    /// Whether every byte is printable ASCII (space to `~`): then no character is a line break,
    /// a tab or NUL. A quick test before the slower walk over characters.
    var isPlainText: Bool { utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }

    /// Whether every byte is printable ASCII other than space and `excluded`.
    func isPlainASCII(except excluded: UInt8) -> Bool {
        utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != excluded }
    }
}
