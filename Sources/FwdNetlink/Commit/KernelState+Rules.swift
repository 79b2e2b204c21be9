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
