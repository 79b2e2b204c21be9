/// Addresses as nft prints them (glibc's `inet_ntop`).
enum AddressText {
    /// Dotted quad when `width` is 4, IPv6 text when it is 16; shorter `bytes` (the leading bytes
    /// of a network) are zero-padded.
    static func address(_ bytes: [UInt8], width: Int) -> String {
        let padded = Array(bytes.prefix(width)) + Array(repeating: 0, count: max(0, width - bytes.count))
        return width == 16 ? ipv6(padded) : padded.map(String.init).joined(separator: ".")
    }

    /// An address of 4 or 16 bytes.
    static func address(_ bytes: [UInt8]) -> String { address(bytes, width: bytes.count > 4 ? 16 : 4) }

    /// glibc's IPv6 text: the first longest run of two or more zero groups becomes `::`, and an
    /// address whose first 96 bits are zero (or `::ffff:0:0/96`) ends in dotted quad.
    private static func ipv6(_ bytes: [UInt8]) -> String {
        let words = (0..<8).map { UInt16(bytes[2 * $0]) << 8 | UInt16(bytes[2 * $0 + 1]) }
        var best: (start: Int, length: Int)? = nil
        var run: (start: Int, length: Int)? = nil
        for (index, word) in words.enumerated() {
            if word == 0 {
                run = run.map { ($0.start, $0.length + 1) } ?? (index, 1)
                if let current = run, current.length > (best?.length ?? 0) { best = current }
            } else {
                run = nil
            }
        }
        if let current = best, current.length < 2 { best = nil }
        var text = ""
        var index = 0
        while index < 8 {
            if let best, index == best.start {
                text += "::"
                index += best.length
                continue
            }
            if !text.isEmpty, !text.hasSuffix(":") { text += ":" }
            if index == 6, let best, best.start == 0,
                best.length == 6 || (best.length == 5 && words[5] == 0xffff)
            {
                text += bytes[12...15].map(String.init).joined(separator: ".")
                break
            }
            text += String(words[index], radix: 16)
            index += 1
        }
        return text
    }
}
