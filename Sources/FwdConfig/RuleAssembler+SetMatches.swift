import FwdModel

extension RuleAssembler {
    /// A set reference (`source: "@blocklist"`) as the rule's ``SetMatch``: true when `entry`
    /// referred to a set (and was handled, or reported), false when it holds plain values.
    mutating func applySetReference(_ entry: ExpandedEntry, field: SetMatch.Field) -> Bool {
        guard let reference = entry.items.first(where: { $0.text.startsWithAt }) else { return false }
        guard entry.items.count == 1 else {
            report(reference.location, "\(entry.key.name): a set reference stands alone; write \(entry.key.name): \"@name\""
                + " and use another rule (or a set holding them all) for other values")
            return true
        }
        let name = String(reference.text.dropFirst())
        guard let type = reference.setType else {
            report(reference.location, "\(entry.key.name): set '@\(name.truncatedForMessage)' is not declared under sets:")
            return true
        }
        if field.isPort != (type == .port) {
            let holds = type == .port ? "ports" : "\(type) addresses"
            reject(reference, key: entry.key, "holds \(holds); \(entry.key.name) matches " + (field.isPort ? "ports" : "addresses"))
            return true
        }
        rule.setMatches.append(SetMatch(field, set: name, type: type, negated: entry.negated))
        return true
    }
}
