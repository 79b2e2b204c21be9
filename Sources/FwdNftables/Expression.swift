/// One nf_tables expression, as the kernel evaluates it: a pure-Swift value that the netlink
/// module encodes with libnftnl. Field comments name the kernel attributes.
public enum NftExpression: Hashable, Sendable {
    /// Load a meta value (`NFTA_META_KEY`) into `destination` (`NFTA_META_DREG`).
    case meta(NftMetaKey, destination: NftRegister)
    /// Set a meta value (`NFTA_META_KEY`) from `source` (`NFTA_META_SREG`), e.g. the mark.
    case metaSet(NftMetaKey, source: NftRegister)
    /// Load `length` bytes at `offset` from a header (`NFTA_PAYLOAD_BASE/OFFSET/LEN/DREG`).
    case payload(base: NftPayloadBase, offset: UInt32, length: UInt32, destination: NftRegister)
    /// Compare a register with `data` (`NFTA_CMP_SREG/OP/DATA`); a false comparison ends the rule.
    case compare(NftCompareOperator, source: NftRegister, data: [UInt8])
    /// `destination = (source & mask) ^ xor` over `length` bytes (`NFTA_BITWISE_*`).
    case bitwise(source: NftRegister, destination: NftRegister, length: UInt32, mask: [UInt8], xor: [UInt8])
    /// `from <= source <= to` (`.equal`) or its negation (`.notEqual`) (`NFTA_RANGE_*`).
    case range(NftCompareOperator, source: NftRegister, from: [UInt8], to: [UInt8])
    /// Load a conntrack value (`NFTA_CT_KEY`) into `destination` (`NFTA_CT_DREG`).
    case conntrack(NftConntrackKey, destination: NftRegister)
    /// Look `source` up in a set (`NFTA_LOOKUP_SET`, `NFTA_LOOKUP_SET_ID`, `NFTA_LOOKUP_SREG`);
    /// `inverted` matches when it is absent (`NFT_LOOKUP_F_INV`).
    case lookup(set: String, setID: UInt32, source: NftRegister, inverted: Bool)
    /// Count packets and bytes.
    case counter
    /// A packet-rate limit: `rate` packets per `unit` seconds, bucket `burst`
    /// (`NFTA_LIMIT_RATE/UNIT/BURST`, type `NFT_LIMIT_PKTS`).
    case limit(rate: UInt64, unit: UInt64, burst: UInt32)
    /// Log to the kernel log (`NFTA_LOG_PREFIX`, `NFTA_LOG_LEVEL`).
    case log(prefix: String?, level: UInt32?)
    /// Reject with `type` and `code` (`NFTA_REJECT_TYPE`, `NFTA_REJECT_ICMP_CODE`).
    case reject(NftRejectType, code: UInt8)
    /// Load constant `data` into `destination` (`NFTA_IMMEDIATE_DREG`, `NFTA_IMMEDIATE_DATA`).
    case immediate(destination: NftRegister, data: [UInt8])
    /// Set the verdict (an immediate into the verdict register).
    case verdict(NftVerdict)
    /// SNAT or DNAT (`NFTA_NAT_*`): addresses from `addressMin`…`addressMax`, ports from
    /// `portMin`…`portMax` (registers loaded by earlier immediates), `flags` as `NF_NAT_RANGE_*`.
    case nat(
        NftNatType, family: NftFamily, addressMin: NftRegister?, addressMax: NftRegister?,
        portMin: NftRegister?, portMax: NftRegister?, flags: UInt32)
    /// Masquerade (`NFTA_MASQ_*`), ports from registers when given.
    case masquerade(portMin: NftRegister?, portMax: NftRegister?, flags: UInt32)
    /// Redirect to the host (`NFTA_REDIR_*`), ports from registers when given.
    case redirect(portMin: NftRegister?, portMax: NftRegister?, flags: UInt32)
}
