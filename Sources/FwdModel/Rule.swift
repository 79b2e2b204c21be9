/// One firewall rule: what a packet must match, the ``Target`` it goes to, a comment, and where the
/// rule was written.
///
/// Every match is optional; a rule without any matches every packet. A rule also serves as a
/// template: call it with fields to add or override (see ``callAsFunction(proto:source:destination:inInterface:outInterface:sport:dport:ctstate:icmpType:limit:mark:sets:comment:jump:file:line:)``).
///
/// ```swift
/// let ssh = Rule(proto: .tcp, dport: 22)
/// chain.append(ssh(jump: .accept, source: "10.0.0.0/8", comment: "SSH from admins"))
/// ```
public struct Rule: Hashable, Sendable {
    /// The layer-4 protocol (`-p`).
    public var proto: Negatable<IPProtocol>?
    /// Source addresses (`-s`, or `-m iprange --src-range` for a range).
    public var source: Negatable<AddressList>?
    /// Destination addresses (`-d`, or `--dst-range`).
    public var destination: Negatable<AddressList>?
    /// The interface the packet came in on (`-i`).
    public var inInterface: Negatable<Interface>?
    /// The interface the packet goes out on (`-o`).
    public var outInterface: Negatable<Interface>?
    /// Source ports (`--sport`, or `-m multiport --sports` for a list).
    public var sourcePort: Negatable<PortList>?
    /// Destination ports (`--dport`, or `-m multiport --dports`).
    public var destinationPort: Negatable<PortList>?
    /// Connection-tracking states (`-m conntrack --ctstate`).
    public var connectionState: Negatable<ConnectionStates>?
    /// ICMP or ICMPv6 type (`--icmp-type`, `--icmpv6-type`).
    public var icmpType: Negatable<ICMPType>?
    /// A rate limit (`-m limit`).
    public var limit: RateLimit?
    /// The packet mark (`-m mark --mark`).
    public var mark: Negatable<MarkValue>?
    /// Lookups in named sets of the ruleset (`-m set --match-set`, `ip saddr @name`), all of
    /// which must hold.
    public var setMatches: [SetMatch]
    /// A comment, shown in generated text and stored with the rule in the kernel.
    public var comment: String?
    /// What to do with a matching packet; nil only counts the packet.
    public var target: Target?
    /// Where the rule was written.
    public var location: SourceLocation

    /// A rule with the given matches and target. Every parameter is optional; `file` and `line`
    /// default to the caller's position.
    public init(
        proto: Negatable<IPProtocol>? = nil,
        source: Negatable<AddressList>? = nil,
        destination: Negatable<AddressList>? = nil,
        inInterface: Negatable<Interface>? = nil,
        outInterface: Negatable<Interface>? = nil,
        sport: Negatable<PortList>? = nil,
        dport: Negatable<PortList>? = nil,
        ctstate: Negatable<ConnectionStates>? = nil,
        icmpType: Negatable<ICMPType>? = nil,
        limit: RateLimit? = nil,
        mark: Negatable<MarkValue>? = nil,
        sets: [SetMatch] = [],
        comment: String? = nil,
        jump target: Target? = nil,
        file: String = #fileID,
        line: Int = #line
    ) {
        self.proto = proto
        self.source = source
        self.destination = destination
        self.inInterface = inInterface
        self.outInterface = outInterface
        self.sourcePort = sport
        self.destinationPort = dport
        self.connectionState = ctstate
        self.icmpType = icmpType
        self.limit = limit
        self.mark = mark
        self.setMatches = sets
        self.comment = comment
        self.target = target
        self.location = SourceLocation(file: file, line: line)
    }

    /// A rule with no matches and no target, written at `location` (for loaders that fill in
    /// fields one by one).
    public init(at location: SourceLocation) {
        self.setMatches = []
        self.location = location
    }

    /// The matches this rule sets, in the order iptables-save prints them.
    public var matches: [Match] {
        var matches: [Match] = []
        if let source { matches.append(.source(source)) }
        if let destination { matches.append(.destination(destination)) }
        if let inInterface { matches.append(.inInterface(inInterface)) }
        if let outInterface { matches.append(.outInterface(outInterface)) }
        if let proto { matches.append(.proto(proto)) }
        if let sourcePort { matches.append(.sourcePort(sourcePort)) }
        if let destinationPort { matches.append(.destinationPort(destinationPort)) }
        if let icmpType { matches.append(.icmpType(icmpType)) }
        if let connectionState { matches.append(.connectionState(connectionState)) }
        if let mark { matches.append(.mark(mark)) }
        for setMatch in setMatches { matches.append(.set(setMatch)) }
        if let limit { matches.append(.limit(limit)) }
        if let comment { matches.append(.comment(comment)) }
        return matches
    }
}

/// One match of a rule, for renderers that walk a rule's matches with an exhaustive switch.
public enum Match: Hashable, Sendable {
    case proto(Negatable<IPProtocol>)
    case source(Negatable<AddressList>)
    case destination(Negatable<AddressList>)
    case inInterface(Negatable<Interface>)
    case outInterface(Negatable<Interface>)
    case sourcePort(Negatable<PortList>)
    case destinationPort(Negatable<PortList>)
    case connectionState(Negatable<ConnectionStates>)
    case icmpType(Negatable<ICMPType>)
    case limit(RateLimit)
    case mark(Negatable<MarkValue>)
    case set(SetMatch)
    case comment(String)
}
