import FwdModel

extension RuleAssembler {
    /// Applies `entry` straight from the draft when its value is one plain literal scalar (the
    /// common case: `dport: 22`, `source: "!10.0.0.0/8"`, `jump: ACCEPT`), without building an
    /// ``ExpandedEntry`` and its heap array of items. Returns false, having done nothing, for
    /// anything else: a list, a YAML tag, a `$name` reference, a set reference (`@name`), a
    /// comma-separated list, a blank value, a negation the key does not take or a double one,
    /// and `use`. Those go the general way (``Definitions/expandLiteral(_:problems:)`` then
    /// ``apply(_:)``), which reports their problems; a plain scalar gives the same rule and the
    /// same messages either way.
    mutating func applyPlainScalar(_ entry: RuleEntry) -> Bool {
        guard case .scalar(let scalar) = entry.value, !scalar.isFromTag else { return false }
        let key = entry.key
        var text = scalar.text
        guard !text.containsByte(UInt8(ascii: "$")) else { return false }
        var negated = false
        if !key.isFreeText {
            if text.startsWithExclamationMark {
                guard key.isNegatable else { return false }
                (negated, text) = Negatable<AddressList>.splitNegation(text)
                if text.startsWithExclamationMark { return false }
            }
            if text.isBlank { return false }
        }
        let item = ValueItem(text: text, location: scalar.location)
        switch key {
        case .proto, .inInterface, .outInterface, .icmpType, .mark, .comment:
            applySingleMatch(key, item, negated: negated)
        case .source, .destination:
            guard !text.startsWithAt, !text.containsByte(UInt8(ascii: ",")) else { return false }
            if let address = parseAddress(item, key: key) {
                let value = Negatable(AddressList([address]), negated: negated)
                if key == .source { rule.source = value } else { rule.destination = value }
            }
        case .sourcePort, .destinationPort:
            guard !text.startsWithAt, !text.containsByte(UInt8(ascii: ",")) else { return false }
            if let range = parsePort(item, key: key) {
                let value = Negatable(PortList([range]), negated: negated)
                if key == .sourcePort { rule.sourcePort = value } else { rule.destinationPort = value }
            }
        case .connectionState:
            guard !text.containsByte(UInt8(ascii: ",")) else { return false }
            if let states = parseState(item), !states.isEmpty { rule.connectionState = Negatable(states, negated: negated) }
        case .limit, .limitBurst, .jump, .goto, .rejectWith, .logPrefix, .logLevel, .toSource, .toDestination,
            .toPorts, .setMark:
            applyOption(key, item, keyLocation: entry.keyLocation)
        case .use:
            return false
        }
        return true
    }
}
