/// A layer-4 protocol, by IANA number, with the names iptables and nft use.
public struct IPProtocol: Hashable, Sendable {
    /// The protocol number (0...255), or -1 for a name that is not known.
    public let number: Int
    /// The text as written, when it was not a known name or a number.
    public let unknownName: String?

    /// The protocol with IANA number `number`.
    public init(number: Int) {
        self.number = number
        self.unknownName = nil
    }

    private init(unknown name: String) {
        self.number = -1
        self.unknownName = name
    }

    /// Parses a protocol name (`tcp`, `ipv6-icmp`) or number (`6`); unknown names are kept for
    /// validation to report.
    public init(parsing text: some StringProtocol) {
        let lowered = text.lowercased()
        if let number = IPProtocol.numbersByName[lowered] {
            self.init(number: number)
        } else if !lowered.isEmpty, lowered.count <= 3, lowered.allSatisfy(\.isASCIIDigit), let number = Int(lowered) {
            self.init(number: number)
        } else {
            self.init(unknown: String(text))
        }
    }

    /// TCP (6).
    public static let tcp = IPProtocol(number: 6)
    /// UDP (17).
    public static let udp = IPProtocol(number: 17)
    /// ICMP for IPv4 (1).
    public static let icmp = IPProtocol(number: 1)
    /// ICMPv6 (58); iptables calls it `ipv6-icmp`.
    public static let icmpv6 = IPProtocol(number: 58)
    /// SCTP (132).
    public static let sctp = IPProtocol(number: 132)
    /// UDP-Lite (136).
    public static let udplite = IPProtocol(number: 136)
    /// DCCP (33).
    public static let dccp = IPProtocol(number: 33)
    /// ESP (50).
    public static let esp = IPProtocol(number: 50)
    /// AH (51).
    public static let ah = IPProtocol(number: 51)
    /// GRE (47).
    public static let gre = IPProtocol(number: 47)

    /// The names fwd accepts, with their numbers; the first name for a number is its canonical one.
    public static let names: [(name: String, number: Int)] = [
        ("tcp", 6), ("udp", 17), ("icmp", 1), ("icmpv6", 58), ("ipv6-icmp", 58), ("sctp", 132),
        ("udplite", 136), ("dccp", 33), ("esp", 50), ("ah", 51), ("gre", 47), ("igmp", 2),
        ("ipip", 4), ("ipv6", 41), ("ospf", 89), ("vrrp", 112), ("l2tp", 115),
    ]

    static let numbersByName: [String: Int] = Dictionary(names.map { ($0.name, $0.number) }, uniquingKeysWith: { a, _ in a })

    /// The canonical name (`tcp`, `icmpv6`), or nil when the number has none.
    public var name: String? {
        IPProtocol.names.first(where: { $0.number == number })?.name
    }

    /// Whether the protocol carries ports that `sport`/`dport` can match.
    public var hasPorts: Bool {
        switch number {
        case 6, 17, 132, 136, 33: true
        default: false
        }
    }

    /// The family an ICMP protocol implies (ICMP → IPv4, ICMPv6 → IPv6), nil for others.
    public var impliedFamily: IPFamily? {
        switch number {
        case 1: .ipv4
        case 58: .ipv6
        default: nil
        }
    }

    /// Whether this is a known protocol.
    public var isValid: Bool { (0...255).contains(number) }
}

extension IPProtocol: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) { self.init(parsing: text) }
}

extension IPProtocol: CustomStringConvertible {
    public var description: String { unknownName ?? name ?? String(number) }
}

extension Negatable where Value == IPProtocol {
    // So that `proto: .tcp` reads as it does for a plain IPProtocol.
    /// TCP.
    public static var tcp: Negatable { Negatable(.tcp) }
    /// UDP.
    public static var udp: Negatable { Negatable(.udp) }
    /// ICMP (IPv4).
    public static var icmp: Negatable { Negatable(.icmp) }
    /// ICMPv6.
    public static var icmpv6: Negatable { Negatable(.icmpv6) }
    /// SCTP.
    public static var sctp: Negatable { Negatable(.sctp) }
    /// UDP-Lite.
    public static var udplite: Negatable { Negatable(.udplite) }
    /// DCCP.
    public static var dccp: Negatable { Negatable(.dccp) }
    /// ESP.
    public static var esp: Negatable { Negatable(.esp) }
    /// AH.
    public static var ah: Negatable { Negatable(.ah) }
    /// GRE.
    public static var gre: Negatable { Negatable(.gre) }
}
