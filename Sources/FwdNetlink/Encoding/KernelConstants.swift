internal import CLibMnl
import FwdNftables

// FwdNftables describes nftables values without seeing C. These exhaustive switches map each one
// to the C constant it stands for, so the encoder never trusts a hand-copied number.

extension NftFamily {
    /// `NFPROTO_INET`, `NFPROTO_IPV4`, `NFPROTO_IPV6`.
    var kernelFamily: UInt16 {
        switch self {
        case .inet: UInt16(NFPROTO_INET)
        case .ip: UInt16(NFPROTO_IPV4)
        case .ip6: UInt16(NFPROTO_IPV6)
        }
    }

    /// The family for a kernel family number, nil for families fwd never creates.
    init?(kernelFamily: UInt32) {
        switch Int(kernelFamily) {
        case NFPROTO_INET: self = .inet
        case NFPROTO_IPV4: self = .ip
        case NFPROTO_IPV6: self = .ip6
        default: return nil
        }
    }
}

extension NftHook {
    /// `NF_INET_PRE_ROUTING` … `NF_INET_POST_ROUTING`.
    var kernelHook: UInt32 {
        switch self {
        case .prerouting: NF_INET_PRE_ROUTING.rawValue
        case .input: NF_INET_LOCAL_IN.rawValue
        case .forward: NF_INET_FORWARD.rawValue
        case .output: NF_INET_LOCAL_OUT.rawValue
        case .postrouting: NF_INET_POST_ROUTING.rawValue
        }
    }

    /// The hook for a kernel hook number, nil for hooks fwd never uses (ingress).
    init?(kernelHook: UInt32) {
        guard let hook = Self.allHooks.first(where: { $0.kernelHook == kernelHook }) else { return nil }
        self = hook
    }

    private static let allHooks: [NftHook] = [.prerouting, .input, .forward, .output, .postrouting]
}

extension NftChainType {
    /// The chain type for the name the kernel reports.
    init?(kernelName: String) { self.init(rawValue: kernelName) }
}

extension NftMetaKey {
    /// `NFT_META_*`.
    var kernelKey: UInt32 {
        switch self {
        case .mark: NFT_META_MARK.rawValue
        case .iifname: NFT_META_IIFNAME.rawValue
        case .oifname: NFT_META_OIFNAME.rawValue
        case .l4proto: NFT_META_L4PROTO.rawValue
        case .nfproto: NFT_META_NFPROTO.rawValue
        }
    }
}

extension NftConntrackKey {
    /// `NFT_CT_*`.
    var kernelKey: UInt32 {
        switch self {
        case .state: NFT_CT_STATE.rawValue
        }
    }
}

extension NftPayloadBase {
    /// `NFT_PAYLOAD_*_HEADER`.
    var kernelBase: UInt32 {
        switch self {
        case .linkLayer: NFT_PAYLOAD_LL_HEADER.rawValue
        case .network: NFT_PAYLOAD_NETWORK_HEADER.rawValue
        case .transport: NFT_PAYLOAD_TRANSPORT_HEADER.rawValue
        }
    }
}

extension NftCompareOperator {
    /// `NFT_CMP_*` (also the `NFTA_RANGE_OP` values).
    var kernelOperator: UInt32 {
        switch self {
        case .equal: NFT_CMP_EQ.rawValue
        case .notEqual: NFT_CMP_NEQ.rawValue
        case .less: NFT_CMP_LT.rawValue
        case .lessOrEqual: NFT_CMP_LTE.rawValue
        case .greater: NFT_CMP_GT.rawValue
        case .greaterOrEqual: NFT_CMP_GTE.rawValue
        }
    }
}

extension NftRejectType {
    /// `NFT_REJECT_*`.
    var kernelType: UInt32 {
        switch self {
        case .icmpUnreachable: NFT_REJECT_ICMP_UNREACH.rawValue
        case .tcpReset: NFT_REJECT_TCP_RST.rawValue
        case .icmpxUnreachable: NFT_REJECT_ICMPX_UNREACH.rawValue
        }
    }
}

extension NftNatType {
    /// `NFT_NAT_SNAT`, `NFT_NAT_DNAT`.
    var kernelType: UInt32 {
        switch self {
        case .snat: NFT_NAT_SNAT.rawValue
        case .dnat: NFT_NAT_DNAT.rawValue
        }
    }
}

extension NftVerdict {
    /// The verdict code (`NF_ACCEPT`, `NF_DROP`, `NFT_JUMP`, …) as the u32 the kernel reads.
    var kernelCode: UInt32 {
        switch self {
        case .accept: UInt32(NF_ACCEPT)
        case .drop: UInt32(NF_DROP)
        case .continue: UInt32(bitPattern: NFT_CONTINUE.rawValue)
        case .return: UInt32(bitPattern: NFT_RETURN.rawValue)
        case .jump: UInt32(bitPattern: NFT_JUMP.rawValue)
        case .goto: UInt32(bitPattern: NFT_GOTO.rawValue)
        }
    }

    /// The chain a jump or goto names.
    var targetChain: String? {
        switch self {
        case .accept, .drop, .continue, .return: nil
        case .jump(let chain), .goto(let chain): chain
        }
    }
}

extension NftSetKeyType {
    /// nft's key byte order for the set userdata (`BYTEORDER_BIG_ENDIAN` = 2 in nft's datatype.h):
    /// every key type fwd uses is in network order.
    var nftByteOrder: UInt32 {
        switch self {
        case .ipv4Address, .ipv6Address, .inetService: 2
        }
    }
}
