/// One address match: a host, a CIDR network, or an inclusive range `a-b`.
///
/// Text that does not parse is kept as ``invalid(text:reason:)`` so that validation can report it
/// with the rule's location instead of failing where the rule is built.
public enum AddressSpec: Hashable, Sendable {
    /// A network: an address and a prefix length (a host is a full-length prefix).
    case network(IPAddress, prefixLength: Int)
    /// An inclusive range of addresses of one family.
    case range(IPAddress, IPAddress)
    /// Text that is not an address, with the reason.
    case invalid(text: String, reason: String)

    /// A single host.
    public static func host(_ address: IPAddress) -> AddressSpec {
        .network(address, prefixLength: address.bitWidth)
    }

    /// Parses `10.0.0.1`, `10.0.0.0/8`, `fd00::/8`, `10.0.0.1-10.0.0.9`; bits after the prefix are
    /// cleared, as the kernel would.
    public init(parsing rawText: some StringProtocol) {
        let text = String(rawText).trimmingBlanks()
        if let slash = text.firstIndex(of: "/") {
            let addressText = text[..<slash]
            let prefixText = text[text.index(after: slash)...]
            guard let address = IPAddress(addressText) else {
                self = .invalid(text: text, reason: "'\(addressText)' is not an IPv4 or IPv6 address")
                return
            }
            guard !prefixText.isEmpty, prefixText.allSatisfy(\.isASCIIDigit), prefixText.count <= 3,
                let length = Int(prefixText), length <= address.bitWidth
            else {
                self = .invalid(
                    text: text, reason: "prefix length '\(prefixText)' is not 0...\(address.bitWidth)")
                return
            }
            self = .network(address.masked(to: length), prefixLength: length)
        } else if let dash = text.firstIndex(of: "-") {
            let lowText = text[..<dash]
            let highText = text[text.index(after: dash)...]
            guard let low = IPAddress(lowText), let high = IPAddress(highText) else {
                self = .invalid(text: text, reason: "'\(text)' is not an address range a-b")
                return
            }
            guard low.family == high.family else {
                self = .invalid(text: text, reason: "range '\(text)' mixes IPv4 and IPv6")
                return
            }
            guard low <= high else {
                self = .invalid(text: text, reason: "range '\(text)' ends before it starts")
                return
            }
            self = .range(low, high)
        } else if let address = IPAddress(text) {
            self = .host(address)
        } else {
            self = .invalid(text: text, reason: "'\(text)' is not an IPv4 or IPv6 address")
        }
    }

    /// The family, or nil for invalid text.
    public var family: IPFamily? {
        switch self {
        case .network(let address, _): address.family
        case .range(let low, _): low.family
        case .invalid: nil
        }
    }

    /// Whether this is a single host address.
    public var isHost: Bool {
        if case .network(let address, let length) = self { return length == address.bitWidth }
        return false
    }
}

extension AddressSpec: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) { self.init(parsing: text) }
}

extension AddressSpec: CustomStringConvertible {
    /// `10.0.0.1`, `10.0.0.0/8` or `10.0.0.1-10.0.0.9`, as iptables and nft write them.
    public var description: String {
        switch self {
        case .network(let address, let length):
            length == address.bitWidth ? address.description : "\(address)/\(length)"
        case .range(let low, let high): "\(low)-\(high)"
        case .invalid(let text, _): text
        }
    }
}

/// One or more address matches; a rule with several expands to one iptables rule per address.
public struct AddressList: Hashable, Sendable, ListValue {
    /// The addresses, in the order written.
    public var addresses: [AddressSpec]

    /// A list of the given addresses.
    public init(_ addresses: [AddressSpec]) { self.addresses = addresses }

    public init(arrayLiteral elements: AddressSpec...) { self.init(elements) }

    /// The families of the addresses (an empty set when the list has only invalid text).
    public var families: Set<IPFamily> { Set(addresses.compactMap(\.family)) }
}

extension AddressList: ExpressibleByStringLiteral {
    /// One address, or several separated by commas (`"10.0.0.1,10.0.0.2"`).
    public init(stringLiteral text: String) {
        self.init(text.split(separator: ",").map { AddressSpec(parsing: $0) })
    }
}

extension AddressList: CustomStringConvertible {
    public var description: String { addresses.map(\.description).joined(separator: ",") }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingBlanks() -> String {
        let isText: (UInt8) -> Bool = { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
        guard let first = utf8.firstIndex(where: isText), let last = utf8.lastIndex(where: isText) else { return "" }
        if first == startIndex, utf8.index(after: last) == endIndex { return self }
        return String(self[first...last])
    }
}
