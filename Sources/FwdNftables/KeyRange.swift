import FwdModel

/// An inclusive range of equal-length keys (network byte order): a set element, or the value
/// of a single match once a list has been normalised.
struct KeyRange: Hashable {
    /// The first key.
    var from: [UInt8]
    /// The last key, inclusive.
    var to: [UInt8]

    /// Whether the range is one key.
    var isSingle: Bool { from == to }

    /// The range of one port or port range.
    init(_ ports: PortRange) {
        from = ports.lower.portBytes
        to = ports.upper.portBytes
    }

    /// The addresses of a host, network or range; nil for invalid text.
    init?(_ address: AddressSpec) {
        switch address {
        case .network(let network, let prefixLength):
            from = network.bytes
            to = KeyBytes.lastOfPrefix(network.bytes, prefixLength: prefixLength)
        case .range(let low, let high):
            from = low.bytes
            to = high.bytes
        case .invalid:
            return nil
        }
    }

    init(from: [UInt8], to: [UInt8]) {
        self.from = from
        self.to = to
    }

    /// Sorts `ranges` and merges those that overlap, as an interval set must hold them (the kernel
    /// refuses overlapping intervals). Adjacent ranges stay apart, as nft keeps them.
    static func normalized(_ ranges: [KeyRange]) -> [KeyRange] {
        guard ranges.count > 1 else { return ranges }
        let sorted = ranges.sorted { KeyBytes.less($0.from, $1.from) || ($0.from == $1.from && KeyBytes.less($0.to, $1.to)) }
        var merged: [KeyRange] = []
        for range in sorted {
            if let last = merged.last, !KeyBytes.less(last.to, range.from) {
                if KeyBytes.less(last.to, range.to) { merged[merged.count - 1].to = range.to }
            } else {
                merged.append(range)
            }
        }
        return merged
    }
}
