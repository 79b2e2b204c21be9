/// An ICMP or ICMPv6 message type (and optionally code), by name or number.
///
/// Names are resolved against the rule's family: `echo-request` is type 8 for ICMP and 128 for
/// ICMPv6. A name unknown to a family is reported by validation.
public struct ICMPType: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The text as written: a name (`echo-request`), a number (`8`) or `type/code` (`3/4`).
    public var text: String

    /// The ICMP type called or numbered `text`.
    public init(_ text: String) { self.text = text.lowercased() }

    public init(stringLiteral text: String) { self.init(text) }

    /// Echo request (ping).
    public static let echoRequest = ICMPType("echo-request")
    /// Echo reply.
    public static let echoReply = ICMPType("echo-reply")
    /// Destination unreachable.
    public static let destinationUnreachable = ICMPType("destination-unreachable")
    /// Time exceeded.
    public static let timeExceeded = ICMPType("time-exceeded")

    /// The numeric type and code (nil code: any) for `family`, or nil when the text names no
    /// message of that family.
    public func resolved(for family: IPFamily) -> (type: UInt8, code: UInt8?)? {
        if let numeric = numericValue { return numeric }
        return (family == .ipv4 ? ICMPType.ipv4ByName : ICMPType.ipv6ByName)[text]
    }

    /// The names of each family for lookups (the first of a name counts, as in the lists).
    private static let ipv4ByName = byName(ipv4Names)
    private static let ipv6ByName = byName(ipv6Names)

    private static func byName(
        _ names: [(name: String, type: UInt8, code: UInt8?)]
    ) -> [String: (type: UInt8, code: UInt8?)] {
        Dictionary(names.map { ($0.name, ($0.type, $0.code)) }, uniquingKeysWith: { first, _ in first })
    }

    private var numericValue: (type: UInt8, code: UInt8?)? {
        guard let first = text.utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { return nil }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
            parts.allSatisfy({ (1...3).contains($0.count) && $0.allSatisfy(\.isASCIIDigit) }),
            let type = UInt8(parts[0])
        else { return nil }
        if parts.count == 2 {
            guard let code = UInt8(parts[1]) else { return nil }
            return (type, code)
        }
        return (type, nil)
    }

    /// The canonical name of `type`/`code` in `family` (as iptables-save prints it), if it has one.
    public static func name(type: UInt8, code: UInt8?, family: IPFamily) -> String? {
        let table = family == .ipv4 ? ipv4Names : ipv6Names
        return table.first(where: { $0.type == type && $0.code == code })?.name
    }

    public var description: String { text }

    /// ICMP names, as iptables knows them.
    public static let ipv4Names: [(name: String, type: UInt8, code: UInt8?)] = [
        ("echo-reply", 0, nil), ("destination-unreachable", 3, nil), ("network-unreachable", 3, 0),
        ("host-unreachable", 3, 1), ("protocol-unreachable", 3, 2), ("port-unreachable", 3, 3),
        ("fragmentation-needed", 3, 4), ("source-route-failed", 3, 5), ("network-unknown", 3, 6),
        ("host-unknown", 3, 7), ("network-prohibited", 3, 9), ("host-prohibited", 3, 10),
        ("tos-network-unreachable", 3, 11), ("tos-host-unreachable", 3, 12),
        ("communication-prohibited", 3, 13), ("host-precedence-violation", 3, 14),
        ("precedence-cutoff", 3, 15), ("source-quench", 4, nil), ("redirect", 5, nil),
        ("network-redirect", 5, 0), ("host-redirect", 5, 1), ("tos-network-redirect", 5, 2),
        ("tos-host-redirect", 5, 3), ("echo-request", 8, nil), ("router-advertisement", 9, nil),
        ("router-solicitation", 10, nil), ("time-exceeded", 11, nil), ("ttl-zero-during-transit", 11, 0),
        ("ttl-zero-during-reassembly", 11, 1), ("parameter-problem", 12, nil), ("ip-header-bad", 12, 0),
        ("required-option-missing", 12, 1), ("timestamp-request", 13, nil), ("timestamp-reply", 14, nil),
        ("address-mask-request", 17, nil), ("address-mask-reply", 18, nil),
    ]

    /// ICMPv6 names, as ip6tables knows them.
    public static let ipv6Names: [(name: String, type: UInt8, code: UInt8?)] = [
        ("destination-unreachable", 1, nil), ("no-route", 1, 0), ("communication-prohibited", 1, 1),
        ("beyond-scope", 1, 2), ("address-unreachable", 1, 3), ("port-unreachable", 1, 4),
        ("failed-policy", 1, 5), ("reject-route", 1, 6), ("packet-too-big", 2, nil),
        ("time-exceeded", 3, nil), ("ttl-zero-during-transit", 3, 0), ("ttl-zero-during-reassembly", 3, 1),
        ("parameter-problem", 4, nil), ("bad-header", 4, 0), ("unknown-header-type", 4, 1),
        ("unknown-option", 4, 2), ("echo-request", 128, nil), ("echo-reply", 129, nil),
        ("mld-listener-query", 130, nil), ("mld-listener-report", 131, nil), ("mld-listener-done", 132, nil),
        ("router-solicitation", 133, nil), ("router-advertisement", 134, nil),
        ("neighbour-solicitation", 135, nil), ("neighbour-advertisement", 136, nil), ("redirect", 137, nil),
    ]
}
