import FwdModel

extension RuleLowerer {
    /// The target's statements: a verdict, or reject/log/NAT/mark statements.
    mutating func appendTarget(_ target: Target, family: IPFamily?) {
        switch target {
        case .accept: append(.verdict(.accept))
        case .drop: append(.verdict(.drop))
        case .return: append(.verdict(.return))
        case .jump(let chain): append(.verdict(.jump(chain)))
        case .goto(let chain): append(.verdict(.goto(chain)))
        case .reject(let type): appendReject(type, family: family)
        case .log(let prefix, let level): append(.log(prefix: prefix, level: level.map { UInt32($0.rawValue) }))
        case .mark(let value): appendMarkSet(value)
        case .masquerade(let ports): appendMasquerade(ports)
        case .redirect(let ports): appendRedirect(ports)
        case .snat(let to): appendNAT(.snat, to: to)
        case .dnat(let to): appendNAT(.dnat, to: to)
        }
    }

    /// `reject`: with no reply given, nft answers port-unreachable in the rule's family
    /// (`icmp`/`icmpv6` in a one-family rule, the family-independent `icmpx` otherwise).
    private mutating func appendReject(_ type: RejectType?, family: IPFamily?) {
        guard let type else {
            switch family {
            case .ipv4: append(.reject(.icmpUnreachable, code: 3))
            case .ipv6: append(.reject(.icmpUnreachable, code: 4))
            case nil: append(.reject(.icmpxUnreachable, code: 1))
            }
            return
        }
        switch type {
        case .tcpReset: append(.reject(.tcpReset, code: 0))
        case .icmpNetUnreachable: append(.reject(.icmpUnreachable, code: 0))
        case .icmpHostUnreachable: append(.reject(.icmpUnreachable, code: 1))
        case .icmpProtoUnreachable: append(.reject(.icmpUnreachable, code: 2))
        case .icmpPortUnreachable: append(.reject(.icmpUnreachable, code: 3))
        case .icmpNetProhibited: append(.reject(.icmpUnreachable, code: 9))
        case .icmpHostProhibited: append(.reject(.icmpUnreachable, code: 10))
        case .icmpAdminProhibited: append(.reject(.icmpUnreachable, code: 13))
        case .icmp6NoRoute: append(.reject(.icmpUnreachable, code: 0))
        case .icmp6AdminProhibited: append(.reject(.icmpUnreachable, code: 1))
        case .icmp6AddressUnreachable: append(.reject(.icmpUnreachable, code: 3))
        case .icmp6PortUnreachable: append(.reject(.icmpUnreachable, code: 4))
        }
    }

    /// `meta mark set 0x10`; with a mask, iptables' `MARK --set-mark value/mask`: the mask's bits
    /// and the value's are cleared, then the value's are set, `mark = (mark & ~(mask | value)) ^
    /// value` (a load, a bitwise and a set; nft prints it `meta mark & … | value`). A value bit
    /// outside the mask is thus set, as iptables sets it, never toggled.
    private mutating func appendMarkSet(_ mark: MarkValue) {
        if let mask = mark.mask, mask != .max {
            append(.meta(.mark, destination: .r1))
            append(.bitwise(
                source: .r1, destination: .r1, length: 4, mask: (~(mask | mark.value)).hostOrderBytes,
                xor: mark.value.hostOrderBytes))
        } else {
            append(.immediate(destination: .r1, data: mark.value.hostOrderBytes))
        }
        append(.metaSet(.mark, source: .r1))
    }
}
