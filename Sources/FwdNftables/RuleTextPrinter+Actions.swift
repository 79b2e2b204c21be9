extension RuleTextPrinter {
    /// `reject`, `reject with icmpx …`, `reject with icmp …` (the family from `meta nfproto`),
    /// `reject with tcp reset`.
    static func reject(_ type: NftRejectType, code: UInt8, network: NftFamily?) -> String {
        switch type {
        case .tcpReset:
            return "reject with tcp reset"
        case .icmpxUnreachable:
            return code == 1 ? "reject" : "reject with icmpx \(NftNames.name(code, in: NftNames.icmpxCodes))"
        case .icmpUnreachable:
            return network == .ip6
                ? "reject with icmpv6 \(NftNames.name(code, in: NftNames.icmpv6Codes))"
                : "reject with icmp \(NftNames.name(code, in: NftNames.icmpCodes))"
        }
    }

    /// The text of a statement that does not depend on the protocol context.
    static func action(_ statement: NftStatement) -> String {
        switch statement {
        case .verdict(let verdict):
            switch verdict {
            case .accept: "accept"
            case .drop: "drop"
            case .continue: "continue"
            case .return: "return"
            case .jump(let chain): "jump \(chain)"
            case .goto(let chain): "goto \(chain)"
            }
        case .log(let prefix, let level):
            "log" + (prefix.map { " prefix \"\($0)\"" } ?? "")
                + (level.flatMap { $0 == 4 ? nil : " level \(NftNames.name($0, in: NftNames.logLevels))" } ?? "")
        case .limit(let rate, let unit, let burst):
            "limit rate \(rate)/\(DebugData.unitName(unit))" + (burst == 5 ? "" : " burst \(burst) packets")
        case .markSet(let value):
            "meta mark set \(hex32(value))"
        case .markSetMasked(let mask, let xor):
            markSet(mask: UInt32(hostOrderBytes: mask), xor: UInt32(hostOrderBytes: xor))
        case .nat(let type, let family, let addresses, let ports):
            "\(type == .snat ? "snat" : "dnat") \(family.name) to " + natTarget(family, addresses, ports)
        case .masquerade(let ports):
            "masquerade" + (ports.isEmpty ? "" : " to :" + portRange(ports))
        case .redirect(let ports):
            "redirect" + (ports.isEmpty ? "" : " to :" + portRange(ports))
        case .counter:
            "counter packets 0 bytes 0"
        case .reject(let type, let code):
            reject(type, code: code, network: nil)
        case .unknown(let expression):
            expression.debugDescription
        case .match(let operand, _, _, _), .between(let operand, _, _), .range(let operand, _, _, _),
            .lookup(let operand, _, _):
            "\(operand)"
        }
    }

    /// nft's view of `(mark & m) ^ x`: the bits of `x` outside `m` are or-ed (`|`), those inside
    /// are xor-ed (`^`), and the and-mask printed includes the or-ed bits.
    private static func markSet(mask: UInt32, xor: UInt32) -> String {
        let or = xor & ~mask
        let flip = xor & mask
        let and = mask | or
        var text = "meta mark set meta mark"
        if and != .max { text += " & " + hex32(and.hostOrderBytes) }
        if flip != 0 { text += " ^ " + hex32(flip.hostOrderBytes) }
        if or != 0 { text += " | " + hex32(or.hostOrderBytes) }
        return text
    }

    private static func natTarget(_ family: NftFamily, _ addresses: [[UInt8]], _ ports: [[UInt8]]) -> String {
        let texts = addresses.map(AddressText.address)
        guard !ports.isEmpty else { return texts.joined(separator: "-") }
        let bracketed = family == .ip6 ? texts.map { "[\($0)]" } : texts
        return bracketed.joined(separator: "-") + ":" + portRange(ports)
    }

    private static func portRange(_ ports: [[UInt8]]) -> String {
        ports.map { String(UInt16($0.first ?? 0) << 8 | UInt16($0.dropFirst().first ?? 0)) }.joined(separator: "-")
    }
}
