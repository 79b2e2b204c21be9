internal import CLibMnl
internal import Glibc

/// How a request's replies ended.
enum RequestOutcome {
    /// Every reply arrived.
    case complete
    /// The dump was interrupted by a concurrent change (`NLM_F_DUMP_INTR`): its content may be
    /// inconsistent, ask again.
    case interrupted
}

extension NetlinkSocket {
    /// The receive buffer for dumps: larger than any datagram the kernel builds for a dump.
    static let replyBufferSize = 256 * 1024

    /// Sends one nf_tables request (`NFT_MSG_GET*`) and calls `handle` with every reply message
    /// until the kernel is done: `NLMSG_DONE` for a dump, the acknowledgement otherwise.
    /// `payload` writes the request's attributes (e.g. a table filter).
    func request(
        _ type: nf_tables_msg_types, family: UInt16, dump: Bool, what: String,
        payload: (UnsafeMutablePointer<nlmsghdr>) -> Void = { _ in },
        handle: (UnsafePointer<nlmsghdr>) throws(NftSystemError) -> Void
    ) throws(NftSystemError) -> RequestOutcome {
        let sequence: UInt32 = 1
        let requestBuffer = UnsafeMutableRawBufferPointer.allocate(
            byteCount: fwd_mnl_socket_buffer_size(), alignment: 8)
        defer { requestBuffer.deallocate() }
        let flags = Int32(NLM_F_ACK) | (dump ? Int32(NLM_F_DUMP) : 0)
        let header = nftnl_nlmsg_build_hdr(
            requestBuffer.baseAddress?.assumingMemoryBound(to: CChar.self), UInt16(type.rawValue), family,
            UInt16(flags), sequence)
        guard let header else { throw .outOfMemory("a \(what) request") }
        payload(header)
        try send(UnsafeRawBufferPointer(start: header, count: Int(header.pointee.nlmsg_len)))

        let replies = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.replyBufferSize, alignment: 8)
        defer { replies.deallocate() }
        var outcome = RequestOutcome.complete
        while true {
            guard let length = try receive(into: replies, wait: true).get(), length > 0 else {
                throw NftSystemError(operation: "read the \(what) (no reply)", errno: EIO)
            }
            var remaining = Int32(length)
            var message = replies.baseAddress?.assumingMemoryBound(to: nlmsghdr.self)
            while let current = message, mnl_nlmsg_ok(current, remaining) {
                defer { message = mnl_nlmsg_next(current, &remaining) }
                guard current.pointee.nlmsg_seq == sequence, current.pointee.nlmsg_pid == portID else { continue }
                if current.pointee.nlmsg_flags & UInt16(NLM_F_DUMP_INTR) != 0 { outcome = .interrupted }
                switch Int32(current.pointee.nlmsg_type) {
                case NLMSG_DONE:
                    return outcome
                case NLMSG_ERROR:
                    let error = UnsafeRawPointer(current).advanced(by: MemoryLayout<nlmsghdr>.size)
                        .loadUnaligned(as: Int32.self)
                    guard error == 0 else { throw NftSystemError(operation: "read the \(what)", errno: -error) }
                    if !dump { return outcome }
                case NLMSG_NOOP, NLMSG_OVERRUN:
                    continue
                default:
                    try handle(UnsafePointer(current))
                }
            }
        }
    }
}
