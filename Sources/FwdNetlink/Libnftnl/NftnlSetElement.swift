internal import CLibMnl

/// A libnftnl set element (`struct nftnl_set_elem`), freed when the wrapper goes away unless
/// handed to a set with ``NftnlSet/append(_:)``.
struct NftnlSetElement: ~Copyable {
    private let pointer: OpaquePointer

    /// An element with `key` (network byte order) and `flags` (`NFT_SET_ELEM_INTERVAL_END`).
    init<Key: Collection<UInt8>>(key: Key, flags: UInt32) throws(NftSystemError) {
        guard let element = nftnl_set_elem_alloc() else { throw .outOfMemory("a set element") }
        pointer = element
        let stored: Int32? = key.withContiguousStorageIfAvailable { bytes in
            nftnl_set_elem_set(pointer, UInt16(NFTNL_SET_ELEM_KEY), bytes.baseAddress, UInt32(bytes.count))
        }
        if stored == nil {
            let copy = Array(key)
            _ = copy.withUnsafeBytes {
                nftnl_set_elem_set(pointer, UInt16(NFTNL_SET_ELEM_KEY), $0.baseAddress, UInt32($0.count))
            }
        }
        if flags != 0 { nftnl_set_elem_set_u32(pointer, UInt16(NFTNL_SET_ELEM_FLAGS), flags) }
    }

    deinit { nftnl_set_elem_free(pointer) }

    /// Copies `userData` into the element (`NFTA_SET_ELEM_USERDATA`).
    func setUserData(_ userData: borrowing NftnlUserData) {
        userData.withBytes { bytes, length in
            _ = nftnl_set_elem_set(pointer, UInt16(NFTNL_SET_ELEM_USERDATA), bytes, length)
        }
    }

    /// Gives up ownership: the caller (libnftnl's set) frees the element from now on.
    consuming func release() -> OpaquePointer {
        let element = pointer
        discard self
        return element
    }
}
