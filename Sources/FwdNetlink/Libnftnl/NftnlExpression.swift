internal import CLibMnl

/// A libnftnl expression (`struct nftnl_expr`) of one kind (`"meta"`, `"cmp"`, …), freed when the
/// wrapper goes away unless handed to a rule with ``NftnlRule/append(_:)``.
struct NftnlExpression: ~Copyable {
    private let pointer: OpaquePointer

    /// An expression of the kind libnftnl registers as `name`.
    init(_ name: StaticString) throws(NftSystemError) {
        let expression = name.withUTF8Buffer { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { nftnl_expr_alloc($0.baseAddress) }
        }
        guard let expression else { throw .outOfMemory("a \(name) expression") }
        pointer = expression
    }

    deinit { nftnl_expr_free(pointer) }

    /// Gives up ownership: the caller (libnftnl's rule) frees the expression from now on.
    consuming func release() -> OpaquePointer {
        let expression = pointer
        discard self
        return expression
    }

    /// Sets a 32-bit attribute.
    func set(_ attribute: Int, _ value: UInt32) {
        nftnl_expr_set_u32(pointer, UInt16(attribute), value)
    }

    /// Sets a 64-bit attribute.
    func set(_ attribute: Int, _ value: UInt64) {
        nftnl_expr_set_u64(pointer, UInt16(attribute), value)
    }

    /// Sets an 8-bit attribute.
    func set(_ attribute: Int, _ value: UInt8) {
        nftnl_expr_set_u8(pointer, UInt16(attribute), value)
    }

    /// Sets a string attribute (copied).
    func set(_ attribute: Int, _ value: String) {
        _ = value.withCString { nftnl_expr_set_str(pointer, UInt16(attribute), $0) }
    }

    /// Sets a binary attribute (copied), e.g. comparison data.
    func set(_ attribute: Int, bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { nftnl_expr_set(pointer, UInt16(attribute), $0.baseAddress, UInt32($0.count)) }
    }
}
