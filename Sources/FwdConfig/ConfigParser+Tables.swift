import FwdModel

extension ConfigParser {
    /// `tables:` — table name → chain name → `policy:` and `rules:`.
    func parseTables(_ value: YAMLEvent, _ file: FileContext) {
        if value.isNull { return }
        guard value.kind == .mappingStart else {
            return reportWrongType(value, expected: "a mapping of tables (filter, nat, mangle, raw, security)", key: "tables", file)
        }
        let names = TableKind.allCases.map(\.rawValue)
        forEachEntry(file, in: "tables") { name, location, chains in
            guard let kind = TableKind(rawValue: name) else {
                report(location, "tables: unknown table '\(name.truncatedForMessage)'" + didYouMean(name, among: names)
                    + " (tables: " + names.joined(separator: ", ") + ")")
                return skip(chains, file)
            }
            builder.declareTable(kind, at: location)
            parseChains(chains, table: kind, file)
        }
    }

    private func parseChains(_ value: YAMLEvent, table: TableKind, _ file: FileContext) {
        if value.isNull { return }
        guard value.kind == .mappingStart else {
            return reportWrongType(value, expected: "a mapping of chains", key: "tables: \(table)", file)
        }
        forEachEntry(file, in: "table \(table)") { name, location, body in
            let chain = builder.declareChain(name, in: table, at: location)
            parseChain(body, name: name, index: chain, table: table, file)
        }
    }

    private static let chainKeys = ["policy", "rules"]

    private func parseChain(_ value: YAMLEvent, name: String, index: Int, table: TableKind, _ file: FileContext) {
        if value.isNull { return }
        guard value.kind == .mappingStart else {
            return reportWrongType(value, expected: "a mapping with policy: and rules:", key: "chain \(table)/\(name)", file)
        }
        forEachEntry(file, in: "chain \(table)/\(name)") { key, location, body in
            switch key {
            case "policy":
                parsePolicy(body, chain: name, index: index, table: table, file)
            case "rules":
                parseRules(body, chain: index, table: table, file)
            default:
                let hint = RuleKey.byName[key] != nil
                    ? " (a rule's keys go in a list under rules:)" : didYouMean(key, among: ConfigParser.chainKeys)
                report(location, "chain \(table)/\(name): unknown key '\(key.truncatedForMessage)'\(hint)")
                skip(body, file)
            }
        }
    }

    private func parsePolicy(_ value: YAMLEvent, chain: String, index: Int, table: TableKind, _ file: FileContext) {
        guard value.kind == .scalar, !value.isNull else {
            return reportWrongType(value, expected: "ACCEPT or DROP", key: "policy", file)
        }
        let location = file.location(value)
        guard let policy = Policy(rawValue: value.text.uppercased()) else {
            return report(location, "policy: '\(value.text.truncatedForMessage)' is not ACCEPT or DROP")
        }
        guard table.isBuiltin(chain) else {
            return report(location, "policy: only builtin chains have a policy, and '\(chain)' is a user chain"
                + " (builtin chains of \(table): " + table.builtinChains.joined(separator: ", ") + ")")
        }
        builder.setPolicy(policy, chain: index, in: table, at: location, problems: &problems)
    }

    private func parseRules(_ value: YAMLEvent, chain: Int, table: TableKind, _ file: FileContext) {
        if value.isNull { return }
        guard value.kind == .sequenceStart else {
            return reportWrongType(value, expected: "a list of rules", key: "rules", file)
        }
        while true {
            let item = file.reader.next()
            switch item.kind {
            case .sequenceEnd, .streamEnd, .mappingEnd, .documentEnd, .documentStart:
                return
            case .mappingStart:
                addRule(parseRuleMapping(item, file), chain: chain, in: table)
            case .scalar where item.isNull:
                report(file.location(item), "rules: an empty rule; a rule is a mapping such as {proto: tcp, dport: 22, jump: ACCEPT}")
            case .scalar, .sequenceStart, .alias:
                reportWrongType(item, expected: "a rule (a mapping such as {proto: tcp, dport: 22, jump: ACCEPT})",
                    key: "rules", file)
            }
        }
    }
}
