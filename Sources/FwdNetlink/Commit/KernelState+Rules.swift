internal import CLibMnl
import FwdNftables
internal import Glibc

extension KernelState {
    /// A rule of one of fwd's chains as the kernel holds it: its handle, and the digest fwd stored
    /// in its userdata (nil for a rule fwd did not send, e.g. one added with `nft add rule`).
    struct Rule {
        var handle: UInt64
        var digest: RuleDigest?
    }

    /// Reads the rules of `table`'s chains, in chain order (a `NFT_MSG_GETRULE` dump filtered by
    /// table). Only the top-level attributes are looked at — chain, handle, userdata — never the
    /// expressions, so reading 100,000 rules costs little more than the kernel's dump itself.
    /// Returns nil when the dump was interrupted by a concurrent change.
    static func readRules(of table: Table, using socket: borrowing NetlinkSocket) throws(NftSystemError)
        -> [String: [Rule]]?
    {
        var rules: [String: [Rule]] = [:]
        var currentChain: [UInt8] = []
        var currentName = ""
        var currentRules: [Rule] = []
        let filter = try NftnlRule()
        filter.set(NFTNL_RULE_TABLE, table.name)
        let outcome = try socket.request(
            NFT_MSG_GETRULE, family: UInt16(truncatingIfNeeded: table.family), dump: true,
            what: "rules of table \(table.displayName)", payload: { filter.writePayload(into: $0) }
        ) { message throws(NftSystemError) in
            guard let parsed = RuleAttributes(message) else {
                throw NftSystemError(operation: "read the rules of table \(table.displayName) (malformed)", errno: EPROTO)
            }
            if parsed.chain.elementsEqual(currentChain) == false {
                if !currentRules.isEmpty { rules[currentName, default: []].append(contentsOf: currentRules) }
                currentChain = Array(parsed.chain)
                currentName = String(decoding: currentChain, as: UTF8.self)
                currentRules = rules.removeValue(forKey: currentName) ?? []
            }
            currentRules.append(Rule(handle: parsed.handle, digest: parsed.userData.flatMap(RuleDigest.find(in:))))
        }
        if !currentRules.isEmpty { rules[currentName, default: []].append(contentsOf: currentRules) }
        return outcome == .complete ? rules : nil
    }
}

/// The top-level attributes of one `NFT_MSG_NEWRULE` message that fwd needs, pointing into the
/// message (valid while it is).
private struct RuleAttributes {
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
