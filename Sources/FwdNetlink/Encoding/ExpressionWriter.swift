internal import CLibMnl
internal import Glibc
import FwdNftables

/// Writes a rule's expressions (`NFTA_RULE_EXPRESSIONS`) straight into a message with libmnl:
/// the attributes libnftnl's expression objects would write, in the same order, without an
/// allocation, a lookup of the expression's kind by name and a copy of every value per
/// expression (a tenth of a 100,000-rule first load's user time went there). The checks are
/// ``ExpressionEncoder``'s, which stays the reference the tests compare the bytes with.
struct ExpressionWriter {
    /// The sets of the table the rule belongs to, for lookups.
    var sets: SetDirectory

    /// Appends `NFTA_RULE_EXPRESSIONS` holding `expressions` to `message`. On a problem the
    /// message is left half-written: the caller must not finish it.
    func write(_ expressions: [NftExpression], into message: UnsafeMutablePointer<nlmsghdr>)
        throws(EncodingProblem)
    {
        guard !expressions.isEmpty else { return }
        var writer = AttributeWriter(message: message)
        let list = writer.begin(NFTA_RULE_EXPRESSIONS.rawValue)
        for expression in expressions {
            let element = writer.begin(NFTA_LIST_ELEM.rawValue)
            try write(expression, with: &writer)
            writer.end(element)
        }
        writer.end(list)
    }

    private func write(_ expression: NftExpression, with writer: inout AttributeWriter) throws(EncodingProblem) {
        switch expression {
        case .meta(let key, let destination):
            writer.expression("meta") {
                $0.u32(NFTA_META_KEY.rawValue, key.kernelKey)
                $0.u32(NFTA_META_DREG.rawValue, destination.rawValue)
            }
        case .metaSet(let key, let source):
            writer.expression("meta") {
                $0.u32(NFTA_META_KEY.rawValue, key.kernelKey)
                $0.u32(NFTA_META_SREG.rawValue, source.rawValue)
            }
        case .payload(let base, let offset, let length, let destination):
            guard length > 0, length <= UInt32(ExpressionEncoder.maximumDataLength) else {
                throw EncodingProblem(
                    message: "payload length \(length) is outside 1...\(ExpressionEncoder.maximumDataLength)")
            }
            writer.expression("payload") {
                $0.u32(NFTA_PAYLOAD_DREG.rawValue, destination.rawValue)
                $0.u32(NFTA_PAYLOAD_BASE.rawValue, base.kernelBase)
                $0.u32(NFTA_PAYLOAD_OFFSET.rawValue, offset)
                $0.u32(NFTA_PAYLOAD_LEN.rawValue, length)
            }
        case .compare(let comparison, let source, let data):
            try ExpressionEncoder.checkData(data, "compare data")
            writer.expression("cmp") {
                $0.u32(NFTA_CMP_SREG.rawValue, source.rawValue)
                $0.u32(NFTA_CMP_OP.rawValue, comparison.kernelOperator)
                $0.value(NFTA_CMP_DATA.rawValue, data)
            }
        case .bitwise(let source, let destination, let length, let mask, let xor):
            try ExpressionEncoder.checkData(mask, "bitwise mask")
            try ExpressionEncoder.checkData(xor, "bitwise xor")
            guard mask.count == Int(length), xor.count == Int(length) else {
                throw EncodingProblem(
                    message: "bitwise length \(length) but mask has \(mask.count) and xor \(xor.count) bytes")
            }
            writer.expression("bitwise") {
                $0.u32(NFTA_BITWISE_SREG.rawValue, source.rawValue)
                $0.u32(NFTA_BITWISE_DREG.rawValue, destination.rawValue)
                $0.u32(NFTA_BITWISE_LEN.rawValue, length)
                $0.value(NFTA_BITWISE_MASK.rawValue, mask)
                $0.value(NFTA_BITWISE_XOR.rawValue, xor)
            }
        case .range(let comparison, let source, let from, let to):
            try ExpressionEncoder.checkRange(comparison, from: from, to: to)
            writer.expression("range") {
                $0.u32(NFTA_RANGE_SREG.rawValue, source.rawValue)
                $0.u32(NFTA_RANGE_OP.rawValue, comparison.kernelOperator)
                $0.value(NFTA_RANGE_FROM_DATA.rawValue, from)
                $0.value(NFTA_RANGE_TO_DATA.rawValue, to)
            }
        case .conntrack(let key, let destination):
            writer.expression("ct") {
                $0.u32(NFTA_CT_KEY.rawValue, key.kernelKey)
                $0.u32(NFTA_CT_DREG.rawValue, destination.rawValue)
            }
        case .lookup(let set, let setID, let source, let inverted):
            guard let reference = sets.resolve(name: set, id: setID) else {
                throw EncodingProblem(message: "lookup in set \"\(set)\" (id \(setID)), which the table does not define")
            }
            writer.expression("lookup") {
                $0.u32(NFTA_LOOKUP_SREG.rawValue, source.rawValue)
                $0.string(NFTA_LOOKUP_SET.rawValue, reference.kernelName)
                $0.u32(NFTA_LOOKUP_SET_ID.rawValue, reference.batchID)
                if inverted { $0.u32(NFTA_LOOKUP_FLAGS.rawValue, NFT_LOOKUP_F_INV.rawValue) }
            }
        case .counter:
            writer.expression("counter") { _ in }
        case .limit(let rate, let unit, let burst):
            guard rate > 0, unit > 0 else { throw EncodingProblem(message: "limit rate and unit must be positive") }
            writer.expression("limit") {
                $0.u64(NFTA_LIMIT_RATE.rawValue, rate)
                $0.u64(NFTA_LIMIT_UNIT.rawValue, unit)
                $0.u32(NFTA_LIMIT_BURST.rawValue, burst)
                $0.u32(NFTA_LIMIT_TYPE.rawValue, NFT_LIMIT_PKTS.rawValue)
                $0.u32(NFTA_LIMIT_FLAGS.rawValue, 0)
            }
        case .log(let prefix, let level):
            if let prefix { try ExpressionEncoder.checkLogPrefix(prefix) }
            writer.expression("log") {
                if let prefix { $0.string(NFTA_LOG_PREFIX.rawValue, prefix) }
                if let level { $0.u32(NFTA_LOG_LEVEL.rawValue, level) }
            }
        case .reject(let type, let code):
            writer.expression("reject") {
                $0.u32(NFTA_REJECT_TYPE.rawValue, type.kernelType)
                $0.u8(NFTA_REJECT_ICMP_CODE.rawValue, code)
            }
        case .immediate(let destination, let data):
            try ExpressionEncoder.checkData(data, "immediate data")
            writer.expression("immediate") {
                $0.u32(NFTA_IMMEDIATE_DREG.rawValue, destination.rawValue)
                $0.value(NFTA_IMMEDIATE_DATA.rawValue, data)
            }
        case .verdict(let verdict):
            if let chain = verdict.targetChain, chain.isEmpty {
                throw EncodingProblem(message: "jump/goto without a chain name")
            }
            writer.expression("immediate") {
                $0.u32(NFTA_IMMEDIATE_DREG.rawValue, NftRegister.verdict.rawValue)
                let data = $0.begin(NFTA_IMMEDIATE_DATA.rawValue)
                let nested = $0.begin(NFTA_DATA_VERDICT.rawValue)
                $0.u32(NFTA_VERDICT_CODE.rawValue, verdict.kernelCode)
                if let chain = verdict.targetChain { $0.string(NFTA_VERDICT_CHAIN.rawValue, chain) }
                $0.end(nested)
                $0.end(data)
            }
        case .nat(let type, let family, let addressMin, let addressMax, let portMin, let portMax, let flags):
            guard family != .inet else {
                throw EncodingProblem(message: "snat/dnat needs the address family ip or ip6, not inet")
            }
            writer.expression("nat") {
                $0.u32(NFTA_NAT_TYPE.rawValue, type.kernelType)
                $0.u32(NFTA_NAT_FAMILY.rawValue, UInt32(family.kernelFamily))
                if let addressMin { $0.u32(NFTA_NAT_REG_ADDR_MIN.rawValue, addressMin.rawValue) }
                if let addressMax { $0.u32(NFTA_NAT_REG_ADDR_MAX.rawValue, addressMax.rawValue) }
                if let portMin { $0.u32(NFTA_NAT_REG_PROTO_MIN.rawValue, portMin.rawValue) }
                if let portMax { $0.u32(NFTA_NAT_REG_PROTO_MAX.rawValue, portMax.rawValue) }
                if flags != 0 { $0.u32(NFTA_NAT_FLAGS.rawValue, flags) }
            }
        case .masquerade(let portMin, let portMax, let flags):
            writer.expression("masq") {
                if flags != 0 { $0.u32(NFTA_MASQ_FLAGS.rawValue, flags) }
                if let portMin { $0.u32(NFTA_MASQ_REG_PROTO_MIN.rawValue, portMin.rawValue) }
                if let portMax { $0.u32(NFTA_MASQ_REG_PROTO_MAX.rawValue, portMax.rawValue) }
            }
        case .redirect(let portMin, let portMax, let flags):
            writer.expression("redir") {
                if let portMin { $0.u32(NFTA_REDIR_REG_PROTO_MIN.rawValue, portMin.rawValue) }
                if let portMax { $0.u32(NFTA_REDIR_REG_PROTO_MAX.rawValue, portMax.rawValue) }
                if flags != 0 { $0.u32(NFTA_REDIR_FLAGS.rawValue, flags) }
            }
        }
    }
}

/// Netlink attributes appended to one message (libmnl), integers in network byte order as the
/// kernel reads them.
struct AttributeWriter {
    let message: UnsafeMutablePointer<nlmsghdr>

    /// Opens a nested attribute; close it with ``end(_:)``.
    mutating func begin(_ type: UInt32) -> UnsafeMutablePointer<nlattr> {
        mnl_attr_nest_start(message, UInt16(type))
    }

    mutating func end(_ nest: UnsafeMutablePointer<nlattr>) { mnl_attr_nest_end(message, nest) }

    mutating func u8(_ type: UInt32, _ value: UInt8) { mnl_attr_put_u8(message, UInt16(type), value) }

    mutating func u32(_ type: UInt32, _ value: UInt32) { mnl_attr_put_u32(message, UInt16(type), value.bigEndian) }

    mutating func u64(_ type: UInt32, _ value: UInt64) { mnl_attr_put_u64(message, UInt16(type), value.bigEndian) }

    /// A NUL-terminated string.
    mutating func string(_ type: UInt32, _ value: String) {
        value.withCString { mnl_attr_put_strz(message, UInt16(type), $0) }
    }

    /// `type` nesting `NFTA_DATA_VALUE` with `bytes`, as a data register is sent.
    mutating func value(_ type: UInt32, _ bytes: [UInt8]) {
        let nest = begin(type)
        bytes.withUnsafeBytes { mnl_attr_put(message, UInt16(NFTA_DATA_VALUE.rawValue), $0.count, $0.baseAddress) }
        end(nest)
    }

    /// One expression: its kind's name (`NFTA_EXPR_NAME`), then `NFTA_EXPR_DATA` holding what
    /// `attributes` writes.
    mutating func expression(_ name: StaticString, _ attributes: (inout AttributeWriter) -> Void) {
        name.withUTF8Buffer { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { mnl_attr_put_strz(message, UInt16(NFTA_EXPR_NAME.rawValue), $0.baseAddress!) }
        }
        let data = begin(NFTA_EXPR_DATA.rawValue)
        attributes(&self)
        end(data)
    }
}
