extension Rule {
    /// A new rule from this one used as a template: every argument given replaces the template's
    /// field, the others are kept. The new rule is located at the call.
    ///
    /// ```swift
    /// let web = Rule(proto: .tcp, dport: [80, 443], ctstate: [.new])
    /// let fromLAN = web(jump: .accept, source: "192.168.0.0/16")
    /// ```
    public func callAsFunction(
        proto: Negatable<IPProtocol>? = nil,
        source: Negatable<AddressList>? = nil,
        destination: Negatable<AddressList>? = nil,
        inInterface: Negatable<Interface>? = nil,
        outInterface: Negatable<Interface>? = nil,
        sport: Negatable<PortList>? = nil,
        dport: Negatable<PortList>? = nil,
        ctstate: Negatable<ConnectionStates>? = nil,
        icmpType: Negatable<ICMPType>? = nil,
        limit: RateLimit? = nil,
        mark: Negatable<MarkValue>? = nil,
        sets: [SetMatch]? = nil,
        comment: String? = nil,
        jump target: Target? = nil,
        file: String = #fileID,
        line: Int = #line
    ) -> Rule {
        let overrides = Rule(
            proto: proto, source: source, destination: destination, inInterface: inInterface,
            outInterface: outInterface, sport: sport, dport: dport, ctstate: ctstate, icmpType: icmpType,
            limit: limit, mark: mark, sets: sets ?? [], comment: comment, jump: target, file: file, line: line)
        return overridden(by: overrides)
    }

    /// This rule with every field that `overrides` sets taken from it, and `overrides`' location.
    public func overridden(by overrides: Rule) -> Rule {
        var rule = self
        rule.proto = overrides.proto ?? proto
        rule.source = overrides.source ?? source
        rule.destination = overrides.destination ?? destination
        rule.inInterface = overrides.inInterface ?? inInterface
        rule.outInterface = overrides.outInterface ?? outInterface
        rule.sourcePort = overrides.sourcePort ?? sourcePort
        rule.destinationPort = overrides.destinationPort ?? destinationPort
        rule.connectionState = overrides.connectionState ?? connectionState
        rule.icmpType = overrides.icmpType ?? icmpType
        rule.limit = overrides.limit ?? limit
        rule.mark = overrides.mark ?? mark
        rule.setMatches = overrides.setMatches.isEmpty ? setMatches : overrides.setMatches
        rule.comment = overrides.comment ?? comment
        rule.target = overrides.target ?? target
        rule.location = overrides.location
        return rule
    }
}
