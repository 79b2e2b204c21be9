internal import CLibMnl

/// A libnftnl rule (`struct nftnl_rule`) with its expressions, freed when the wrapper goes away.
struct NftnlRule: ~Copyable {
    let pointer: OpaquePointer

    /// An empty rule object.
    init() throws(NftSystemError) {
        guard let rule = nftnl_rule_alloc() else { throw .outOfMemory("a rule") }
        pointer = rule
    }

    /// Parses a `NFT_MSG_NEWRULE` message from a dump; nil if malformed.
    init?(parsing message: UnsafePointer<nlmsghdr>) throws(NftSystemError) {
        try self.init()
        guard nftnl_rule_nlmsg_parse(message, pointer) >= 0 else { return nil }
    }

    deinit { nftnl_rule_free(pointer) }

    private static func id(_ attribute: nftnl_rule_attr) -> UInt16 { UInt16(attribute.rawValue) }

    /// Sets a string attribute (copied).
    func set(_ attribute: nftnl_rule_attr, _ value: String) {
        _ = value.withCString { nftnl_rule_set_str(pointer, Self.id(attribute), $0) }
    }

    /// Sets a 32-bit attribute.
    func set(_ attribute: nftnl_rule_attr, _ value: UInt32) {
        nftnl_rule_set_u32(pointer, Self.id(attribute), value)
    }

    /// Sets a 64-bit attribute (a handle or position).
    func set(_ attribute: nftnl_rule_attr, _ value: UInt64) {
        nftnl_rule_set_u64(pointer, Self.id(attribute), value)
    }

    /// A string attribute, empty when absent.
    func string(_ attribute: nftnl_rule_attr) -> String {
        nftnl_rule_get_str(pointer, Self.id(attribute)).map { String(cString: $0) } ?? ""
    }

    /// Copies `userData` into the rule (`NFTA_RULE_USERDATA`).
    func setUserData(_ userData: borrowing NftnlUserData) {
        userData.withBytes { bytes, length in
            _ = nftnl_rule_set_data(pointer, Self.id(NFTNL_RULE_USERDATA), bytes, length)
        }
    }

    /// Appends `expression`; the rule owns it from now on.
    func append(_ expression: consuming NftnlExpression) {
        nftnl_rule_add_expr(pointer, expression.release())
    }

    /// Writes the rule's attributes and expressions into `message`.
    func writePayload(into message: UnsafeMutablePointer<nlmsghdr>) {
        nftnl_rule_nlmsg_build_payload(message, pointer)
    }
}
