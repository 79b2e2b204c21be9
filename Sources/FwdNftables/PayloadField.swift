/// A header field a payload expression reads, named as nft names it in the rule's protocol
/// context (`ip saddr`, `tcp dport`, `icmp type`), with its value formatting.
struct PayloadField {
    /// How the field relates to its value.
    enum Relation {
        case equal([UInt8], mask: [UInt8]?)
        case notEqual([UInt8], mask: [UInt8]?)
        case range([UInt8], [UInt8], negated: Bool)
        case set(String, negated: Bool)
    }

    var base: NftPayloadBase
    var offset: UInt32
    var length: UInt32
    /// The family established by `meta nfproto`.
    var network: NftFamily?
    /// The protocol established by `meta l4proto`.
    var transport: UInt8?

    /// `ip saddr != 10.0.0.0/8`, `tcp dport { … }`, `icmp type echo-request`, …
    func text(_ relation: Relation) -> String {
        switch (base, network, transport) {
        case (.network, .ip?, _) where offset == 12 || offset == 16:
            return address(offset == 12 ? "ip saddr" : "ip daddr", fullLength: 4, relation)
        case (.network, .ip6?, _) where offset == 8 || offset == 24:
            return address(offset == 8 ? "ip6 saddr" : "ip6 daddr", fullLength: 16, relation)
        case (.transport, _, let proto?) where NftNames.portProtocols[proto] != nil:
            return ports(NftNames.portProtocols[proto] ?? "th", relation)
        case (.transport, _, 1?):
            return icmp("icmp", types: NftNames.icmpTypes, codes: NftNames.icmpCodes, relation)
        case (.transport, _, 58?):
            return icmp("icmpv6", types: NftNames.icmpv6Types, codes: NftNames.icmpv6Codes, relation)
        default:
            return raw(relation)
        }
    }

    private func address(_ field: String, fullLength: UInt32, _ relation: Relation) -> String {
        func value(_ bytes: [UInt8], mask: [UInt8]?) -> String {
            if let mask, let prefixLength = KeyBytes.prefixLength(ofMask: mask) {
                return "\(AddressText.address(bytes, width: Int(fullLength)))/\(prefixLength)"
            }
            if length < fullLength { return "\(AddressText.address(bytes, width: Int(fullLength)))/\(length * 8)" }
            return AddressText.address(bytes, width: Int(fullLength))
        }
        return field + " " + relationText(relation, value: value)
    }

    private func ports(_ proto: String, _ relation: Relation) -> String {
        let port: ([UInt8]) -> String = { String(UInt16($0.first ?? 0) << 8 | UInt16($0.dropFirst().first ?? 0)) }
        switch (offset, length, relation) {
        case (0, 4, .equal(let value, nil)), (0, 4, .notEqual(let value, nil)):
            let not = if case .notEqual = relation { "!= " } else { "" }
            return "\(proto) sport \(not)\(port(Array(value.prefix(2)))) \(proto) dport \(not)\(port(Array(value.dropFirst(2))))"
        case (0, 2, _):
            return "\(proto) sport " + relationText(relation) { bytes, _ in port(bytes) }
        case (2, 2, _):
            return "\(proto) dport " + relationText(relation) { bytes, _ in port(bytes) }
        default:
            return raw(relation)
        }
    }

    private func icmp(_ proto: String, types: [UInt8: String], codes: [UInt8: String], _ relation: Relation) -> String {
        switch (offset, length, relation) {
        case (0, 2, .equal(let value, nil)), (0, 2, .notEqual(let value, nil)):
            let not = if case .notEqual = relation { "!= " } else { "" }
            return "\(proto) type \(not)\(NftNames.name(value.first ?? 0, in: types))"
                + " \(proto) code \(not)\(NftNames.name(value.dropFirst().first ?? 0, in: codes))"
        case (0, 1, _):
            return "\(proto) type " + relationText(relation) { bytes, _ in NftNames.name(bytes.first ?? 0, in: types) }
        case (1, 1, _):
            return "\(proto) code " + relationText(relation) { bytes, _ in NftNames.name(bytes.first ?? 0, in: codes) }
        default:
            return raw(relation)
        }
    }

    /// nft's raw payload syntax, `@th,16,16 0x0016`, for a field it has no name for.
    private func raw(_ relation: Relation) -> String {
        let prefix = switch base {
        case .linkLayer: "@ll"
        case .network: "@nh"
        case .transport: "@th"
        }
        let hex: ([UInt8], [UInt8]?) -> String = { bytes, _ in
            "0x" + bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        }
        return "\(prefix),\(offset * 8),\(length * 8) " + relationText(relation, value: hex)
    }

    private func relationText(_ relation: Relation, value: ([UInt8], [UInt8]?) -> String) -> String {
        switch relation {
        case .equal(let bytes, let mask): value(bytes, mask)
        case .notEqual(let bytes, let mask): "!= " + value(bytes, mask)
        case .range(let from, let to, let negated): (negated ? "!= " : "") + value(from, nil) + "-" + value(to, nil)
        case .set(let name, let negated): (negated ? "!= " : "") + "@" + name
        }
    }
}
