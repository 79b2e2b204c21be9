import FwdModel

/// How fwd writes a ``NamedSet`` for `ipset restore`: the `create` line (`hash:net` for
/// addresses, `bitmap:port` for ports) and one `add`/`del` line per element.
enum IpsetElements {
    /// The `create` line of `set` under `kernelName`. Address sets get room for twice their
    /// elements (at least ipset's default 65,536) and a hash sized for them up front.
    static func createLine(_ kernelName: String, for set: NamedSet) -> String {
        switch set.type {
        case .ipv4, .ipv6:
            let count = set.elements.count
            let maximum = set.capacity
            var hashSize = 1_024
            while hashSize < count, hashSize < 1 << 20 { hashSize <<= 1 }
            let family = set.type == .ipv4 ? "inet" : "inet6"
            return "create \(kernelName) hash:net family \(family) hashsize \(hashSize) maxelem \(maximum)"
        case .port:
            return "create \(kernelName) bitmap:port range 0-65535"
        }
    }

    /// The lines `verb` (`add` or `del`) `kernelName` for each element: an address range becomes
    /// the networks covering it and `/0` its two halves (`hash:net` takes neither); a port range
    /// stays one line.
    static func lines(_ verb: String, _ kernelName: String, elements: [SetElement]) -> [String] {
        var lines: [String] = []
        lines.reserveCapacity(elements.count)
        for element in elements {
            for text in texts(of: element) { lines.append("\(verb) \(kernelName) \(text)") }
        }
        return lines
    }

    /// The ipset texts standing for `element`.
    static func texts(of element: SetElement) -> [String] {
        switch element {
        case .port(let range):
            return [range.description]
        case .address(.network(let address, 0)):
            let half: IPAddress = address.family == .ipv4 ? .v4(0x8000_0000) : .v6(high: 1 << 63, low: 0)
            return ["\(address)/1", "\(half)/1"]
        case .address(.network(let address, let prefixLength)):
            return [prefixLength == address.bitWidth ? "\(address)" : "\(address)/\(prefixLength)"]
        case .address(.range(let low, let high)):
            return AddressRangeSplitter.networks(from: low, to: high).map {
                $0.prefixLength == $0.address.bitWidth ? "\($0.address)" : "\($0.address)/\($0.prefixLength)"
            }
        case .address(.invalid(let text, _)):
            return [text]
        }
    }
}

/// Splits an inclusive address range into the fewest networks covering exactly it.
enum AddressRangeSplitter {
    /// The networks, in address order.
    static func networks(from low: IPAddress, to high: IPAddress) -> [(address: IPAddress, prefixLength: Int)] {
        var start = low.bytes
        let end = high.bytes
        let width = start.count * 8
        var result: [(IPAddress, Int)] = []
        while !less(end, start) {
            var hostBits = min(trailingZeroBits(start), width)
            while hostBits > 0, less(end, lastOfBlock(start, hostBits: hostBits)) { hostBits -= 1 }
            if let address = address(from: start) { result.append((address, width - hostBits)) }
            guard let next = successor(of: lastOfBlock(start, hostBits: hostBits)) else { break }
            start = next
        }
        return result
    }

    private static func less(_ a: [UInt8], _ b: [UInt8]) -> Bool { a.lexicographicallyPrecedes(b) }

    private static func trailingZeroBits(_ bytes: [UInt8]) -> Int {
        var count = 0
        for byte in bytes.reversed() {
            if byte == 0 {
                count += 8
            } else {
                return count + byte.trailingZeroBitCount
            }
        }
        return count
    }

    private static func lastOfBlock(_ start: [UInt8], hostBits: Int) -> [UInt8] {
        var bytes = start
        var remaining = hostBits
        for index in bytes.indices.reversed() where remaining > 0 {
            let bits = min(8, remaining)
            bytes[index] |= UInt8(truncatingIfNeeded: (1 << bits) - 1)
            remaining -= bits
        }
        return bytes
    }

    private static func successor(of bytes: [UInt8]) -> [UInt8]? {
        var result = bytes
        for index in result.indices.reversed() {
            if result[index] == 0xFF {
                result[index] = 0
            } else {
                result[index] += 1
                return result
            }
        }
        return nil
    }

    private static func address(from bytes: [UInt8]) -> IPAddress? {
        if bytes.count == 4 {
            return .v4(bytes.reduce(0) { $0 << 8 | UInt32($1) })
        }
        let high = bytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let low = bytes.suffix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return bytes.count == 16 ? .v6(high: high, low: low) : nil
    }
}
