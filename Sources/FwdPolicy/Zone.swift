public import FwdModel

/// A part of the network, as the firewall sees it: the interfaces its packets use, and
/// optionally the addresses (or a named set of addresses) its hosts have.
///
/// Two zones are built in: ``host`` (the firewall itself, also called `self`) and ``any`` (every
/// interface and address).
public struct Zone: Hashable, Sendable {
    /// The zone's name, as policies name it.
    public var name: String
    /// The interfaces of the zone (`eth1`, `wg+`); empty means every interface.
    public var interfaces: [Interface]
    /// The addresses of the zone's hosts; nil means any address (only the interface counts).
    public var addresses: AddressList?
    /// A named set of the ruleset holding the zone's hosts, instead of or besides `addresses`.
    public var addressSet: SetReference?
    /// Where the zone was defined.
    public var location: SourceLocation

    /// A zone of `interfaces`, optionally limited to `addresses` or the hosts of `addressSet`.
    public init(
        _ name: String, interfaces: [Interface], addresses: AddressList? = nil, addressSet: SetReference? = nil,
        location: SourceLocation
    ) {
        self.name = name
        self.interfaces = interfaces
        self.addresses = addresses
        self.addressSet = addressSet
        self.location = location
    }

    /// A zone defined at the caller's position.
    public init(
        _ name: String, interfaces: [Interface], addresses: AddressList? = nil, addressSet: SetReference? = nil,
        file: String = #fileID, line: Int = #line
    ) {
        self.init(name, interfaces: interfaces, addresses: addresses, addressSet: addressSet,
            location: SourceLocation(file: file, line: line))
    }

    /// The zone of every interface and address, called `any`.
    public static let any = Zone("any", interfaces: [], location: SourceLocation(file: "<built-in>", line: 0))

    /// The names that mean the firewall host itself in a policy: `host` and `self`.
    public static let hostNames = ["host", "self"]

    /// Names no zone may take: the built-in zones.
    public static let reservedNames = hostNames + ["any"]
}

/// A named set of the ruleset, as a zone or policy refers to it: its name and element type.
public struct SetReference: Hashable, Sendable, CustomStringConvertible {
    /// The set's name.
    public var name: String
    /// What the set holds (an address type, for zones and policies).
    public var type: SetElementType

    /// A reference to the set `name` of `type`.
    public init(_ name: String, type: SetElementType) {
        self.name = name
        self.type = type
    }

    /// A reference to `set`.
    public init(_ set: NamedSet) { self.init(set.name, type: set.type) }

    /// `@name`.
    public var description: String { "@\(name)" }
}

/// One side of a policy: the firewall host itself, or a zone.
public enum PolicyEndpoint: Hashable, Sendable, CustomStringConvertible {
    /// The firewall itself: traffic to it goes through INPUT, traffic from it through OUTPUT.
    case host
    /// A zone: traffic between two zones goes through FORWARD.
    case zone(Zone)

    /// The zone's name, or `host`.
    public var description: String {
        switch self {
        case .host: "host"
        case .zone(let zone): zone.name
        }
    }
}
