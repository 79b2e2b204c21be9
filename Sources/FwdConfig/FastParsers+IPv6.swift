import FwdModel

extension FastParsers {
    /// An IPv4 or IPv6 host or network (`10.0.0.0/8`, `fd00::1`, `fd00::/8`) → the model's
    /// address; nil for anything else (ranges, blanks), which the model's parser then decides.
    static func address(_ text: String) -> AddressSpec? {
        ipv4Network(text) ?? ipv6Network(text)
    }

    /// `fd00::1` or `2001:db8::/32` (any RFC 4291 text form, `::ffff:10.0.0.1` too) → the
    /// model's network, masked as the model masks it.
    static func ipv6Network(_ text: String) -> AddressSpec? {
        text.utf8.withContiguousStorageIfAvailable { bytes -> AddressSpec? in
            let slash = bytes.firstIndex(of: UInt8(ascii: "/")) ?? bytes.count
            guard let value = ipv6(bytes[..<slash]) else { return nil }
            let address = IPAddress.v6(
                high: UInt64(truncatingIfNeeded: value >> 64), low: UInt64(truncatingIfNeeded: value))
            if slash == bytes.count { return .host(address) }
            guard let length = number(bytes[(slash + 1)...], maxDigits: 3), length <= 128 else { return nil }
            return .network(address.masked(to: length), prefixLength: length)
        } ?? nil
    }

    /// The 128 bits of an IPv6 address: groups of 1–4 hexadecimal digits separated by `:`, at
    /// most one `::` standing for the missing groups, optionally ending in a dotted IPv4 address.
    private static func ipv6(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> UInt128? {
        guard bytes.count >= 2, bytes.count <= 45 else { return nil }
        var head: UInt128 = 0, headGroups = 0
        var tail: UInt128 = 0, tailGroups = 0
        var sawGap = false
        var index = bytes.startIndex
        let end = bytes.endIndex
        if bytes[index] == UInt8(ascii: ":") {
            guard bytes[index + 1] == UInt8(ascii: ":") else { return nil }
            sawGap = true
            index += 2
        }
        while index < end {
            var digitsEnd = index
            var group: UInt128 = 0
            while digitsEnd < end, digitsEnd - index <= 4, let digit = hexValue(bytes[digitsEnd]) {
                group = group << 4 | UInt128(digit)
                digitsEnd += 1
            }
            var groups = 1
            if digitsEnd < end, bytes[digitsEnd] == UInt8(ascii: ".") {
                // A dotted IPv4 address ends the text and stands for two groups.
                guard let v4 = ipv4(bytes[index...]) else { return nil }
                group = UInt128(v4)
                groups = 2
                digitsEnd = end
            } else {
                guard (1...4).contains(digitsEnd - index) else { return nil }
            }
            if sawGap {
                tail = tail << (16 * groups) | group
                tailGroups += groups
            } else {
                head = head << (16 * groups) | group
                headGroups += groups
            }
            guard headGroups + tailGroups <= 8 else { return nil }
            index = digitsEnd
            guard index < end else { break }
            guard bytes[index] == UInt8(ascii: ":"), index + 1 < end else { return nil }
            if bytes[index + 1] == UInt8(ascii: ":") {
                guard !sawGap else { return nil }
                sawGap = true
                index += 2
            } else {
                index += 1
            }
        }
        if sawGap {
            guard headGroups + tailGroups <= 7 else { return nil }
            return headGroups == 0 ? tail : head << (16 * (8 - headGroups)) | tail
        }
        return headGroups == 8 ? head : nil
    }

    /// A dotted quad of 1–3 digit octets up to 255 filling all of `bytes`.
    private static func ipv4(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> UInt32? {
        var value: UInt32 = 0
        var start = bytes.startIndex
        for octetIndex in 0..<4 {
            var end = start
            while end < bytes.endIndex, bytes[end] != UInt8(ascii: ".") { end += 1 }
            guard let octet = number(bytes[start..<end], maxDigits: 3), octet <= 255 else { return nil }
            value = value << 8 | UInt32(octet)
            if octetIndex < 3 {
                guard end < bytes.endIndex else { return nil }
                start = end + 1
            } else {
                guard end == bytes.endIndex else { return nil }
            }
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
