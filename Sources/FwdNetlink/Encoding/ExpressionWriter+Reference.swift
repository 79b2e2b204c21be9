internal import CLibMnl
import FwdNftables

extension ExpressionWriter {
    /// The bytes of a `NFT_MSG_NEWRULE` message for a rule of table `t`, chain `c` holding
    /// `expressions`: written as a batch writes it, or (`byLibnftnl`) with libnftnl's expression
    /// objects (``ExpressionEncoder``) — what the tests compare.
    func ruleMessage(_ expressions: [NftExpression], byLibnftnl: Bool) throws -> [UInt8] {
        var batch = try NetlinkBatch(firstSequence: 1)
        let rule = try NftnlRule()
        rule.set(NFTNL_RULE_TABLE, "t")
        rule.set(NFTNL_RULE_CHAIN, "c")
        if byLibnftnl {
            let encoder = ExpressionEncoder(sets: sets)
            for expression in expressions { rule.append(try encoder.encode(expression)) }
        }
        let message = batch.startMessage(NFT_MSG_NEWRULE, family: NftFamily.inet.kernelFamily, flags: 0)
        rule.writePayload(into: message)
        if !byLibnftnl { try write(expressions, into: message) }
        let length = Int(message.pointee.nlmsg_len)
        return Array(UnsafeRawBufferPointer(start: UnsafeRawPointer(message), count: length))
    }
}
