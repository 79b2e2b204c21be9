internal import CLibMnl

/// A libnftnl ruleset generation (`struct nftnl_gen`), parsed from `NFT_MSG_NEWGEN`.
struct NftnlGeneration: ~Copyable {
    private let pointer: OpaquePointer

    /// Parses a `NFT_MSG_NEWGEN` reply; nil if malformed or without `NFTA_GEN_ID`.
    init?(parsing message: UnsafePointer<nlmsghdr>) throws(NftSystemError) {
        guard let generation = nftnl_gen_alloc() else { throw .outOfMemory("a generation") }
        guard nftnl_gen_nlmsg_parse(message, generation) >= 0,
            nftnl_gen_is_set(generation, UInt16(NFTNL_GEN_ID))
        else {
            nftnl_gen_free(generation)
            return nil
        }
        pointer = generation
    }

    deinit { nftnl_gen_free(pointer) }

    /// The generation id (`NFTA_GEN_ID`, host order).
    var id: UInt32 { nftnl_gen_get_u32(pointer, UInt16(NFTNL_GEN_ID)) }
}
