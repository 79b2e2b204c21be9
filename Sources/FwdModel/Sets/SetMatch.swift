/// A match on a ``NamedSet``: the packet's source or destination address, or its source or
/// destination port, is (or, negated, is not) in the set (`source: @blocklist`,
/// `dport: "!@webports"` in the config).
///
/// The match carries the set's element type, so that a rule knows its family (a match on an IPv4
/// set makes the rule IPv4-only) without the ruleset; ``Ruleset/validate()`` checks that the set
/// exists with that type.
public struct SetMatch: Hashable, Sendable, CustomStringConvertible {
    /// Which field of the packet is looked up.
    public enum Field: String, Hashable, Sendable, CaseIterable {
        /// The source address (`-m set --match-set NAME src`, `ip saddr @NAME`).
        case source
        /// The destination address.
        case destination
        /// The source port (needs a protocol with ports).
        case sourcePort
        /// The destination port (needs a protocol with ports).
        case destinationPort

        /// Whether the field is a port (the set must hold ports) rather than an address.
        public var isPort: Bool { self == .sourcePort || self == .destinationPort }

        /// Whether the field is on the source side (ipset's `src` direction).
        public var isSource: Bool { self == .source || self == .sourcePort }

        /// The config key that writes this match: `source`, `destination`, `sport` or `dport`.
        public var key: String {
            switch self {
            case .source: "source"
            case .destination: "destination"
            case .sourcePort: "sport"
            case .destinationPort: "dport"
            }
        }
    }

    /// The field looked up.
    public var field: Field
    /// The set's name.
    public var set: String
    /// The set's element type.
    public var type: SetElementType
    /// Whether the match holds when the field is *not* in the set.
    public var isNegated: Bool

    /// A match of `field` in the set called `set`, of `type`.
    public init(_ field: Field, set: String, type: SetElementType, negated: Bool = false) {
        self.field = field
        self.set = set
        self.type = type
        self.isNegated = negated
    }

    /// The source address is in `set`.
    public static func source(in set: NamedSet, negated: Bool = false) -> SetMatch {
        SetMatch(.source, set: set.name, type: set.type, negated: negated)
    }

    /// The destination address is in `set`.
    public static func destination(in set: NamedSet, negated: Bool = false) -> SetMatch {
        SetMatch(.destination, set: set.name, type: set.type, negated: negated)
    }

    /// The source port is in `set`.
    public static func sourcePort(in set: NamedSet, negated: Bool = false) -> SetMatch {
        SetMatch(.sourcePort, set: set.name, type: set.type, negated: negated)
    }

    /// The destination port is in `set`.
    public static func destinationPort(in set: NamedSet, negated: Bool = false) -> SetMatch {
        SetMatch(.destinationPort, set: set.name, type: set.type, negated: negated)
    }

    /// `source: @blocklist`, `dport: !@web`.
    public var description: String { "\(field.key) \(isNegated ? "!" : "")@\(set)" }
}
