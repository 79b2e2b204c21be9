extension NftExpression: CustomDebugStringConvertible {
    /// The expression as libnftnl prints it for `nft --debug=netlink`, e.g.
    /// `[ payload load 2b @ transport header + 2 => reg 1 ]` or `[ cmp eq reg 1 0x00001600 ]`, so
    /// that a lowered rule can be compared line by line with what nft builds for the same text.
    public var debugDescription: String { "[ \(debugBody)]" }

    /// The text between `[ ` and `]`; each part ends with a space, as in libnftnl.
    private var debugBody: String {
        switch self {
        case .meta(let key, let destination):
            return "meta load \(key.debugName) => reg \(destination.rawValue) "
        case .metaSet(let key, let source):
            return "meta set \(key.debugName) with reg \(source.rawValue) "
        case .payload(let base, let offset, let length, let destination):
            return "payload load \(length)b @ \(base.debugName) + \(offset) => reg \(destination.rawValue) "
        case .compare(let op, let source, let data):
            return "cmp \(op.debugName) reg \(source.rawValue) \(DebugData.words(data)) "
        case .bitwise(let source, let destination, _, let mask, let xor):
            return "bitwise reg \(destination.rawValue) = ( reg \(source.rawValue) & \(DebugData.words(mask)) )"
                + " ^ \(DebugData.words(xor)) "
        case .range(let op, let source, let from, let to):
            return "range \(op.debugName) reg \(source.rawValue) \(DebugData.words(from)) \(DebugData.words(to)) "
        case .conntrack(let key, let destination):
            return "ct load \(key.debugName) => reg \(destination.rawValue) "
        case .lookup(let set, _, let source, let inverted):
            return "lookup reg \(source.rawValue) set \(set) " + (inverted ? "0x1 " : "")
        case .counter:
            return "counter pkts 0 bytes 0 "
        case .limit(let rate, let unit, let burst):
            return "limit rate \(rate)/\(DebugData.unitName(unit)) burst \(burst) type packets flags 0x0 "
        case .log(let prefix, let level):
            return "log " + (prefix.map { "prefix \($0) " } ?? "") + (level.map { "level \($0) " } ?? "")
        case .reject(let type, let code):
            return "reject type \(type.rawValue) code \(code) "
        case .immediate(let destination, let data):
            return "immediate reg \(destination.rawValue) \(DebugData.words(data)) "
        case .verdict(let verdict):
            return "immediate reg 0 \(verdict.debugName) "
        case .nat(let type, let family, let addressMin, let addressMax, let portMin, let portMax, let flags):
            return "nat \(type == .snat ? "snat" : "dnat") \(family.name) "
                + DebugData.registers(
                    ("addr_min", addressMin), ("addr_max", addressMax), ("proto_min", portMin), ("proto_max", portMax))
                + DebugData.flags(flags)
        case .masquerade(let portMin, let portMax, let flags):
            return "masq " + DebugData.registers(("proto_min", portMin), ("proto_max", portMax)) + DebugData.flags(flags)
        case .redirect(let portMin, let portMax, let flags):
            return "redir " + DebugData.registers(("proto_min", portMin), ("proto_max", portMax)) + DebugData.flags(flags)
        }
    }
}

/// libnftnl's ways of printing values.
enum DebugData {
    /// Data as 32-bit host-order words, `0x%08x` each, the last one zero-padded.
    static func words(_ bytes: [UInt8]) -> String {
        stride(from: 0, to: max(bytes.count, 1), by: 4).map { start in
            let word = UInt32(hostOrderBytes: Array(bytes[min(start, bytes.count)..<min(start + 4, bytes.count)]))
            let hex = String(word, radix: 16)
            return "0x" + String(repeating: "0", count: 8 - hex.count) + hex
        }.joined(separator: " ")
    }

    /// `second`, `minute`, `hour`, `day` or `week` for a limit's unit in seconds.
    static func unitName(_ seconds: UInt64) -> String {
        switch seconds {
        case 1: "second"
        case 60: "minute"
        case 3600: "hour"
        case 86400: "day"
        case 604_800: "week"
        default: "error"
        }
    }

    /// `name reg N ` for each register that is set.
    static func registers(_ pairs: (String, NftRegister?)...) -> String {
        pairs.compactMap { name, register in register.map { "\(name) reg \($0.rawValue) " } }.joined()
    }

    /// `flags 0x%x ` when any flag is set.
    static func flags(_ flags: UInt32) -> String { flags == 0 ? "" : "flags 0x\(String(flags, radix: 16)) " }
}

extension NftMetaKey {
    /// libnftnl's name for the key.
    var debugName: String {
        switch self {
        case .mark: "mark"
        case .iifname: "iifname"
        case .oifname: "oifname"
        case .l4proto: "l4proto"
        case .nfproto: "nfproto"
        }
    }
}

extension NftConntrackKey {
    /// libnftnl's name for the key.
    var debugName: String {
        switch self {
        case .state: "state"
        }
    }
}

extension NftPayloadBase {
    /// libnftnl's name for the base.
    var debugName: String {
        switch self {
        case .linkLayer: "link layer header"
        case .network: "network header"
        case .transport: "transport header"
        }
    }
}

extension NftCompareOperator {
    /// libnftnl's name for the operator.
    var debugName: String {
        switch self {
        case .equal: "eq"
        case .notEqual: "neq"
        case .less: "lt"
        case .lessOrEqual: "lte"
        case .greater: "gt"
        case .greaterOrEqual: "gte"
        }
    }
}

extension NftVerdict {
    /// libnftnl's text for the verdict (`accept`, `jump -> chain`).
    var debugName: String {
        switch self {
        case .accept: "accept"
        case .drop: "drop"
        case .continue: "continue"
        case .return: "return"
        case .jump(let chain): "jump -> \(chain)"
        case .goto(let chain): "goto -> \(chain)"
        }
    }
}
