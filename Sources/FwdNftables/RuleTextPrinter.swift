/// Prints a rule's statements as `nft list ruleset` does, including nft's removal of dependency
/// matches: `meta nfproto ipv4` disappears when a later `ip saddr`, `meta l4proto icmp` or
/// `reject with icmp` implies it, and `meta l4proto tcp` when a later `tcp dport` does.
struct RuleTextPrinter {
    /// The family the rule has established with `meta nfproto`.
    var network: NftFamily?
    /// The protocol the rule has established with `meta l4proto`.
    var transport: UInt8?
    /// The printed statements; a removed dependency becomes nil.
    private var parts: [String?] = []
    private var networkDependency: Int?
    private var transportDependency: Int?

    /// The rule's text, without indentation.
    static func text(of rule: NftRule) -> String {
        var printer = RuleTextPrinter()
        for statement in NftStatement.statements(of: rule.expressions) { printer.print(statement) }
        var text = printer.parts.compactMap { $0 }.joined(separator: " ")
        if let comment = rule.comment { text += (text.isEmpty ? "" : " ") + "comment \"\(comment)\"" }
        return text
    }

    private mutating func print(_ statement: NftStatement) {
        switch statement {
        case .match(.meta(let key), let mask, let op, let value):
            printMeta(key, mask: mask, op, value)
        case .match(.conntrack(.state), let mask, let op, let value):
            parts.append("ct state " + RuleTextPrinter.connectionStates(mask: mask, op, value))
        case .match(.payload(let base, let offset, let length), let mask, let op, let value):
            printPayload(base, offset: offset, length: length) { field in
                field.text(op == .equal ? .equal(value, mask: mask) : .notEqual(value, mask: mask))
            }
        case .between(.payload(let base, let offset, let length), let from, let to):
            printPayload(base, offset: offset, length: length) { $0.text(.range(from, to, negated: false)) }
        case .range(.payload(let base, let offset, let length), let op, let from, let to):
            printPayload(base, offset: offset, length: length) { $0.text(.range(from, to, negated: op != .equal)) }
        case .lookup(.payload(let base, let offset, let length), let set, let inverted):
            printPayload(base, offset: offset, length: length) { $0.text(.set(set, negated: inverted)) }
        case .reject(let type, let code):
            if type == .icmpUnreachable { killNetworkDependency() }
            parts.append(RuleTextPrinter.reject(type, code: code, network: network))
        case .match, .between, .range, .lookup, .markSet, .markSetMasked, .nat, .masquerade, .redirect, .verdict,
            .log, .limit, .counter, .unknown:
            parts.append(RuleTextPrinter.action(statement))
        }
    }

    private mutating func printMeta(_ key: NftMetaKey, mask: [UInt8]?, _ op: NftCompareOperator, _ value: [UInt8]) {
        let not = op == .equal ? "" : "!= "
        let first = value.first ?? 0
        switch key {
        case .nfproto:
            parts.append("meta nfproto \(not)\(first == 2 ? "ipv4" : first == 10 ? "ipv6" : String(first))")
            if op == .equal {
                network = first == 2 ? .ip : first == 10 ? .ip6 : nil
                networkDependency = parts.count - 1
            }
        case .l4proto:
            parts.append("meta l4proto \(not)\(NftNames.name(first, in: NftNames.protocols))")
            if op == .equal {
                if (first == 1 && network == .ip) || (first == 58 && network == .ip6) { killNetworkDependency() }
                transport = first
                transportDependency = parts.count - 1
            }
        case .iifname, .oifname:
            parts.append("\(key.debugName) \(not)\(RuleTextPrinter.interfaceName(value))")
        case .mark:
            let hex = RuleTextPrinter.hex32(value)
            if let mask {
                parts.append("meta mark & \(RuleTextPrinter.hex32(mask)) \(op == .equal ? "==" : "!=") \(hex)")
            } else {
                parts.append("meta mark \(not)\(hex)")
            }
        }
    }

    /// Prints a payload relation through the field it reads, removing the dependency it implies.
    private mutating func printPayload(
        _ base: NftPayloadBase, offset: UInt32, length: UInt32, text: (PayloadField) -> String
    ) {
        let field = PayloadField(base: base, offset: offset, length: length, network: network, transport: transport)
        switch base {
        case .network: killNetworkDependency()
        case .transport: killTransportDependency()
        case .linkLayer: break
        }
        parts.append(text(field))
    }

    private mutating func killNetworkDependency() {
        if let index = networkDependency { parts[index] = nil }
        networkDependency = nil
    }

    private mutating func killTransportDependency() {
        if let index = transportDependency { parts[index] = nil }
        transportDependency = nil
    }
}

extension RuleTextPrinter {
    /// `"eth0"`, or `"eth*"` for a prefix comparison (shorter than 16 bytes, no NUL); a literal
    /// `*` ending a full name is escaped as `\*`.
    static func interfaceName(_ value: [UInt8]) -> String {
        let isPrefix = value.count < 16 && !value.contains(0)
        let name = String(decoding: value.prefix { $0 != 0 }, as: UTF8.self)
        if isPrefix { return "\"\(name)*\"" }
        return name.hasSuffix("*") ? "\"\(name.dropLast())\\*\"" : "\"\(name)\""
    }

    /// A 32-bit host-order value as `0x%08x`.
    static func hex32(_ value: [UInt8]) -> String {
        let hex = String(UInt32(hostOrderBytes: value), radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - hex.count)) + hex
    }

    /// `established,related`, `! established,related` or `!= invalid`.
    static func connectionStates(mask: [UInt8]?, _ op: NftCompareOperator, _ value: [UInt8]) -> String {
        func names(_ bits: UInt32, separator: String) -> String {
            let known = NftNames.connectionStates.filter { bits & $0.bit != 0 }
            let unknown = bits & ~known.reduce(0) { $0 | $1.bit }
            return (known.map(\.name) + (unknown == 0 ? [] : [hex32(unknown.hostOrderBytes)]))
                .joined(separator: separator)
        }
        if let mask {
            let bits = UInt32(hostOrderBytes: mask)
            return (op == .equal ? "! " : "") + names(bits, separator: ",")
        }
        return (op == .equal ? "" : "!= ") + names(UInt32(hostOrderBytes: value), separator: " | ")
    }
}
