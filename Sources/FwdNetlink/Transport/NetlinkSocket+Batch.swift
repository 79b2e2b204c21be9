internal import CLibMnl
internal import Glibc

/// The kernel's answers to one batch.
struct BatchReplies {
    /// Every error reply: the refused message's sequence number and the errno.
    var errors: [(sequence: UInt32, errno: Int32)] = []
    /// Whether `BATCH_END` was acknowledged with 0: the transaction was committed.
    var endAcknowledged = false
    /// Whether replies were dropped because the receive buffer overflowed (`ENOBUFS`).
    var repliesLost = false
    /// The rules the kernel echoed after the commit (`NLM_F_ECHO` on `NEWRULE`), by the sequence
    /// number of the message that created them.
    var echoedRules: [UInt32: EchoedRule] = [:]
    /// Echoed rules that arrived after the acknowledgement of `BATCH_END` (the kernel sends its
    /// notifications during the commit, before the acknowledgements: expected 0).
    var echoesAfterEnd = 0
}

/// A rule as the kernel echoed it after the commit.
struct EchoedRule {
    /// The handle the kernel gave the rule.
    var handle: UInt64
    /// The digest found in its userdata.
    var digest: RuleDigest?
}

extension NetlinkSocket {
    /// Sends the whole batch in one `sendmsg` (an iovec over its pages). The socket's send buffer
    /// must hold it: `EMSGSIZE` doubles the buffer and tries again (a few times).
    func send(_ batch: borrowing NetlinkBatch, byteCount: Int) throws(NftSystemError) {
        var sendBuffer = byteCount + 64 * 1024
        for _ in 0..<4 {
            setSendBufferSize(sendBuffer)
            let result = try batch.withIOVecs { vectors throws(NftSystemError) -> Int32 in
                var address = sockaddr_nl()
                address.nl_family = sa_family_t(AF_NETLINK)
                return withUnsafeMutablePointer(to: &address) { addressPointer in
                    var message = msghdr()
                    message.msg_name = UnsafeMutableRawPointer(addressPointer)
                    message.msg_namelen = socklen_t(MemoryLayout<sockaddr_nl>.size)
                    message.msg_iov = vectors.baseAddress
                    message.msg_iovlen = vectors.count
                    return sendmsg(descriptor, &message, 0) >= 0 ? 0 : Glibc.errno
                }
            }
            switch result {
            case 0: return
            case EMSGSIZE: sendBuffer *= 2
            default: throw NftSystemError(operation: "send the batch (\(byteCount) bytes)", errno: result)
            }
        }
        throw NftSystemError(operation: "send the batch (\(byteCount) bytes)", errno: EMSGSIZE)
    }

    /// Reads the answers to a batch. The kernel handles a batch inside `sendmsg`, so its answers
    /// are queued by the time this runs; when an acknowledgement of `endSequence` is expected but
    /// neither it nor an error has come, waits a bounded time for late replies.
    func collectReplies(endSequence: UInt32?) -> Result<BatchReplies, NftSystemError> {
        var replies = BatchReplies()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.replyBufferSize, alignment: 8)
        defer { buffer.deallocate() }
        var waitsLeft = 3  // × 100 ms: replies are queued during sendmsg; this only covers surprises
        while true {
            switch receive(into: buffer, wait: false) {
            case .success(let length?):
                parse(UnsafeRawBufferPointer(rebasing: buffer[0..<length]), endSequence: endSequence, into: &replies)
            case .success(nil):
                let settled = replies.endAcknowledged || !replies.errors.isEmpty || endSequence == nil
                if settled || waitsLeft == 0 { return .success(replies) }
                waitsLeft -= 1
                _ = waitForReply(milliseconds: 100)
            case .failure(let error) where error.errno == ENOBUFS:
                replies.repliesLost = true
            case .failure(let error):
                return .failure(error)
            }
        }
    }

    /// `NFT_MSG_NEWRULE` in the nf_tables subsystem, the type of an echoed rule.
    private static let newRuleMessageType = UInt16(NFNL_SUBSYS_NFTABLES << 8) | UInt16(NFT_MSG_NEWRULE.rawValue)

    private func parse(_ bytes: UnsafeRawBufferPointer, endSequence: UInt32?, into replies: inout BatchReplies) {
        var remaining = Int32(bytes.count)
        var message = UnsafeMutableRawPointer(mutating: bytes.baseAddress)?.assumingMemoryBound(to: nlmsghdr.self)
        while let current = message, mnl_nlmsg_ok(current, remaining) {
            defer { message = mnl_nlmsg_next(current, &remaining) }
            if current.pointee.nlmsg_type == Self.newRuleMessageType {
                if let rule = RuleAttributes(UnsafePointer(current)) {
                    replies.echoedRules[current.pointee.nlmsg_seq] = EchoedRule(
                        handle: rule.handle, digest: rule.userData.flatMap(RuleDigest.find(in:)))
                    if replies.endAcknowledged { replies.echoesAfterEnd += 1 }
                }
                continue
            }
            guard Int32(current.pointee.nlmsg_type) == NLMSG_ERROR,
                current.pointee.nlmsg_len >= UInt32(MemoryLayout<nlmsghdr>.size + MemoryLayout<Int32>.size)
            else { continue }
            let error = UnsafeRawPointer(current).advanced(by: MemoryLayout<nlmsghdr>.size).loadUnaligned(
                as: Int32.self)
            let sequence = current.pointee.nlmsg_seq
            if error == 0 {
                if sequence == endSequence { replies.endAcknowledged = true }
            } else {
                replies.errors.append((sequence, -error))
            }
        }
    }
}
