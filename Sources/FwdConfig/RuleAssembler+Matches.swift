import FwdModel

extension RuleAssembler {
    /// Parses a match key (or the comment) into the rule.
    mutating func applyMatch(_ entry: ExpandedEntry) {
        let key = entry.key
        let negated = entry.negated
        switch key {
        case .proto, .inInterface, .outInterface, .icmpType, .mark, .comment:
            applySingleMatch(key, entry.items[0], negated: negated)
        case .source, .destination:
            if applySetReference(entry, field: key == .source ? .source : .destination) { return }
            if let list = parseAddresses(entry.items, key: key) {
                let value = Negatable(list, negated: negated)
                if key == .source { rule.source = value } else { rule.destination = value }
            }
        case .sourcePort, .destinationPort:
            if applySetReference(entry, field: key == .sourcePort ? .sourcePort : .destinationPort) { return }
            if let ports = parsePorts(entry.items, key: key) {
                let value = Negatable(ports, negated: negated)
                if key == .sourcePort { rule.sourcePort = value } else { rule.destinationPort = value }
            }
        case .connectionState:
            if let states = parseStates(entry.items) { rule.connectionState = Negatable(states, negated: negated) }
        case .limit, .limitBurst, .jump, .goto, .rejectWith, .logPrefix, .logLevel, .toSource, .toDestination,
            .toPorts, .setMark, .use:
            break
        }
    }

    /// Parses the one value of a match key that takes one (`proto`, the interfaces, `icmp-type`,
    /// `mark`, `comment`) into the rule.
    mutating func applySingleMatch(_ key: RuleKey, _ item: ValueItem, negated: Bool) {
        switch key {
        case .proto:
            if let proto = parseProtocol(item) { rule.proto = Negatable(proto, negated: negated) }
        case .inInterface, .outInterface:
            if let interface = parseInterface(item, key: key) {
                let value = Negatable(interface, negated: negated)
                if key == .inInterface { rule.inInterface = value } else { rule.outInterface = value }
            }
        case .icmpType:
            if let type = parseICMPType(item) { rule.icmpType = Negatable(type, negated: negated) }
        case .mark:
            if let mark = parseMark(item, key: key) { rule.mark = Negatable(mark, negated: negated) }
        case .comment:
            if let text = parseText(item, key: key, limit: Rule.maximumCommentLength) { rule.comment = text }
        case .source, .destination, .sourcePort, .destinationPort, .connectionState, .limit, .limitBurst, .jump,
            .goto, .rejectWith, .logPrefix, .logLevel, .toSource, .toDestination, .toPorts, .setMark, .use:
            break
        }
    }

    private mutating func parseProtocol(_ item: ValueItem) -> IPProtocol? {
        let proto = FastParsers.ipProtocol(item.text) ?? IPProtocol(parsing: item.text)
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
            if let address = parseAddress(item, key: key) { addresses.append(address) } else { valid = false }
        }
        return valid && !addresses.isEmpty ? AddressList(addresses) : nil
    }

    /// One address, network or range; nil after reporting a bad one.
    mutating func parseAddress(_ item: ValueItem, key: RuleKey) -> AddressSpec? {
        let address = FastParsers.address(item.text) ?? AddressSpec(parsing: item.text)
        if case .invalid(_, let reason) = address {
            report(item.location, "\(key.name): \(reason)" + (item.origin.map { " (from \($0))" } ?? ""))
            return nil
        }
        return address
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
            if let range = parsePort(item, key: key) { ranges.append(range) } else { valid = false }
        }
        return valid && !ranges.isEmpty ? PortList(ranges) : nil
    }

    /// One port or port range; nil after reporting a bad one.
    mutating func parsePort(_ item: ValueItem, key: RuleKey) -> PortRange? {
        guard let range = FastParsers.port(item.text) ?? PortRange(parsing: item.text) else {
            reject(item, key: key, "is not a port or port range (22, 8000-8100)")
            return nil
        }
        if !(0...65535).contains(range.lower) || !(0...65535).contains(range.upper) {
            reject(item, key: key, "is out of range: ports are 0...65535")
            return nil
        }
        if range.lower > range.upper {
            reject(item, key: key, "ends before it starts")
            return nil
        }
        return range
    }

    private mutating func parseStates(_ items: [ValueItem]) -> ConnectionStates? {
        var states: ConnectionStates = []
        var valid = true
        for item in commaSeparated(items, key: .connectionState) {
            if let state = parseState(item) { states.formUnion(state) } else { valid = false }
        }
        return valid && !states.isEmpty ? states : nil
    }

    /// One connection state name; nil after reporting a bad one.
    mutating func parseState(_ item: ValueItem) -> ConnectionStates? {
        if let state = FastParsers.connectionState(item.text) ?? ConnectionStates(parsing: item.text) { return state }
        reject(item, key: .connectionState, "is not a connection state"
            + didYouMean(item.text.uppercased(), among: ConnectionStates.named.map(\.name))
            + " (states: " + ConnectionStates.named.map(\.name).joined(separator: ", ") + ")")
        return nil
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
