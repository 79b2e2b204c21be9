internal import CLibMnl

/// A libnftnl table (`struct nftnl_table`), freed when the wrapper goes away.
struct NftnlTable: ~Copyable {
    let pointer: OpaquePointer

    /// An empty table object.
    init() throws(NftSystemError) {
        guard let table = nftnl_table_alloc() else { throw .outOfMemory("a table") }
        pointer = table
    }

    deinit { nftnl_table_free(pointer) }

    /// Parses a `NFT_MSG_NEWTABLE` message from a dump; nil if malformed.
    init?(parsing message: UnsafePointer<nlmsghdr>) throws(NftSystemError) {
        try self.init()
        guard nftnl_table_nlmsg_parse(message, pointer) >= 0 else { return nil }
    }

    /// The name (`NFTA_TABLE_NAME`).
    var name: String {
        get { nftnl_table_get_str(pointer, UInt16(NFTNL_TABLE_NAME.rawValue)).map { String(cString: $0) } ?? "" }
        nonmutating set {
            _ = newValue.withCString { nftnl_table_set_str(pointer, UInt16(NFTNL_TABLE_NAME.rawValue), $0) }
        }
    }

    /// The family, from the message header.
    var family: UInt32 { nftnl_table_get_u32(pointer, UInt16(NFTNL_TABLE_FAMILY.rawValue)) }

    /// Copies `userData` into the table (`NFTA_TABLE_USERDATA`).
    func setUserData(_ userData: borrowing NftnlUserData) {
        userData.withBytes { bytes, length in
            _ = nftnl_table_set_data(pointer, UInt16(NFTNL_TABLE_USERDATA.rawValue), bytes, length)
        }
    }

    /// Calls `body` with the table's userdata bytes (empty when it has none).
    func withUserData<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        var length: UInt32 = 0
        guard nftnl_table_is_set(pointer, UInt16(NFTNL_TABLE_USERDATA.rawValue)),
            let data = nftnl_table_get_data(pointer, UInt16(NFTNL_TABLE_USERDATA.rawValue), &length)
        else { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return body(UnsafeRawBufferPointer(start: data, count: Int(length)))
    }

    /// Writes the table's attributes into `message`.
    func writePayload(into message: UnsafeMutablePointer<nlmsghdr>) {
        nftnl_table_nlmsg_build_payload(message, pointer)
    }
}
