internal import CLibMnl

/// A libnftnl userdata buffer (`struct nftnl_udata_buf`): the TLVs nft stores in tables, rules
/// and sets (comments, set key byte order). Freed when the wrapper goes away.
struct NftnlUserData: ~Copyable {
    private let pointer: OpaquePointer

    /// An empty buffer of `capacity` bytes (the kernel accepts at most `NFT_USERDATA_MAXLEN`).
    init(capacity: Int = Int(NFT_USERDATA_MAXLEN)) throws(NftSystemError) {
        guard let buffer = nftnl_udata_buf_alloc(UInt32(capacity)) else {
            throw .outOfMemory("a userdata buffer")
        }
        pointer = buffer
    }

    deinit { nftnl_udata_buf_free(pointer) }

    /// Appends a NUL-terminated string TLV; false if it does not fit.
    mutating func put(_ type: UInt32, string: String) -> Bool {
        string.withCString { nftnl_udata_put_strz(pointer, UInt8(type), $0) }
    }

    /// Appends a 32-bit TLV (host order, as nft writes it); false if it does not fit.
    mutating func put(_ type: UInt32, value: UInt32) -> Bool {
        nftnl_udata_put_u32(pointer, UInt8(type), value)
    }

    /// Appends a TLV of raw bytes; false if it does not fit.
    mutating func put(_ type: UInt32, bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { nftnl_udata_put(pointer, UInt8(type), UInt32($0.count), $0.baseAddress) }
    }

    /// The encoded TLVs.
    func withBytes<Result>(_ body: (UnsafeRawPointer, UInt32) -> Result) -> Result {
        body(UnsafeRawPointer(nftnl_udata_buf_data(pointer)), nftnl_udata_buf_len(pointer))
    }
}

/// Reads TLVs from userdata bytes received from the kernel.
enum NftnlUserDataReader {
    /// The NUL-terminated string stored under `type`, if any. Malformed TLVs end the walk.
    static func string(ofType type: UInt8, in bytes: UnsafeRawBufferPointer) -> String? {
        var offset = 0
        while offset + 2 <= bytes.count {
            let entryType = bytes[offset]
            let length = Int(bytes[offset + 1])
            let valueStart = offset + 2
            guard valueStart + length <= bytes.count else { return nil }
            if entryType == type, length > 0 {
                let value = UnsafeRawBufferPointer(rebasing: bytes[valueStart..<valueStart + length - 1])
                return String(decoding: value, as: UTF8.self)
            }
            offset = valueStart + length
        }
        return nil
    }
}
