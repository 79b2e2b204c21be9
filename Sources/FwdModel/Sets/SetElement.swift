/// What the elements of a ``NamedSet`` are: IPv4 addresses, IPv6 addresses or ports. A set holds
/// one kind, as an nftables set (one key type) and an ipset (one family) do.
public enum SetElementType: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// IPv4 hosts, networks and ranges.
    case ipv4
    /// IPv6 hosts, networks and ranges.
    case ipv6
    /// Ports and port ranges (matched with a protocol that has ports).
    case port

    /// The family of an address type; nil for ports, which both families share.
    public var family: IPFamily? {
        switch self {
        case .ipv4: .ipv4
        case .ipv6: .ipv6
        case .port: nil
        }
    }

    /// The type holding addresses of `family`.
    public init(_ family: IPFamily) { self = family == .ipv4 ? .ipv4 : .ipv6 }

    /// `ipv4`, `ipv6` or `port`, as the config writes it.
    public var description: String { rawValue }
}

/// One element of a ``NamedSet``: an address (host, network or range) or a port (or range).
///
/// Literals read `"10.0.0.0/8"`, `"fd00::1"` and `"10.0.0.1-10.0.0.9"` as addresses and `80` or
/// `"8000-8100"` as ports.
public enum SetElement: Hashable, Sendable {
    /// A host, network or range of addresses.
    case address(AddressSpec)
    /// A port or an inclusive port range.
    case port(PortRange)

    /// Parses `text` as an element of a set of `type`; an address that does not parse is kept as
    /// ``AddressSpec/invalid(text:reason:)`` and a bad port as nil.
    public init?(parsing text: some StringProtocol, as type: SetElementType) {
        switch type {
        case .ipv4, .ipv6:
            self = .address(AddressSpec(parsing: text))
        case .port:
            guard let range = PortRange(parsing: text) else { return nil }
            self = .port(range)
        }
    }

    /// The type this element belongs to; nil for address text that does not parse.
    public var type: SetElementType? {
        switch self {
        case .address(let address): address.family.map(SetElementType.init)
        case .port: .port
        }
    }

    /// Whether the element is more than one key (a network, an address range or a port range),
    /// which needs a set that takes intervals.
    public var isInterval: Bool {
        switch self {
        case .address(let address): !address.isHost
        case .port(let range): !range.isSingle
        }
    }

    /// Why the element cannot belong to a set of `type`, or nil when it can.
    public func problem(in type: SetElementType) -> String? {
        switch self {
        case .address(.invalid(_, let reason)):
            return reason
        case .address(let address):
            if type == .port { return "'\(address)' is an address, and the set holds ports" }
            if address.family != type.family {
                return "'\(address)' is \(address.family.map(\.description) ?? "?"), and the set holds \(type.family.map(\.description) ?? "ports") addresses"
            }
            return nil
        case .port(let range):
            if type != .port { return "'\(range)' is a port, and the set holds \(type.family.map(\.description) ?? "") addresses" }
            if !(0...65535).contains(range.lower) || !(0...65535).contains(range.upper) {
                return "port \(range) is out of range 0...65535"
            }
            if range.lower > range.upper { return "port range \(range) ends before it starts" }
            return nil
        }
    }
}

extension SetElement: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    /// A port (`"8000-8100"`) when the text is digits, else an address.
    public init(stringLiteral text: String) {
        if let range = PortRange(parsing: text) {
            self = .port(range)
        } else {
            self = .address(AddressSpec(parsing: text))
        }
    }

    /// A port.
    public init(integerLiteral port: Int) { self = .port(PortRange(port)) }
}

extension SetElement: CustomStringConvertible {
    /// `10.0.0.0/8`, `fd00::1`, `80` or `8000-8100`.
    public var description: String {
        switch self {
        case .address(let address): address.description
        case .port(let range): range.description
        }
    }
}
