/// A packet to evaluate against a ruleset: what a lockout check or a "would this pass?" question
/// knows about it. Fields left nil are unknown, and rules that look at them cannot be decided.
public struct PacketDescription: Hashable, Sendable {
    /// The layer-4 protocol.
    public var proto: IPProtocol
    /// The source address.
    public private(set) var source: IPAddress
    /// The destination address (same family as the source).
    public private(set) var destination: IPAddress
    /// The source port, for protocols with ports.
    public var sourcePort: Int?
    /// The destination port, for protocols with ports.
    public var destinationPort: Int?
    /// The interface the packet came in on; nil when unknown (or for locally generated packets).
    public var inInterface: String?
    /// The interface the packet leaves by; nil when unknown (or for packets delivered locally).
    public var outInterface: String?
    /// The packet's connection-tracking state (one state, such as `.established`).
    public var connectionState: ConnectionStates
    /// The packet mark; nil when unknown.
    public var mark: UInt32?
    /// The ICMP or ICMPv6 type and code, for ICMP packets; nil when unknown or not ICMP.
    public var icmpMessage: ICMPMessage?

    /// An ICMP message type and code.
    public struct ICMPMessage: Hashable, Sendable {
        /// The message type.
        public var type: UInt8
        /// The message code.
        public var code: UInt8

        /// The message `type`/`code`.
        public init(type: UInt8, code: UInt8) {
            self.type = type
            self.code = code
        }
    }

    /// A packet from `source` to `destination`; nil when the two addresses are of different
    /// families.
    public init?(
        proto: IPProtocol, source: IPAddress, destination: IPAddress, sourcePort: Int? = nil,
        destinationPort: Int? = nil, inInterface: String? = nil, outInterface: String? = nil,
        connectionState: ConnectionStates, mark: UInt32? = nil, icmpMessage: ICMPMessage? = nil
    ) {
        guard source.family == destination.family else { return nil }
        self.proto = proto
        self.source = source
        self.destination = destination
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.inInterface = inInterface
        self.outInterface = outInterface
        self.connectionState = connectionState
        self.mark = mark
        self.icmpMessage = icmpMessage
    }

    /// The packet's family.
    public var family: IPFamily { source.family }

    /// The packet travelling the other way: addresses, ports and interfaces swapped.
    public var reply: PacketDescription {
        var reply = self
        reply.source = destination
        reply.destination = source
        reply.sourcePort = destinationPort
        reply.destinationPort = sourcePort
        reply.inInterface = outInterface
        reply.outInterface = inInterface
        return reply
    }
}

extension PacketDescription: CustomStringConvertible {
    /// `tcp 10.0.0.1:50000 → 10.0.0.2:22 ESTABLISHED`.
    public var description: String {
        func endpoint(_ address: IPAddress, _ port: Int?) -> String {
            guard let port else { return address.description }
            return address.family == .ipv6 ? "[\(address)]:\(port)" : "\(address):\(port)"
        }
        return "\(proto) \(endpoint(source, sourcePort)) → \(endpoint(destination, destinationPort))"
            + " \(connectionState)"
    }
}
