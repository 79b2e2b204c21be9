internal import CLibMnl

/// A libnftnl chain (`struct nftnl_chain`), freed when the wrapper goes away.
struct NftnlChain: ~Copyable {
    let pointer: OpaquePointer

    /// An empty chain object.
    init() throws(NftSystemError) {
        guard let chain = nftnl_chain_alloc() else { throw .outOfMemory("a chain") }
        pointer = chain
    }

    /// Parses a `NFT_MSG_NEWCHAIN` message from a dump; nil if malformed.
    init?(parsing message: UnsafePointer<nlmsghdr>) throws(NftSystemError) {
        try self.init()
        guard nftnl_chain_nlmsg_parse(message, pointer) >= 0 else { return nil }
    }

    deinit { nftnl_chain_free(pointer) }

    private static func id(_ attribute: nftnl_chain_attr) -> UInt16 { UInt16(attribute.rawValue) }

    /// Sets a string attribute (copied).
    func set(_ attribute: nftnl_chain_attr, _ value: String) {
        _ = value.withCString { nftnl_chain_set_str(pointer, Self.id(attribute), $0) }
    }

    /// Sets a 32-bit attribute.
    func set(_ attribute: nftnl_chain_attr, _ value: UInt32) {
        nftnl_chain_set_u32(pointer, Self.id(attribute), value)
    }

    /// Sets a signed 32-bit attribute (the priority).
    func set(_ attribute: nftnl_chain_attr, _ value: Int32) {
        nftnl_chain_set_s32(pointer, Self.id(attribute), value)
    }

    /// Whether the kernel sent `attribute`.
    func has(_ attribute: nftnl_chain_attr) -> Bool { nftnl_chain_is_set(pointer, Self.id(attribute)) }

    /// A string attribute, empty when absent.
    func string(_ attribute: nftnl_chain_attr) -> String {
        nftnl_chain_get_str(pointer, Self.id(attribute)).map { String(cString: $0) } ?? ""
    }

    /// A 32-bit attribute, 0 when absent.
    func u32(_ attribute: nftnl_chain_attr) -> UInt32 { nftnl_chain_get_u32(pointer, Self.id(attribute)) }

    /// A signed 32-bit attribute, 0 when absent.
    func s32(_ attribute: nftnl_chain_attr) -> Int32 { nftnl_chain_get_s32(pointer, Self.id(attribute)) }

    /// Writes the chain's attributes into `message`.
    func writePayload(into message: UnsafeMutablePointer<nlmsghdr>) {
        nftnl_chain_nlmsg_build_payload(message, pointer)
    }
}
