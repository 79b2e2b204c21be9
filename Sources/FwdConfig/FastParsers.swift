import FwdModel

/// Byte-level parsers for the most common value forms (a port, a port range, a dotted IPv4
/// address or network, an IPv6 one, a conntrack state name, a rate, an IPv4 NAT address, a
/// mark). Each gives exactly what the model's parser gives for the texts it accepts, and nil for
/// anything else, so that the caller falls back to the model's parser (which then decides and
/// explains). A test checks that they agree.
///
/// They exist for speed: the model's parsers are generic over `StringProtocol` and cost
/// microseconds per call across the module boundary, which a 100k-rule config multiplies.
enum FastParsers {
    /// `8080` → 8080 (at most 5 digits; the range is the caller's check, as for the model's).
    static func port(_ text: String) -> PortRange? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> PortRange? in
            guard let dash = bytes.firstIndex(where: { $0 == UInt8(ascii: "-") }) else {
                return number(bytes[...], maxDigits: 5).map { PortRange($0) }
            }
            guard let lower = number(bytes[..<dash], maxDigits: 5),
                let upper = number(bytes[(dash + 1)...], maxDigits: 5)
            else { return nil }
            return PortRange(lower, upper)
        } ?? nil
    }

    /// `10.1.2.3` or `10.1.2.0/24` → the model's network, masked as the model masks it.
    static func ipv4Network(_ text: String) -> AddressSpec? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> AddressSpec? in
            var value: UInt32 = 0
            var start = 0
            for octetIndex in 0..<4 {
                var end = start
                while end < bytes.count, isDigit(bytes[end]) { end += 1 }
                guard let octet = number(bytes[start..<end], maxDigits: 3), octet <= 255 else { return nil }
                value = value << 8 | UInt32(octet)
                if octetIndex < 3 {
                    guard end < bytes.count, bytes[end] == UInt8(ascii: ".") else { return nil }
                    start = end + 1
                } else {
                    start = end
                }
            }
            let address = IPAddress.v4(value)
            if start == bytes.count { return .host(address) }
            guard bytes[start] == UInt8(ascii: "/"), let length = number(bytes[(start + 1)...], maxDigits: 3),
                length <= 32
            else { return nil }
            return .network(address.masked(to: length), prefixLength: length)
        } ?? nil
    }

    private static let unitsByName: [String: RateLimit.Unit] = Dictionary(
        uniqueKeysWithValues: RateLimit.Unit.allCases.map { ($0.rawValue, $0) })

    /// `5/second` (a whole unit name) → the rate.
    static func rate(_ text: String) -> RateLimit? {
        guard let slash = text.utf8.firstIndex(of: UInt8(ascii: "/")),
            let unit = unitsByName[String(text[text.utf8.index(after: slash)...])]
        else { return nil }
        let countText = text[..<slash]
        guard !countText.isEmpty, countText.utf8.count <= 9,
            countText.utf8.allSatisfy({ isDigit($0) }), let count = Int(countText)
        else { return nil }
        return RateLimit(count, per: unit)
    }

    /// `10.0.0.5` or `10.0.0.5:8080` or `10.0.0.5:8000-8100` → the NAT address.
    static func natAddress(_ text: String) -> NATAddress? {
        guard let colon = text.utf8.firstIndex(of: UInt8(ascii: ":")) else {
            return ipv4Network(text).map { NATAddress($0) }
        }
        let portText = String(text[text.utf8.index(after: colon)...])
        guard !portText.containsByte(UInt8(ascii: ":")), let address = ipv4Network(String(text[..<colon])),
            let ports = port(portText)
        else { return nil }
        return NATAddress(address, ports: ports)
    }

    /// `0x10`, `16` or `0x10/0xff` → the mark.
    static func mark(_ text: String) -> MarkValue? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> MarkValue? in
            let slash = bytes.firstIndex(of: UInt8(ascii: "/")) ?? bytes.count
            guard let value = markNumber(bytes[..<slash]) else { return nil }
            if slash == bytes.count { return MarkValue(value) }
            return markNumber(bytes[(slash + 1)...]).map { MarkValue(value, mask: $0) }
        } ?? nil
    }

    /// A 32-bit number in hex (`0x`, any case) or decimal, of at most 16 digits.
    private static func markNumber(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> UInt32? {
        var digits = bytes
        var radix: UInt64 = 10
        if digits.count > 2, digits.first == UInt8(ascii: "0"),
            digits[digits.startIndex + 1] | 0x20 == UInt8(ascii: "x")
        {
            radix = 16
            digits = digits.dropFirst(2)
        }
        guard !digits.isEmpty, digits.count <= 16 else { return nil }
        var value: UInt64 = 0
        for byte in digits {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value * radix + UInt64(digit)
        }
        return value <= UInt64(UInt32.max) ? UInt32(value) : nil
    }

    private static let statesByName: [String: ConnectionStates] = Dictionary(
        uniqueKeysWithValues: ConnectionStates.named.map { ($0.name, $0.state) })

    /// `ESTABLISHED` (one name, in capitals) → the state; the common names without hashing.
    static func connectionState(_ text: String) -> ConnectionStates? {
        switch text {
        case "NEW": .new
        case "ESTABLISHED": .established
        case "RELATED": .related
        case "INVALID": .invalid
        default: statesByName[text]
        }
    }

    /// `tcp`, `udp`, `icmp`, `ipv6-icmp` or `icmpv6` (in lower case) → the protocol, without the
    /// model parser's lowercasing and hashing.
    static func ipProtocol(_ text: String) -> IPProtocol? {
        switch text {
        case "tcp": .tcp
        case "udp": .udp
        case "icmp": .icmp
        case "ipv6-icmp", "icmpv6": .icmpv6
        default: nil
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// The decimal number of 1...maxDigits ASCII digits, else nil.
    static func number(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, maxDigits: Int) -> Int? {
        guard !bytes.isEmpty, bytes.count <= maxDigits else { return nil }
        var value = 0
        for byte in bytes {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
