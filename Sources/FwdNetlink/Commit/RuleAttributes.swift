internal import CLibMnl

/// The top-level attributes of one `NFT_MSG_NEWRULE` message that fwd needs, pointing into the
/// message (valid while it is).
struct RuleAttributes {
    var chain: UnsafeRawBufferPointer = UnsafeRawBufferPointer(start: nil, count: 0)
    var handle: UInt64 = 0
    var userData: UnsafeRawBufferPointer?

    /// Walks the attributes after the `nfgenmsg` header; nil when chain or handle is missing.
    init?(_ message: UnsafePointer<nlmsghdr>) {
        let total = Int(message.pointee.nlmsg_len)
        let start = MemoryLayout<nlmsghdr>.size + 4  // struct nfgenmsg
        guard total >= start else { return nil }
        let bytes = UnsafeRawBufferPointer(start: UnsafeRawPointer(message), count: total)
        var offset = start
        var hasChain = false
        var hasHandle = false
        while offset + 4 <= total {
            let length = Int(bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
            let type = bytes.loadUnaligned(fromByteOffset: offset + 2, as: UInt16.self) & 0x3FFF  // NLA_TYPE_MASK
            guard length >= 4, offset + length <= total else { return nil }
            let value = UnsafeRawBufferPointer(rebasing: bytes[(offset + 4)..<(offset + length)])
            switch UInt32(type) {
            case NFTA_RULE_CHAIN.rawValue:
                // A NUL-terminated string.
                chain = UnsafeRawBufferPointer(rebasing: value.prefix { $0 != 0 })
                hasChain = true
            case NFTA_RULE_HANDLE.rawValue where value.count == 8:
                handle = UInt64(bigEndian: value.loadUnaligned(as: UInt64.self))
                hasHandle = true
            case NFTA_RULE_USERDATA.rawValue:
                userData = value
            default:
                break
            }
            offset += (length + 3) & ~3
        }
        guard hasChain, hasHandle else { return nil }
    }
}
