/// An IPv4 or IPv6 address, parsed without any C library.
public enum IPAddress: Hashable, Sendable, Comparable {
    /// An IPv4 address in host order.
    case v4(UInt32)
    /// An IPv6 address as its high and low 64 bits.
    case v6(high: UInt64, low: UInt64)

    /// The family this address belongs to.
    public var family: IPFamily {
        switch self {
        case .v4: .ipv4
        case .v6: .ipv6
        }
    }

    /// The address length in bits (32 or 128).
    public var bitWidth: Int { family == .ipv4 ? 32 : 128 }

    /// The address in network byte order (4 or 16 bytes).
    public var bytes: [UInt8] {
        // One allocation of the final size (the lowering asks for every address it meets).
        switch self {
        case .v4(let value):
            return withUnsafeBytes(of: value.bigEndian) { Array($0) }
        case .v6(let high, let low):
            return [UInt8](unsafeUninitializedCapacity: 16) { buffer, count in
                for index in 0..<8 {
                    buffer[index] = UInt8(truncatingIfNeeded: high >> (56 - 8 * index))
                    buffer[8 + index] = UInt8(truncatingIfNeeded: low >> (56 - 8 * index))
                }
                count = 16
            }
        }
    }

    /// Parses dotted-quad IPv4 (`10.0.0.1`) or IPv6 in any RFC 4291 text form (`fd00::1`,
    /// `::ffff:10.0.0.1`). Returns nil for anything else.
    public init?(_ text: some StringProtocol) {
        if let v4 = IPAddress.parseV4(Substring(text)) {
            self = .v4(v4)
        } else if let (high, low) = IPAddress.parseV6(Substring(text)) {
            self = .v6(high: high, low: low)
        } else {
            return nil
        }
    }

    /// The address with all bits after the first `prefixLength` cleared.
    public func masked(to prefixLength: Int) -> IPAddress {
        switch self {
        case .v4(let value):
            let mask: UInt32 = prefixLength <= 0 ? 0 : ~UInt32(0) << UInt32(32 - min(prefixLength, 32))
            return .v4(value & mask)
        case .v6(let high, let low):
            let highMask = IPAddress.mask64(prefixLength)
            let lowMask = IPAddress.mask64(prefixLength - 64)
            return .v6(high: high & highMask, low: low & lowMask)
        }
    }

    private static func mask64(_ bits: Int) -> UInt64 {
        if bits <= 0 { return 0 }
        if bits >= 64 { return ~0 }
        return ~UInt64(0) << UInt64(64 - bits)
    }

    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        switch (lhs, rhs) {
        case (.v4(let a), .v4(let b)): a < b
        case (.v6(let ah, let al), .v6(let bh, let bl)): (ah, al) < (bh, bl)
        case (.v4, .v6): true
        case (.v6, .v4): false
        }
    }
}

extension IPAddress {
    static func parseV4(_ text: Substring) -> UInt32? {
        var value: UInt32 = 0
        var octets = 0
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            guard octets < 4, (1...3).contains(part.count), part.allSatisfy(\.isASCIIDigit),
                let octet = UInt32(part), octet <= 255
            else { return nil }
            value = value << 8 | octet
            octets += 1
        }
        return octets == 4 ? value : nil
    }

    static func parseV6(_ text: Substring) -> (UInt64, UInt64)? {
        guard text.contains(":"), text.count <= 45 else { return nil }
        let halves = text.splitAtDoubleColons()
        guard halves.count <= 2 else { return nil }
        let sawGap = halves.count == 2
        guard var head = parseGroups(halves[0], allowTrailingV4: !sawGap) else { return nil }
        var tail: [UInt16] = []
        if sawGap {
            guard let second = parseGroups(halves[1], allowTrailingV4: true) else { return nil }
            tail = second
            guard head.count + tail.count <= 7 else { return nil }
        } else {
            guard head.count == 8 else { return nil }
        }
        head += Array(repeating: 0, count: 8 - head.count - tail.count)
        let groups = head + tail
        let high = groups[0..<4].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        let low = groups[4..<8].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        return (high, low)
    }

    private static func parseGroups(_ text: Substring, allowTrailingV4: Bool) -> [UInt16]? {
        if text.isEmpty { return [] }
        var groups: [UInt16] = []
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        for (index, part) in parts.enumerated() {
            if index == parts.count - 1, allowTrailingV4, part.contains(".") {
                guard let v4 = parseV4(part) else { return nil }
                groups.append(UInt16(v4 >> 16))
                groups.append(UInt16(v4 & 0xffff))
                continue
            }
            guard (1...4).contains(part.count), part.allSatisfy(\.isHexDigit), let group = UInt16(part, radix: 16)
            else { return nil }
            groups.append(group)
        }
        return groups
    }
}

extension Substring {
    /// Splits at the first `::`, if any: one element without it, two with it (more on a second `::`).
    fileprivate func splitAtDoubleColons() -> [Substring] {
        var parts: [Substring] = []
        var rest = self[...]
        while let range = rest.firstRange(of: "::") {
            parts.append(rest[..<range.lowerBound])
            rest = rest[range.upperBound...]
        }
        parts.append(rest)
        return parts
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension IPAddress: CustomStringConvertible {
    /// Dotted quad for IPv4; RFC 5952 canonical text for IPv6 (lower case, longest zero run as `::`,
    /// IPv4-mapped addresses as `::ffff:1.2.3.4`).
    public var description: String {
        switch self {
        case .v4(let value):
            return (0..<4).map { String(value >> (24 - 8 * UInt32($0)) & 0xff) }.joined(separator: ".")
        case .v6(0, let low) where low >> 32 == 0xffff:
            return "::ffff:" + IPAddress.v4(UInt32(truncatingIfNeeded: low)).description
        case .v6(let high, let low):
            let groups = (0..<4).map { UInt16(truncatingIfNeeded: high >> (48 - 16 * UInt64($0))) }
                + (0..<4).map { UInt16(truncatingIfNeeded: low >> (48 - 16 * UInt64($0))) }
            return IPAddress.canonicalV6(groups)
        }
    }

    private static func canonicalV6(_ groups: [UInt16]) -> String {
        var bestStart = -1, bestLength = 0, runStart = -1
        for index in 0...groups.count {
            if index < groups.count, groups[index] == 0 {
                if runStart < 0 { runStart = index }
            } else if runStart >= 0 {
                if index - runStart > bestLength { bestStart = runStart; bestLength = index - runStart }
                runStart = -1
            }
        }
        if bestLength < 2 { return groups.map { String($0, radix: 16) }.joined(separator: ":") }
        let head = groups[..<bestStart].map { String($0, radix: 16) }.joined(separator: ":")
        let tail = groups[(bestStart + bestLength)...].map { String($0, radix: 16) }.joined(separator: ":")
        return head + "::" + tail
    }
}
