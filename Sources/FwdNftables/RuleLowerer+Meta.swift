import FwdModel

extension RuleLowerer {
    /// `iifname`/`oifname`: the 16-byte NUL-padded name, or for `eth+` only the bytes before the
    /// `+` (nft's `"eth*"`). A bare `+` matches every interface and needs no expression
    /// (validation rejects `!+`, which could never match).
    mutating func appendInterface(_ interface: Negatable<Interface>, key: NftMetaKey) {
        let bytes: [UInt8]
        if interface.value.isWildcard {
            bytes = Array(interface.value.prefix.utf8.prefix(Interface.maximumLength))
            if bytes.isEmpty { return }
        } else {
            let name = Array(interface.value.name.utf8.prefix(Interface.maximumLength))
            bytes = name + Array(repeating: 0, count: Interface.maximumLength + 1 - name.count)
        }
        append(.meta(key, destination: .r1))
        append(.compare(interface.compareOperator, source: .r1, data: bytes))
    }

    /// `ct state a,b`: the state bits masked with the wanted ones (host order), not zero. Negated,
    /// a single state compares unequal to its bit (`ct state != invalid`, as nft builds it: a
    /// packet has exactly one state) and several compare the masked bits equal to zero
    /// (`ct state ! established,related`).
    mutating func appendConnectionStates(_ states: Negatable<ConnectionStates>) {
        let bits = states.value.kernelBits
        append(.conntrack(.state, destination: .r1))
        if states.isNegated, bits.nonzeroBitCount == 1 {
            append(.compare(.notEqual, source: .r1, data: bits.hostOrderBytes))
            return
        }
        append(.bitwise(source: .r1, destination: .r1, length: 4, mask: bits.hostOrderBytes, xor: [0, 0, 0, 0]))
        append(.compare(states.isNegated ? .equal : .notEqual, source: .r1, data: [0, 0, 0, 0]))
    }

    /// `meta mark 0x10`, or `meta mark & 0xff == 0x10` with a mask.
    mutating func appendMark(_ mark: Negatable<MarkValue>) {
        append(.meta(.mark, destination: .r1))
        if let mask = mark.value.mask, mask != .max {
            append(.bitwise(source: .r1, destination: .r1, length: 4, mask: mask.hostOrderBytes, xor: [0, 0, 0, 0]))
        }
        append(.compare(mark.compareOperator, source: .r1, data: mark.value.value.hostOrderBytes))
    }

    /// `limit rate N/unit burst B packets`; iptables' default burst of 5 is nft's too.
    mutating func appendLimit(_ limit: RateLimit) {
        append(.limit(
            rate: UInt64(clamping: limit.count), unit: UInt64(clamping: limit.unit.seconds),
            burst: UInt32(clamping: limit.burst ?? RateLimit.defaultBurst)))
    }
}

extension ConnectionStates {
    /// The kernel's state bits (`NF_CT_STATE_BIT`): invalid 1, established 2, related 4, new 8,
    /// untracked 64.
    var kernelBits: UInt32 {
        var bits: UInt32 = 0
        if contains(.invalid) { bits |= 1 }
        if contains(.established) { bits |= 2 }
        if contains(.related) { bits |= 4 }
        if contains(.new) { bits |= 8 }
        if contains(.untracked) { bits |= 64 }
        return bits
    }
}
