/// A packet mark (`skb->mark`) value with an optional mask, as `--mark 0x1/0xff` writes it.
public struct MarkValue: Hashable, Sendable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The mark bits.
    public var value: UInt32
    /// The bits that count; nil means all 32.
    public var mask: UInt32?

    /// The mark `value`, comparing or setting only the bits of `mask`.
    public init(_ value: UInt32, mask: UInt32? = nil) {
        self.value = value
        self.mask = mask
    }

    public init(integerLiteral value: UInt32) { self.init(value) }

    /// Parses `0x10`, `16` or `0x10/0xff`; nil for anything else.
    public init?(parsing text: some StringProtocol) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let value = MarkValue.parseNumber(Substring(parts[0])) else { return nil }
        if parts.count == 2 {
            guard let mask = MarkValue.parseNumber(Substring(parts[1])) else { return nil }
            self.init(value, mask: mask)
        } else {
            self.init(value)
        }
    }

    private static func parseNumber(_ text: Substring) -> UInt32? {
        let lowered = text.lowercased()
        if lowered.hasPrefix("0x") {
            let digits = lowered.dropFirst(2)
            guard digits.allSatisfy(\.isHexDigit) else { return nil }
            return UInt32(digits, radix: 16)
        }
        guard lowered.allSatisfy(\.isASCIIDigit) else { return nil }
        return UInt32(lowered)
    }

    /// The effective mask (all ones when none was given).
    public var effectiveMask: UInt32 { mask ?? .max }

    /// `0x1` or `0x1/0xff`.
    public var description: String {
        let hex = "0x" + String(value, radix: 16)
        return mask.map { "\(hex)/0x\(String($0, radix: 16))" } ?? hex
    }
}
