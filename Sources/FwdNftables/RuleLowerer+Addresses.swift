import FwdModel

/// Which address of the network header a match reads.
enum AddressField {
    case source, destination

    /// The offset in the IPv4 or IPv6 header.
    func offset(in family: IPFamily) -> UInt32 {
        switch (self, family) {
        case (.source, .ipv4): 12
        case (.destination, .ipv4): 16
        case (.source, .ipv6): 8
        case (.destination, .ipv6): 24
        }
    }
}

extension RuleLowerer {
    /// `ip saddr …`/`ip6 daddr …`: a host compares the whole address, a network on a byte
    /// boundary only its leading bytes (nft shortens `/16` to 2 bytes), any other network is
    /// masked with a bitwise first, a range is a `range` (or `cmp gte` + `cmp lte`), a list of
    /// several is a lookup in a named set (``ListSplit`` has split the short ones into rules), and
    /// a negated list of several is one `!=` comparison per element.
    mutating func appendAddresses(_ list: Negatable<AddressList>, field: AddressField) {
        // The first address's family (validation allows one family per list; `families` would
        // build a set for every rule).
        guard let family = list.value.addresses.lazy.compactMap(\.family).first else { return }
        emitPendingGuard()
        let offset = field.offset(in: family)
        let keyType: NftSetKeyType = family == .ipv4 ? .ipv4Address : .ipv6Address
        let addresses = list.value.addresses
        // Most matches are one address: no duplicates to drop (and no set to hash them in).
        var seen: Set<AddressSpec> = []
        let distinct = addresses.count == 1 ? addresses : addresses.filter { seen.insert($0).inserted }
        let ranges = KeyRange.normalized(distinct.compactMap(KeyRange.init))
        if list.isNegated, ranges.count > 1 {
            // Not in any of them: one `!=` per element, in one rule (no set).
            for range in ranges {
                appendAddressRange(range, writtenAsRange: false, offset: offset, operator: .notEqual)
            }
            return
        }
        guard ranges.count == 1, let only = ranges.first else {
            append(.payload(base: .network, offset: offset, length: keyType.length, destination: .r1))
            appendLookup(keyType: keyType, elements: ranges, negated: false)
            return
        }
        // One address, or several that merge into one (a network and a part of it). A range
        // written as such stays a range even when it covers exactly one network, as nft keeps it.
        let writtenAsRange = if distinct.count == 1, case .range = distinct[0] { true } else { false }
        appendAddressRange(only, writtenAsRange: writtenAsRange, offset: offset, operator: list.compareOperator)
    }

    /// One address element: a network compare when it is exactly a network (and not written as
    /// a range), else a range compare.
    private mutating func appendAddressRange(
        _ range: KeyRange, writtenAsRange: Bool, offset: UInt32, operator op: NftCompareOperator
    ) {
        if !writtenAsRange, let prefixLength = KeyBytes.prefixLength(from: range.from, to: range.to) {
            appendNetwork(range.from, prefixLength: prefixLength, offset: offset, operator: op)
        } else {
            appendKeyRange(range, base: .network, offset: offset, operator: op)
        }
    }

    private mutating func appendNetwork(
        _ address: [UInt8], prefixLength: Int, offset: UInt32, operator op: NftCompareOperator
    ) {
        if prefixLength > 0, prefixLength % 8 == 0 {
            let length = prefixLength / 8
            append(.payload(base: .network, offset: offset, length: UInt32(length), destination: .r1))
            append(.compare(op, source: .r1, data: Array(address.prefix(length))))
        } else {
            let length = UInt32(address.count)
            append(.payload(base: .network, offset: offset, length: length, destination: .r1))
            append(.bitwise(
                source: .r1, destination: .r1, length: length,
                mask: KeyBytes.prefixMask(length: address.count, prefixLength: prefixLength),
                xor: Array(repeating: 0, count: address.count)))
            append(.compare(op, source: .r1, data: address))
        }
    }

    /// Loads the key at `offset` and compares it with one key or an inclusive range: a single key
    /// is a `cmp`; a range is `cmp gte` + `cmp lte`, or `range neq` when negated, as nft does.
    mutating func appendKeyRange(
        _ range: KeyRange, base: NftPayloadBase, offset: UInt32, operator op: NftCompareOperator
    ) {
        append(.payload(base: base, offset: offset, length: UInt32(range.from.count), destination: .r1))
        if range.isSingle {
            append(.compare(op, source: .r1, data: range.from))
        } else if op == .notEqual {
            append(.range(.notEqual, source: .r1, from: range.from, to: range.to))
        } else {
            append(.compare(.greaterOrEqual, source: .r1, data: range.from))
            append(.compare(.lessOrEqual, source: .r1, data: range.to))
        }
    }
}
