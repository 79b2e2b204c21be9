/// An IP family: which of `iptables` and `ip6tables` (or `ip` and `ip6` in nftables) a rule belongs to.
public enum IPFamily: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// IPv4. The corresponding C constant is `NFPROTO_IPV4`.
    case ipv4
    /// IPv6. The corresponding C constant is `NFPROTO_IPV6`.
    case ipv6

    public var description: String { self == .ipv4 ? "IPv4" : "IPv6" }
}

/// The families a rule applies to.
public struct IPFamilies: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// IPv4 only.
    public static let ipv4 = IPFamilies(rawValue: 1)
    /// IPv6 only.
    public static let ipv6 = IPFamilies(rawValue: 2)
    /// Both families: a rule with nothing family-specific.
    public static let both: IPFamilies = [.ipv4, .ipv6]

    /// Whether the set holds `family`.
    public func contains(_ family: IPFamily) -> Bool {
        contains(IPFamilies(family))
    }

    /// The set holding just `family`.
    public init(_ family: IPFamily) { self = family == .ipv4 ? .ipv4 : .ipv6 }
}
