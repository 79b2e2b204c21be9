/// A port or an inclusive port range. Values are kept as written so that validation can report
/// one out of 0...65535.
public struct PortRange: Hashable, Sendable, ExpressibleByIntegerLiteral {
    /// The first port.
    public var lower: Int
    /// The last port (equal to `lower` for a single port).
    public var upper: Int

    /// The ports `lower` through `upper`.
    public init(_ lower: Int, _ upper: Int) {
        self.lower = lower
        self.upper = upper
    }

    /// A single port.
    public init(_ port: Int) { self.init(port, port) }

    /// The ports of a closed range: `8000...8100`.
    public init(_ range: ClosedRange<Int>) { self.init(range.lowerBound, range.upperBound) }

    public init(integerLiteral port: Int) { self.init(port) }

    /// A port range `lower...upper`.
    public static func range(_ lower: Int, _ upper: Int) -> PortRange { PortRange(lower, upper) }

    /// Whether this is one port.
    public var isSingle: Bool { lower == upper }

    /// Parses `80`, `8000-8100` or `8000:8100`; nil for anything else.
    public init?(parsing text: some StringProtocol) {
        let parts = text.split(maxSplits: 1, whereSeparator: { $0 == "-" || $0 == ":" })
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.count <= 6 && $0.allSatisfy(\.isASCIIDigit) }),
            let lower = Int(parts[0]), let upper = Int(parts.last!)
        else { return nil }
        if parts.count == 1, text.contains(where: { $0 == "-" || $0 == ":" }) { return nil }
        self.init(lower, upper)
    }
}

extension PortRange: CustomStringConvertible {
    /// `80` or `8000-8100`.
    public var description: String { isSingle ? "\(lower)" : "\(lower)-\(upper)" }
}

/// One or more ports and port ranges.
public struct PortList: Hashable, Sendable, ListValue, ExpressibleByIntegerLiteral {
    /// The ports and ranges, in the order written.
    public var ranges: [PortRange]

    /// A list of the given ports and ranges.
    public init(_ ranges: [PortRange]) { self.ranges = ranges }

    public init(arrayLiteral elements: PortRange...) { self.init(elements) }

    public init(integerLiteral port: Int) { self.init([PortRange(port)]) }

    /// Whether the list is one port or one range (no multiport needed).
    public var isSingle: Bool { ranges.count == 1 }
}

extension PortList: CustomStringConvertible {
    public var description: String { ranges.map(\.description).joined(separator: ",") }
}
