internal import CLibMnl
internal import Glibc

/// An nfnetlink batch being built (libnftnl's `struct nftnl_batch`: a list of pages), freed when
/// the wrapper goes away. Messages are numbered with consecutive sequence numbers.
struct NetlinkBatch: ~Copyable {
    private let batch: OpaquePointer
    /// The sequence number the next message gets.
    private(set) var nextSequence: UInt32
    /// Messages added so far.
    private(set) var messageCount = 0

    /// Bytes per page. Each page is one iovec entry of the single `sendmsg`.
    static let pageSize = 256 * 1024
    /// Room past a page's end for the message that overflows it. No message fwd builds is larger:
    /// rules are capped at 128 expressions of at most 64-byte values, element lists at 64 KiB.
    static let pageOverrun = 128 * 1024
    /// The most iovec entries one `sendmsg` takes (`UIO_MAXIOV`).
    static let maximumPages = 1024

    /// An empty batch whose first message gets `firstSequence`.
    init(firstSequence: UInt32) throws(NftSystemError) {
        guard let batch = nftnl_batch_alloc(UInt32(Self.pageSize), UInt32(Self.pageOverrun)) else {
            throw .outOfMemory("a netlink batch")
        }
        self.batch = batch
        nextSequence = firstSequence
    }

    deinit { nftnl_batch_free(batch) }

    /// Where the next message is written.
    private var cursor: UnsafeMutablePointer<CChar> {
        nftnl_batch_buffer(batch).assumingMemoryBound(to: CChar.self)
    }

    /// Starts an nf_tables message (`NFT_MSG_*`) at the end of the batch; write its payload into the
    /// returned header, then call ``finishMessage()``.
    mutating func startMessage(_ type: nf_tables_msg_types, family: UInt16, flags: Int32) -> UnsafeMutablePointer<
        nlmsghdr
    > {
        nftnl_nlmsg_build_hdr(cursor, UInt16(type.rawValue), family, UInt16(flags), nextSequence)
    }

    /// Ends the message started last; returns its sequence number.
    @discardableResult
    mutating func finishMessage() throws(NftSystemError) -> UInt32 {
        guard nftnl_batch_update(batch) >= 0 else { throw .outOfMemory("a netlink batch page") }
        let sequence = nextSequence
        nextSequence &+= 1
        messageCount += 1
        return sequence
    }

    /// Adds `NFNL_MSG_BATCH_BEGIN` for nf_tables, acknowledged, carrying the generation the batch
    /// was built against (`NFNL_BATCH_GENID`): if the ruleset changed since, the kernel refuses
    /// the whole batch with `ERESTART`.
    @discardableResult
    mutating func begin(generation: UInt32) throws(NftSystemError) -> UInt32 {
        guard let header = nftnl_batch_begin(cursor, nextSequence) else { throw .outOfMemory("a batch header") }
        header.pointee.nlmsg_flags |= UInt16(NLM_F_ACK)
        mnl_attr_put_u32(header, UInt16(NFNL_BATCH_GENID.rawValue), generation.bigEndian)
        return try finishMessage()
    }

    /// Adds `NFNL_MSG_BATCH_END`, acknowledged: a successful commit answers it with error 0.
    @discardableResult
    mutating func end() throws(NftSystemError) -> UInt32 {
        guard let header = nftnl_batch_end(cursor, nextSequence) else { throw .outOfMemory("a batch trailer") }
        header.pointee.nlmsg_flags |= UInt16(NLM_F_ACK)
        return try finishMessage()
    }

    /// The pages as iovec entries, valid while the batch lives and is not changed.
    func withIOVecs<Result>(_ body: (UnsafeMutableBufferPointer<iovec>) throws(NftSystemError) -> Result)
        throws(NftSystemError) -> Result
    {
        let count = Int(nftnl_batch_iovec_len(batch))
        guard count <= Self.maximumPages else {
            throw NftSystemError(
                operation: "send a batch of \(count) pages (at most \(Self.maximumPages))", errno: E2BIG)
        }
        let vectors = UnsafeMutableBufferPointer<iovec>.allocate(capacity: max(count, 1))
        defer { vectors.deallocate() }
        nftnl_batch_iovec(batch, vectors.baseAddress, UInt32(count))
        return try body(UnsafeMutableBufferPointer(rebasing: vectors[0..<count]))
    }
}
