// Small Swift types for the nf_tables values fwd sends. Each names the C constant it stands for,
// so that the netlink module can map it without this module seeing any C.

/// An nftables table family.
public enum NftFamily: UInt8, Hashable, Sendable {
    /// IPv4 and IPv6 in one table. The corresponding C constant is `NFPROTO_INET`.
    case inet = 1
    /// IPv4 only. The corresponding C constant is `NFPROTO_IPV4`.
    case ip = 2
    /// IPv6 only. The corresponding C constant is `NFPROTO_IPV6`.
    case ip6 = 10

    /// The name nft prints (`inet`).
    public var name: String {
        switch self {
        case .inet: "inet"
        case .ip: "ip"
        case .ip6: "ip6"
        }
    }
}

/// A netfilter hook a base chain attaches to.
public enum NftHook: UInt32, Hashable, Sendable {
    /// `NF_INET_PRE_ROUTING`.
    case prerouting = 0
    /// `NF_INET_LOCAL_IN`.
    case input = 1
    /// `NF_INET_FORWARD`.
    case forward = 2
    /// `NF_INET_LOCAL_OUT`.
    case output = 3
    /// `NF_INET_POST_ROUTING`.
    case postrouting = 4

    /// The name nft prints (`input`).
    public var name: String {
        switch self {
        case .prerouting: "prerouting"
        case .input: "input"
        case .forward: "forward"
        case .output: "output"
        case .postrouting: "postrouting"
        }
    }
}

/// A base chain's type (`NFTA_CHAIN_TYPE`).
public enum NftChainType: String, Hashable, Sendable {
    /// Plain filtering.
    case filter
    /// Network address translation (needs conntrack).
    case nat
    /// Like filter, but re-routes a locally generated packet whose routing keys changed.
    case route
}

/// A verdict: what happens to the packet next.
public enum NftVerdict: Hashable, Sendable {
    /// `NF_ACCEPT`.
    case accept
    /// `NF_DROP`.
    case drop
    /// `NFT_CONTINUE`: go on with the next rule.
    case `continue`
    /// `NFT_RETURN`.
    case `return`
    /// `NFT_JUMP` to the named chain.
    case jump(String)
    /// `NFT_GOTO` to the named chain.
    case goto(String)
}

/// A register. nft puts every 32-bit-or-wider value in the 128-bit register 1.
public struct NftRegister: RawRepresentable, Hashable, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The verdict register. The corresponding C constant is `NFT_REG_VERDICT`.
    public static let verdict = NftRegister(rawValue: 0)
    /// `NFT_REG_1` (16 bytes).
    public static let r1 = NftRegister(rawValue: 1)
    /// `NFT_REG_2` (16 bytes).
    public static let r2 = NftRegister(rawValue: 2)
    /// `NFT_REG_3` (16 bytes).
    public static let r3 = NftRegister(rawValue: 3)
    /// `NFT_REG_4` (16 bytes).
    public static let r4 = NftRegister(rawValue: 4)
}

/// A meta key (`NFTA_META_KEY`).
public enum NftMetaKey: UInt32, Hashable, Sendable {
    /// `NFT_META_MARK`: the packet mark.
    case mark = 3
    /// `NFT_META_IIFNAME`: the input interface name (16 bytes).
    case iifname = 6
    /// `NFT_META_OIFNAME`: the output interface name (16 bytes).
    case oifname = 7
    /// `NFT_META_L4PROTO`: the layer-4 protocol (1 byte).
    case l4proto = 16
    /// `NFT_META_NFPROTO`: the family of the packet (1 byte).
    case nfproto = 15
}

/// A conntrack key (`NFTA_CT_KEY`).
public enum NftConntrackKey: UInt32, Hashable, Sendable {
    /// `NFT_CT_STATE`: the state bits (4 bytes, host order).
    case state = 0
}

/// Where a payload offset counts from (`NFTA_PAYLOAD_BASE`).
public enum NftPayloadBase: UInt32, Hashable, Sendable {
    /// `NFT_PAYLOAD_LL_HEADER`.
    case linkLayer = 0
    /// `NFT_PAYLOAD_NETWORK_HEADER`.
    case network = 1
    /// `NFT_PAYLOAD_TRANSPORT_HEADER`.
    case transport = 2
}

/// A comparison (`NFTA_CMP_OP`, also used by `range`).
public enum NftCompareOperator: UInt32, Hashable, Sendable {
    /// `NFT_CMP_EQ`.
    case equal = 0
    /// `NFT_CMP_NEQ`.
    case notEqual = 1
    /// `NFT_CMP_LT`.
    case less = 2
    /// `NFT_CMP_LTE`.
    case lessOrEqual = 3
    /// `NFT_CMP_GT`.
    case greater = 4
    /// `NFT_CMP_GTE`.
    case greaterOrEqual = 5
}

/// What a `reject` answers with (`NFTA_REJECT_TYPE`).
public enum NftRejectType: UInt32, Hashable, Sendable {
    /// `NFT_REJECT_ICMP_UNREACH`: an ICMP (IPv4) or ICMPv6 (IPv6) unreachable of the given code.
    case icmpUnreachable = 0
    /// `NFT_REJECT_TCP_RST`.
    case tcpReset = 1
    /// `NFT_REJECT_ICMPX_UNREACH`: a family-independent code, for inet tables.
    case icmpxUnreachable = 2
}

/// The NAT type (`NFTA_NAT_TYPE`).
public enum NftNatType: UInt32, Hashable, Sendable {
    /// `NFT_NAT_SNAT`.
    case snat = 0
    /// `NFT_NAT_DNAT`.
    case dnat = 1
}

/// A named or anonymous set's key type, as nft's datatype ids (stored in the set's userdata so
/// that `nft list` prints elements properly).
public enum NftSetKeyType: UInt32, Hashable, Sendable {
    /// `TYPE_IPADDR` (4 bytes).
    case ipv4Address = 7
    /// `TYPE_IP6ADDR` (16 bytes).
    case ipv6Address = 8
    /// `TYPE_INET_SERVICE` (2 bytes, network order).
    case inetService = 13

    /// The key length in bytes.
    public var length: UInt32 {
        switch self {
        case .ipv4Address: 4
        case .ipv6Address: 16
        case .inetService: 2
        }
    }
}
