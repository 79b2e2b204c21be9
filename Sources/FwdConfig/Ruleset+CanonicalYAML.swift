public import FwdModel

extension Ruleset {
    /// The ruleset as canonical fwd YAML (what `fwd show --format yaml` prints): tables in the
    /// kernel's order, chains in theirs, one flow mapping per rule with its keys in the order
    /// of docs/config.md and their canonical spellings. Defines, templates and includes are
    /// resolved; loading the text gives back an equal ruleset (locations aside).
    public func canonicalYAML() -> String {
        var lines = canonicalSetLines()
        lines.append(tables.isEmpty ? "tables: {}" : "tables:")
        for table in tables {
            if table.chains.isEmpty {
                lines.append("  \(table.kind): {}")
                continue
            }
            lines.append("  \(table.kind):")
            for chain in table.chains {
                let name = YAMLScalarText.scalar(chain.name)
                if chain.policy == nil, chain.rules.isEmpty {
                    lines.append("    \(name): {}")
                    continue
                }
                lines.append("    \(name):")
                if let policy = chain.policy { lines.append("      policy: \(policy.rawValue)") }
                if !chain.rules.isEmpty {
                    lines.append("      rules:")
                    for rule in chain.rules { lines.append("        - " + rule.canonicalYAML()) }
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension Rule {
    /// The rule as one canonical flow mapping: `{proto: tcp, dport: 22, jump: ACCEPT}`.
    public func canonicalYAML() -> String {
        let pairs = canonicalPairs().map { "\($0.key.name): \($0.value)" }
        return "{" + pairs.joined(separator: ", ") + "}"
    }

    /// Each key the rule sets, in canonical order, with its YAML value text.
    func canonicalPairs() -> [(key: RuleKey, value: String)] {
        var pairs: [(RuleKey, String)] = []
        func add(_ key: RuleKey, _ texts: [String], negated: Bool = false) {
            if negated || texts.count == 1 {
                pairs.append((key, YAMLScalarText.scalar((negated ? "!" : "") + texts.joined(separator: ","))))
            } else {
                pairs.append((key, "[" + texts.map(YAMLScalarText.scalar).joined(separator: ", ") + "]"))
            }
        }
        if let proto { add(.proto, [proto.value.description], negated: proto.isNegated) }
        if let source { add(.source, source.value.addresses.map(\.description), negated: source.isNegated) }
        if let destination {
            add(.destination, destination.value.addresses.map(\.description), negated: destination.isNegated)
        }
        if let inInterface { add(.inInterface, [inInterface.value.name], negated: inInterface.isNegated) }
        if let outInterface { add(.outInterface, [outInterface.value.name], negated: outInterface.isNegated) }
        if let sourcePort { add(.sourcePort, sourcePort.value.ranges.map(\.description), negated: sourcePort.isNegated) }
        if let destinationPort {
            add(.destinationPort, destinationPort.value.ranges.map(\.description), negated: destinationPort.isNegated)
        }
        if let connectionState {
            add(.connectionState, connectionState.value.names, negated: connectionState.isNegated)
        }
        if let icmpType { add(.icmpType, [icmpType.value.text], negated: icmpType.isNegated) }
        if let limit {
            add(.limit, [limit.rateText])
            if let burst = limit.burst { add(.limitBurst, [String(burst)]) }
        }
        if let mark { add(.mark, [mark.value.description], negated: mark.isNegated) }
        for setMatch in setMatches {
            let key: RuleKey = switch setMatch.field {
            case .source: .source
            case .destination: .destination
            case .sourcePort: .sourcePort
            case .destinationPort: .destinationPort
            }
            add(key, ["@" + setMatch.set], negated: setMatch.isNegated)
        }
        if let comment { add(.comment, [comment]) }
        if let target { pairs += target.canonicalPairs() }
        return pairs
    }
}

extension Target {
    /// `jump:`/`goto:` and the target's options, in canonical order.
    func canonicalPairs() -> [(key: RuleKey, value: String)] {
        var pairs: [(RuleKey, String)] = []
        func add(_ key: RuleKey, _ text: String) { pairs.append((key, YAMLScalarText.scalar(text))) }
        switch self {
        case .goto(let chain):
            add(.goto, chain)
            return pairs
        case .accept, .drop, .return, .jump:
            add(.jump, iptablesName)
        case .reject(let type):
            add(.jump, iptablesName)
            if let type { add(.rejectWith, type.rawValue) }
        case .log(let prefix, let level):
            add(.jump, iptablesName)
            if let prefix { add(.logPrefix, prefix) }
            if let level { add(.logLevel, level.name) }
        case .masquerade(let ports), .redirect(let ports):
            add(.jump, iptablesName)
            if let ports { add(.toPorts, ports.description) }
        case .snat(let to):
            add(.jump, iptablesName)
            add(.toSource, to.description)
        case .dnat(let to):
            add(.jump, iptablesName)
            add(.toDestination, to.description)
        case .mark(let value):
            add(.jump, iptablesName)
            add(.setMark, value.description)
        }
        return pairs
    }
}
