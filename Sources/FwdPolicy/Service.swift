public import FwdModel

/// Traffic of one application: one or more channels (DNS is udp 53 and tcp 53; ping is ICMP and
/// ICMPv6 echo requests).
public struct Service: Hashable, Sendable {
    /// The service's name, as policies name it.
    public var name: String
    /// The channels; a policy allowing the service generates rules for each.
    public var channels: [Channel]
    /// Where the service was defined (the built-in catalogue's are at `<built-in>`).
    public var location: SourceLocation

    /// A service of `channels`.
    public init(_ name: String, channels: [Channel], location: SourceLocation) {
        self.name = name
        self.channels = channels
        self.location = location
    }

    /// A service defined at the caller's position.
    public init(_ name: String, channels: [Channel], file: String = #fileID, line: Int = #line) {
        self.init(name, channels: channels, location: SourceLocation(file: file, line: line))
    }
}

/// One kind of packet a service uses: a protocol with ports, or an ICMP type, and optionally the
/// connection states that count (nil: every state).
public struct Channel: Hashable, Sendable {
    /// The protocol; nil matches every protocol.
    public var proto: IPProtocol?
    /// Source ports (needs a protocol with ports).
    public var sourcePorts: PortList?
    /// Destination ports (needs a protocol with ports).
    public var destinationPorts: PortList?
    /// The ICMP or ICMPv6 type (needs proto icmp or icmpv6).
    public var icmpType: ICMPType?
    /// The connection states matched; nil matches every state.
    public var states: ConnectionStates?

    /// A channel; every part is optional.
    public init(
        proto: IPProtocol? = nil, sport: PortList? = nil, dport: PortList? = nil, icmpType: ICMPType? = nil,
        states: ConnectionStates? = nil
    ) {
        self.proto = proto
        self.sourcePorts = sport
        self.destinationPorts = dport
        self.icmpType = icmpType
        self.states = states
    }

    /// TCP to `ports`.
    public static func tcp(_ ports: PortList) -> Channel { Channel(proto: .tcp, dport: ports) }
    /// UDP to `ports`.
    public static func udp(_ ports: PortList) -> Channel { Channel(proto: .udp, dport: ports) }
    /// ICMP (IPv4) of `type`.
    public static func icmp(_ type: ICMPType) -> Channel { Channel(proto: .icmp, icmpType: type) }
    /// ICMPv6 of `type`.
    public static func icmpv6(_ type: ICMPType) -> Channel { Channel(proto: .icmpv6, icmpType: type) }

    /// The family the channel is tied to (ICMP → IPv4, ICMPv6 → IPv6), nil for both.
    public var family: IPFamily? { proto?.impliedFamily }
}
