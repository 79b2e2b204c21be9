extension AddressList {
    /// The addresses with overlaps resolved, so that an address falls in at most one entry: a
    /// repeated entry or one inside another is dropped, and entries that overlap only in part
    /// become one range. Entries that overlap nothing stay as written, in the order written (a
    /// merged entry takes the place of the first of its parts); invalid text is kept.
    ///
    /// One rule per entry (``Rule/expandedAddresses()``) is then exactly the list: with
    /// overlapping entries, a packet in two of them would be logged, marked or sent into a chain
    /// twice.
    public var disjointAddresses: [AddressSpec] {
        let bounded = addresses.enumerated().compactMap { index, address in
            address.bounds.map { (index: index, low: $0.low, high: $0.high) }
        }.sorted { ($0.low, $0.index) < ($1.low, $1.index) }
        var groups: [(first: Int, low: IPAddress, high: IPAddress, members: [Int])] = []
        for entry in bounded {
            if let last = groups.last, last.high.family == entry.low.family, entry.low <= last.high {
                groups[groups.count - 1].high = max(last.high, entry.high)
                groups[groups.count - 1].first = min(last.first, entry.index)
                groups[groups.count - 1].members.append(entry.index)
            } else {
                groups.append((entry.index, entry.low, entry.high, [entry.index]))
            }
        }
        guard groups.count < bounded.count else { return addresses }
        var merged: [(position: Int, address: AddressSpec)] = groups.map { group in
            let whole = group.members.first { member in
                addresses[member].bounds.map { $0.low == group.low && $0.high == group.high } == true
            }
            return (group.first, whole.map { addresses[$0] } ?? .range(group.low, group.high))
        }
        for (index, address) in addresses.enumerated() where address.bounds == nil { merged.append((index, address)) }
        return merged.sorted { $0.position < $1.position }.map(\.address)
    }
}

extension AddressSpec {
    /// The first and last address covered; nil for invalid text.
    var bounds: (low: IPAddress, high: IPAddress)? {
        switch self {
        case .network(let address, let prefixLength): (address, address.lastAddress(prefixLength: prefixLength))
        case .range(let low, let high): (low, high)
        case .invalid: nil
        }
    }
}

extension IPAddress {
    /// The last address of the network of this address and `prefixLength`: every host bit set.
    func lastAddress(prefixLength: Int) -> IPAddress {
        func hostBits(_ bits: Int) -> UInt64 { bits >= 64 ? 0 : bits <= 0 ? ~0 : ~UInt64(0) >> UInt64(bits) }
        switch self {
        case .v4(let value):
            return .v4(value | UInt32(truncatingIfNeeded: hostBits(prefixLength + 32)))
        case .v6(let high, let low):
            return .v6(high: high | hostBits(prefixLength), low: low | hostBits(prefixLength - 64))
        }
    }
}
