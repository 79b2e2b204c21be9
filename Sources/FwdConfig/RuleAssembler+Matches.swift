import FwdModel

extension RuleAssembler {
    /// Parses a match key (or the comment) into the rule.
    mutating func applyMatch(_ entry: ExpandedEntry) {
        let key = entry.key
        let negated = entry.negated
        switch key {
        case .proto:
            if let proto = parseProtocol(entry.items[0]) { rule.proto = Negatable(proto, negated: negated) }
        case .source, .destination:
            if applySetReference(entry, field: key == .source ? .source : .destination) { return }
            if let list = parseAddresses(entry.items, key: key) {
                let value = Negatable(list, negated: negated)
                if key == .source { rule.source = value } else { rule.destination = value }
            }
        case .inInterface, .outInterface:
            if let interface = parseInterface(entry.items[0], key: key) {
                let value = Negatable(interface, negated: negated)
                if key == .inInterface { rule.inInterface = value } else { rule.outInterface = value }
            }
        case .sourcePort, .destinationPort:
            if applySetReference(entry, field: key == .sourcePort ? .sourcePort : .destinationPort) { return }
            if let ports = parsePorts(entry.items, key: key) {
                let value = Negatable(ports, negated: negated)
                if key == .sourcePort { rule.sourcePort = value } else { rule.destinationPort = value }
            }
        case .connectionState:
            if let states = parseStates(entry.items) { rule.connectionState = Negatable(states, negated: negated) }
        case .icmpType:
            if let type = parseICMPType(entry.items[0]) { rule.icmpType = Negatable(type, negated: negated) }
        case .mark:
            if let mark = parseMark(entry.items[0], key: key) { rule.mark = Negatable(mark, negated: negated) }
        case .comment:
            if let text = parseText(entry.items[0], key: key, limit: Rule.maximumCommentLength) { rule.comment = text }
        case .limit, .limitBurst, .jump, .goto, .rejectWith, .logPrefix, .logLevel, .toSource, .toDestination,
            .toPorts, .setMark, .use:
            break
        }
    }

    private mutating func parseProtocol(_ item: ValueItem) -> IPProtocol? {
        let proto = IPProtocol(parsing: item.text)
        if proto.isValid { return proto }
        if item.text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
            reject(item, key: .proto, "is not a protocol number 0...255")
        } else {
            reject(item, key: .proto, "is not a known protocol" + didYouMean(item.text, among: IPProtocol.names.map(\.name)))
        }
        return nil
    }

    private mutating func parseAddresses(_ items: [ValueItem], key: RuleKey) -> AddressList? {
        var addresses: [AddressSpec] = []
        var valid = true
        for item in commaSeparated(items, key: key) {
            let address = FastParsers.address(item.text) ?? AddressSpec(parsing: item.text)
            if case .invalid(_, let reason) = address {
                report(item.location, "\(key.name): \(reason)" + (item.origin.map { " (from \($0))" } ?? ""))
                valid = false
            } else {
                addresses.append(address)
            }
        }
        return valid && !addresses.isEmpty ? AddressList(addresses) : nil
    }

    private mutating func parseInterface(_ item: ValueItem, key: RuleKey) -> Interface? {
        let name = item.text
        if name.utf8.count > Interface.maximumLength {
            reject(item, key: key, "is \(name.utf8.count) bytes; interface names have at most \(Interface.maximumLength)")
            return nil
        }
        if !name.isPrintableASCII(except: UInt8(ascii: "/"), orSpace: false),
            name.contains(where: { $0 == "/" || $0 == " " || $0 == "\t" || $0.isNewline || $0 == "\0" })
        {
            reject(item, key: key, "holds a character interface names cannot have (blank, '/' or line break)")
            return nil
        }
        return Interface(name)
    }

    private mutating func parsePorts(_ items: [ValueItem], key: RuleKey) -> PortList? {
        var ranges: [PortRange] = []
        var valid = true
        for item in commaSeparated(items, key: key) {
            guard let range = FastParsers.port(item.text) ?? PortRange(parsing: item.text) else {
                reject(item, key: key, "is not a port or port range (22, 8000-8100)")
                valid = false
                continue
            }
            if !(0...65535).contains(range.lower) || !(0...65535).contains(range.upper) {
                reject(item, key: key, "is out of range: ports are 0...65535")
                valid = false
            } else if range.lower > range.upper {
                reject(item, key: key, "ends before it starts")
                valid = false
            } else {
                ranges.append(range)
            }
        }
        return valid && !ranges.isEmpty ? PortList(ranges) : nil
    }

    private mutating func parseStates(_ items: [ValueItem]) -> ConnectionStates? {
        var states: ConnectionStates = []
        var valid = true
        for item in commaSeparated(items, key: .connectionState) {
            guard let state = FastParsers.connectionState(item.text) ?? ConnectionStates(parsing: item.text) else {
                reject(item, key: .connectionState, "is not a connection state"
                    + didYouMean(item.text.uppercased(), among: ConnectionStates.named.map(\.name))
                    + " (states: " + ConnectionStates.named.map(\.name).joined(separator: ", ") + ")")
                valid = false
                continue
            }
            states.formUnion(state)
        }
        return valid && !states.isEmpty ? states : nil
    }

    private mutating func parseICMPType(_ item: ValueItem) -> ICMPType? {
        let type = ICMPType(item.text)
        if type.resolved(for: .ipv4) != nil || type.resolved(for: .ipv6) != nil { return type }
        let names = Set(ICMPType.ipv4Names.map(\.name) + ICMPType.ipv6Names.map(\.name))
        reject(item, key: .icmpType, "is not an ICMP or ICMPv6 type name or number (type or type/code)"
            + didYouMean(item.text, among: Array(names)))
        return nil
    }

    /// A mark `0x10` or `0x10/0xff`.
    mutating func parseMark(_ item: ValueItem, key: RuleKey) -> MarkValue? {
        if let mark = FastParsers.mark(item.text) ?? MarkValue(parsing: item.text) { return mark }
        reject(item, key: key, "is not a mark (a 32-bit number like 16 or 0x10, optionally /mask: 0x10/0xff)")
        return nil
    }

    /// Free text of at most `limit` bytes without line breaks or NUL.
    mutating func parseText(_ item: ValueItem, key: RuleKey, limit: Int) -> String? {
        let text = item.text
        if text.utf8.count > limit {
            reject(item, key: key, "is \(text.utf8.count) bytes; at most \(limit) fit")
            return nil
        }
        if !text.isPrintableASCII(except: 0), text.contains(where: { $0.isNewline || $0 == "\0" }) {
            reject(item, key: key, "holds a line break or NUL")
            return nil
        }
        return text
    }
}
