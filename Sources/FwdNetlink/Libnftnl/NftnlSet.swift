internal import CLibMnl

/// A libnftnl set (`struct nftnl_set`) and the elements added to it, freed when the wrapper goes away.
struct NftnlSet: ~Copyable {
    let pointer: OpaquePointer

    /// An empty set object.
    init() throws(NftSystemError) {
        guard let set = nftnl_set_alloc() else { throw .outOfMemory("a set") }
        pointer = set
    }

    /// Parses a `NFT_MSG_NEWSET` message from a dump; nil if malformed.
    init?(parsing message: UnsafePointer<nlmsghdr>) throws(NftSystemError) {
        try self.init()
        guard nftnl_set_nlmsg_parse(message, pointer) >= 0 else { return nil }
    }

    deinit { nftnl_set_free(pointer) }

    private static func id(_ attribute: nftnl_set_attr) -> UInt16 { UInt16(attribute.rawValue) }

    /// Sets a string attribute (copied).
    func set(_ attribute: nftnl_set_attr, _ value: String) {
        _ = value.withCString { nftnl_set_set_str(pointer, Self.id(attribute), $0) }
    }

    /// Sets a 32-bit attribute.
    func set(_ attribute: nftnl_set_attr, _ value: UInt32) {
        nftnl_set_set_u32(pointer, Self.id(attribute), value)
    }

    /// A string attribute, empty when absent.
    func string(_ attribute: nftnl_set_attr) -> String {
        nftnl_set_get_str(pointer, Self.id(attribute)).map { String(cString: $0) } ?? ""
    }

    /// A 32-bit attribute, 0 when absent.
    func u32(_ attribute: nftnl_set_attr) -> UInt32 { nftnl_set_get_u32(pointer, Self.id(attribute)) }

    /// Copies `userData` into the set (`NFTA_SET_USERDATA`).
    func setUserData(_ userData: borrowing NftnlUserData) {
        userData.withBytes { bytes, length in
            _ = nftnl_set_set_data(pointer, Self.id(NFTNL_SET_USERDATA), bytes, length)
        }
    }

    /// Adds `element`; the set owns it from now on.
    func append(_ element: consuming NftnlSetElement) {
        nftnl_set_elem_add(pointer, element.release())
    }

    /// Writes the set definition (`NFT_MSG_NEWSET`/`DELSET`) into `message`.
    func writePayload(into message: UnsafeMutablePointer<nlmsghdr>) {
        nftnl_set_nlmsg_build_payload(message, pointer)
    }

    /// Writes the set reference and all added elements (`NFT_MSG_NEWSETELEM`/`DELSETELEM`) into `message`;
    /// with no elements, a `DELSETELEM` message flushes the set.
    func writeElementsPayload(into message: UnsafeMutablePointer<nlmsghdr>) {
        nftnl_set_elems_nlmsg_build_payload(message, pointer)
    }
}
