internal import CLibMnl
import FwdNftables
internal import Glibc

/// Counts the rules of one table per chain (a `NFT_MSG_GETRULE` dump filtered by table).
enum RuleCounter {
    /// Rules per chain name.
    static func count(table: String, family: NftFamily, using socket: borrowing NetlinkSocket) throws(NftSystemError)
        -> [String: Int]
    {
        for _ in 0..<5 {
            var counts: [String: Int] = [:]
            let filter = try NftnlRule()
            filter.set(NFTNL_RULE_TABLE, table)
            let outcome = try socket.request(
                NFT_MSG_GETRULE, family: family.kernelFamily, dump: true, what: "rules of table \(table)",
                payload: { filter.writePayload(into: $0) }
            ) { message throws(NftSystemError) in
                guard let rule = try NftnlRule(parsing: message) else { return }
                counts[rule.string(NFTNL_RULE_CHAIN), default: 0] += 1
            }
            if outcome == .complete { return counts }
        }
        throw NftSystemError(operation: "count the rules of table \(table) (the ruleset kept changing)", errno: EAGAIN)
    }
}
