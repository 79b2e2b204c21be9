/// Connection-tracking states, as `-m conntrack --ctstate` and nft's `ct state` match them.
public struct ConnectionStates: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// A packet that starts a new connection.
    public static let new = ConnectionStates(rawValue: 1 << 0)
    /// A packet of a connection that has seen traffic both ways.
    public static let established = ConnectionStates(rawValue: 1 << 1)
    /// A packet that starts a connection related to an existing one (FTP data, ICMP errors).
    public static let related = ConnectionStates(rawValue: 1 << 2)
    /// A packet conntrack could not identify.
    public static let invalid = ConnectionStates(rawValue: 1 << 3)
    /// A packet exempted from tracking (raw table `NOTRACK`).
    public static let untracked = ConnectionStates(rawValue: 1 << 4)

    /// Each state with its iptables name, in iptables' order.
    public static let named: [(state: ConnectionStates, name: String)] = [
        (.invalid, "INVALID"), (.new, "NEW"), (.related, "RELATED"), (.established, "ESTABLISHED"),
        (.untracked, "UNTRACKED"),
    ]

    /// Parses `NEW,ESTABLISHED` (any case); nil when a name is unknown.
    public init?(parsing text: some StringProtocol) {
        var states: ConnectionStates = []
        for part in text.split(separator: ",") {
            let name = part.uppercased().trimmingBlanks()
            guard let state = ConnectionStates.named.first(where: { $0.name == name })?.state else { return nil }
            states.insert(state)
        }
        guard !states.isEmpty else { return nil }
        self = states
    }

    /// The states in iptables' order.
    public var names: [String] { ConnectionStates.named.filter { contains($0.state) }.map(\.name) }

    /// `ESTABLISHED,RELATED` style text.
    public var description: String { names.joined(separator: ",") }
}

extension ConnectionStates: ListValue {}
