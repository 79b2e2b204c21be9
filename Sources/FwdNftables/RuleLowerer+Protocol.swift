import FwdModel

extension RuleLowerer {
    /// `meta l4proto`, then source and destination ports or the ICMP type, read from the
    /// transport header once the protocol is known (the protocol comparison is their dependency).
    mutating func appendProtocolMatches(of rule: Rule) {
        guard let proto = rule.proto else { return }
        if !proto.isNegated, proto.value.impliedFamily != nil { emitPendingGuard() }
        append(.meta(.l4proto, destination: .r1))
        append(.compare(proto.compareOperator, source: .r1, data: [UInt8(truncatingIfNeeded: proto.value.number)]))
        guard !proto.isNegated else { return }
        appendPorts(source: rule.sourcePort, destination: rule.destinationPort)
        if let icmpType = rule.icmpType, let family = proto.value.impliedFamily {
            appendICMPType(icmpType, family: family)
        }
    }

    /// Ports are 2 network-order bytes at transport offset 0 (source) and 2 (destination). As nft
    /// merges adjacent equality matches, a single source port and a single destination port are
    /// one 4-byte comparison. Negated ports are never merged: `!= sport . dport` would mean
    /// "not both", where the rule means "neither".
    private mutating func appendPorts(source: Negatable<PortList>?, destination: Negatable<PortList>?) {
        let sourceRanges = source.map { KeyRange.normalized($0.value.ranges.map(KeyRange.init)) }
        let destinationRanges = destination.map { KeyRange.normalized($0.value.ranges.map(KeyRange.init)) }
        if let source, let destination, !source.isNegated, !destination.isNegated,
            let sourcePort = sourceRanges?.onlySingleKey, let destinationPort = destinationRanges?.onlySingleKey
        {
            append(.payload(base: .transport, offset: 0, length: 4, destination: .r1))
            append(.compare(.equal, source: .r1, data: sourcePort + destinationPort))
            return
        }
        if let source, let sourceRanges { appendPortMatch(sourceRanges, offset: 0, negated: source.isNegated) }
        if let destination, let destinationRanges {
            appendPortMatch(destinationRanges, offset: 2, negated: destination.isNegated)
        }
    }

    /// One port or range is a comparison; a negated list one `!=` per element; a positive list
    /// (one ``ListSplit`` left whole) a lookup in a named set.
    private mutating func appendPortMatch(_ ranges: [KeyRange], offset: UInt32, negated: Bool) {
        if ranges.count == 1, let only = ranges.first {
            appendKeyRange(only, base: .transport, offset: offset, operator: negated ? .notEqual : .equal)
        } else if negated {
            // Not any of them: one `!=` per port or range, in one rule (no set).
            for range in ranges { appendKeyRange(range, base: .transport, offset: offset, operator: .notEqual) }
        } else {
            append(.payload(base: .transport, offset: offset, length: 2, destination: .r1))
            appendLookup(keyType: .inetService, elements: ranges, negated: negated)
        }
    }

    /// `icmp type` is the first byte of the ICMP header; with a code, nft merges `icmp type` and
    /// `icmp code` into one 2-byte comparison. Negated, that comparison means "not this
    /// type/code pair", as `! --icmp-type 3/3` does.
    private mutating func appendICMPType(_ icmpType: Negatable<ICMPType>, family: IPFamily) {
        guard let (type, code) = icmpType.value.resolved(for: family) else {
            // Validation rejects a name unknown to the family; match nothing rather than anything.
            append(.payload(base: .transport, offset: 0, length: 1, destination: .r1))
            append(.range(.equal, source: .r1, from: [1], to: [0]))
            return
        }
        if let code {
            append(.payload(base: .transport, offset: 0, length: 2, destination: .r1))
            append(.compare(icmpType.compareOperator, source: .r1, data: [type, code]))
        } else {
            append(.payload(base: .transport, offset: 0, length: 1, destination: .r1))
            append(.compare(icmpType.compareOperator, source: .r1, data: [type]))
        }
    }
}

extension [KeyRange] {
    /// The key when the list is exactly one single key.
    var onlySingleKey: [UInt8]? { count == 1 && self[0].isSingle ? self[0].from : nil }
}
