import FwdModel

/// Builds one model ``Rule`` from its resolved keys, parsing each value with the model's parsers
/// and reporting a bad value at the value's own position. A bad value is left out of the rule
/// (the rule is marked as having problems, so that validation does not report follow-on errors).
struct RuleAssembler {
    /// The rule so far.
    var rule: Rule
    /// The problems found, each at the value or key at fault.
    var problems: [Diagnostic] = []
    /// The target keys seen, parsed when they could be.
    var options = TargetOptions()

    /// An assembler for a rule written at `location`.
    init(at location: SourceLocation) { rule = Rule(at: location) }

    /// Parses one key's value into the rule (or into the target options).
    mutating func apply(_ entry: ExpandedEntry) {
        let key = entry.key
        if entry.isUnusable {
            options.markWritten(key, at: entry.keyLocation)
            return
        }
        if entry.negated, !key.isNegatable {
            report(entry.location, "\(key.name): cannot be negated (a leading '!' inverts matches only)")
            options.markWritten(key, at: entry.keyLocation)
            return
        }
        if entry.items.isEmpty {
            report(entry.location, "\(key.name): the list is empty")
            options.markWritten(key, at: entry.keyLocation)
            return
        }
        if !key.acceptsList, entry.items.count > 1 {
            report(entry.location, "\(key.name): takes one value, not a list of \(entry.items.count)")
            options.markWritten(key, at: entry.keyLocation)
            return
        }
        if !key.isFreeText, let empty = entry.items.first(where: { $0.text.isBlank }) {
            report(empty.location, "\(key.name): a value is required" + (empty.origin.map { " (from \($0))" } ?? ""))
            options.markWritten(key, at: entry.keyLocation)
            return
        }
        switch key {
        case .proto, .source, .destination, .inInterface, .outInterface, .sourcePort, .destinationPort,
            .connectionState, .icmpType, .mark, .comment:
            applyMatch(entry)
        case .limit, .limitBurst, .jump, .goto, .rejectWith, .logPrefix, .logLevel, .toSource, .toDestination,
            .toPorts, .setMark:
            applyOption(entry)
        case .use:
            break
        }
    }

    /// The rule with its target and limit put together from the options, and every problem
    /// found. The rule is moved out (a placeholder stays), not copied.
    mutating func finish() -> (rule: Rule, problems: [Diagnostic]) {
        rule.target = assembleTarget()
        rule.limit = assembleLimit()
        var finished = Rule(at: rule.location)
        swap(&finished, &rule)
        return (finished, problems)
    }

    /// Reports `message` at `location`.
    mutating func report(_ location: SourceLocation, _ message: String) {
        problems.append(Diagnostic(message, at: location))
    }

    /// Reports that `item` is not valid for `key`, with the reason.
    mutating func reject(_ item: ValueItem, key: RuleKey, _ reason: String) {
        report(item.location, "\(key.name): \(item.quoted) \(reason)")
    }

    /// Each item split at commas (`"80,443"`), blanks trimmed; empty parts are reported.
    mutating func commaSeparated(_ items: [ValueItem], key: RuleKey) -> [ValueItem] {
        guard items.contains(where: { $0.text.containsByte(UInt8(ascii: ",")) }) else { return items }
        var parts: [ValueItem] = []
        for item in items {
            guard item.text.containsByte(UInt8(ascii: ",")) else {
                parts.append(item)
                continue
            }
            for part in item.text.split(separator: ",", omittingEmptySubsequences: false) {
                let text = String(part).trimmingBlanksAndNewlines()
                if text.isEmpty {
                    reject(item, key: key, "has an empty element between commas")
                    continue
                }
                parts.append(ValueItem(text: text, location: item.location, origin: item.origin))
            }
        }
        return parts
    }
}

extension String {
    /// Whether the string is empty or only spaces, tabs and line breaks.
    var isBlank: Bool { utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D } }

    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingBlanksAndNewlines() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0.isNewline }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(self[first...last])
    }
}
