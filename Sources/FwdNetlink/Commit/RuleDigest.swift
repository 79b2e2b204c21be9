internal import CLibMnl

/// The identity of a rule in the kernel: the first 16 bytes of a SHA-256 over everything that
/// defines the rule (see ``RuleDigester``). fwd stores it in every rule's userdata under its own
/// TLV type, so that a re-apply can tell which of the kernel's rules it would send again unchanged.
struct RuleDigest: Hashable {
    var high: UInt64
    var low: UInt64

    /// The digest whose first 8 bytes are `high` and last 8 `low` (big-endian halves).
    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The digest's 16 bytes, in order.
    init<Bytes: Sequence<UInt8>>(prefixOf bytes: Bytes) {
        var high: UInt64 = 0
        var low: UInt64 = 0
        for (index, byte) in bytes.prefix(Self.byteCount).enumerated() {
            if index < 8 { high = high << 8 | UInt64(byte) } else { low = low << 8 | UInt64(byte) }
        }
        self.high = high
        self.low = low
    }

    /// Stored length.
    static let byteCount = 16

    /// fwd's userdata TLV type for the digest. nft 1.0.6 reads only the comment
    /// (`NFTNL_UDATA_RULE_COMMENT` = 0) and skips other types (`rule_parse_udata_cb`), so the
    /// rule prints as before; libnftnl knows types up to `NFTNL_UDATA_RULE_MAX`, fwd's lies far above.
    static let userDataType: UInt8 = 0xF0

    /// The 16 bytes.
    var bytes: [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * $0)) }
            + (0..<8).map { UInt8(truncatingIfNeeded: low >> (56 - 8 * $0)) }
    }

    /// The rule userdata fwd sends: the comment (as nft writes it), then the digest. Both always
    /// fit in the kernel's 256 bytes: ``RulesetChecks`` refuses comments over 128 bytes. (A rule
    /// whose digest did not fit would only be sent again on every commit: correct, not incremental.)
    static func userData(comment: String?, digest: RuleDigest) throws(NftSystemError) -> NftnlUserData {
        var userData = try NftnlUserData()
        if let comment { _ = userData.put(NFTNL_UDATA_RULE_COMMENT.rawValue, string: comment) }
        _ = userData.put(UInt32(userDataType), bytes: digest.bytes)
        return userData
    }

    /// The digest found in userdata read from the kernel, nil when there is none of the right size.
    static func find(in userData: UnsafeRawBufferPointer) -> RuleDigest? {
        var offset = 0
        while offset + 2 <= userData.count {
            let type = userData[offset]
            let length = Int(userData[offset + 1])
            let valueStart = offset + 2
            guard valueStart + length <= userData.count else { return nil }
            if type == userDataType {
                guard length == byteCount else { return nil }
                return RuleDigest(prefixOf: userData[valueStart..<valueStart + length])
            }
            offset = valueStart + length
        }
        return nil
    }
}
