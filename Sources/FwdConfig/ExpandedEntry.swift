import FwdModel

/// One value of a rule key after `$name` references are replaced by what they stand for.
struct ValueItem {
    /// The text to parse (without a negating `!`).
    var text: String
    /// Where to report a problem with it: the value as written in the rule, template or define.
    var location: SourceLocation
    /// For a value that came through a define: which define, and where it is.
    var origin: ValueOrigin?
    /// For a set reference (`@name`), the declared set's type once resolved.
    var setType: SetElementType? = nil

    /// `'text'`, or `'text' (from $name, defined at …)`, for messages.
    var quoted: String {
        let text = "'\(text.truncatedForMessage)'"
        return origin.map { "\(text) (from \($0))" } ?? text
    }
}

/// The definition a value came through, for messages: `$name, defined at file:line:column` (a
/// define) or `mark name, defined at …` (a mark name). Formatted only when a message needs it.
struct ValueOrigin: CustomStringConvertible {
    /// How the value was referred to: `$name`, `mark name`.
    var name: String
    /// Where the value is written in the definition.
    var location: SourceLocation

    var description: String { "\(name), defined at \(location)" }
}

/// A rule key's value ready to parse: negated or not, and the items (one for a scalar key).
struct ExpandedEntry {
    var key: RuleKey
    /// Where the key is written.
    var keyLocation: SourceLocation
    /// Where the value starts.
    var location: SourceLocation
    /// Whether the value was negated with a leading `!`.
    var negated: Bool
    /// The values, in order.
    var items: [ValueItem]
    /// Whether the value could not be resolved (a problem was reported): the key counts as
    /// written, but adds nothing to the rule.
    var isUnusable = false
}

extension Definitions {
    /// `entry` with its `$name` references replaced; the rule-level problems (undefined names,
    /// misplaced negation) are reported at the reference.
    mutating func expand(
        _ entry: RuleEntry, final: Bool, problems: inout [Diagnostic]
    ) -> Resolution<ExpandedEntry> {
        guard entry.value.hasReference else {
            guard let literal = Definitions.expandLiteral(entry, problems: &problems) else { return .failed }
            return resolveNames(in: literal, final: final, problems: &problems)
        }
        var lookUpFailed = false
        var lookUpProblems: [Diagnostic] = []
        let expanded = Definitions.expand(entry, problems: &problems) { name, location, key in
            let items = lookUp(name, at: location, key: key, final: final, problems: &lookUpProblems)
            if items == nil { lookUpFailed = true }
            return items
        }
        problems += lookUpProblems
        if let expanded { return resolveNames(in: expanded, final: final, problems: &problems) }
        return lookUpFailed && !final ? .missing : .failed
    }

    /// `entry`, which has no `$name` reference, ready to parse; nil after reporting a problem.
    static func expandLiteral(_ entry: RuleEntry, problems: inout [Diagnostic]) -> ExpandedEntry? {
        expand(entry, problems: &problems) { _, _, _ in nil }
    }

    /// `entry` with each reference replaced by what `lookUp(name, location, key)` gives; nil
    /// when a lookup fails or a problem is reported.
    private static func expand(
        _ entry: RuleEntry, problems: inout [Diagnostic],
        lookUp: (String, SourceLocation, String) -> [ValueItem]?
    ) -> ExpandedEntry? {
        var expanded = ExpandedEntry(
            key: entry.key, keyLocation: entry.keyLocation, location: entry.value.location, negated: false, items: [])
        let key = entry.key.name
        switch entry.value {
        case .scalar(let scalar):
            if entry.key.isFreeText, scalar.isFromTag {
                problems.append(Diagnostic(
                    "\(key): '\(scalar.text.truncatedForMessage)' was read as a YAML tag; quote the text", at: scalar.location))
                return nil
            }
            guard let reference = scalar.reference, !(entry.key.isFreeText && reference.negated) else {
                let (negated, rest) = entry.key.isFreeText || !scalar.text.startsWithExclamationMark
                    ? (false, scalar.text) : Negatable<AddressList>.splitNegation(scalar.text)
                expanded.negated = negated
                expanded.items = [ValueItem(text: rest, location: scalar.location)]
                if negated, rest.startsWithExclamationMark {
                    problems.append(Diagnostic(
                        "\(key): '\(scalar.text.truncatedForMessage)' is negated twice; negate once", at: scalar.location))
                    return nil
                }
                return expanded
            }
            guard let items = lookUp(reference.name, scalar.location, key) else { return nil }
            expanded.negated = reference.negated
            expanded.items = items
            if !entry.key.isFreeText, items.count == 1, items[0].text.startsWithExclamationMark {
                if reference.negated {
                    problems.append(Diagnostic(
                        "\(key): '!$\(reference.name)' negates \(items[0].quoted), which is negated already",
                        at: scalar.location))
                    return nil
                }
                expanded.negated = true
                expanded.items[0].text = Negatable<AddressList>.splitNegation(items[0].text).rest
            }
        case .list(let scalars, _):
            for scalar in scalars {
                if let reference = scalar.reference, !reference.negated {
                    guard let items = lookUp(reference.name, scalar.location, key) else { return nil }
                    expanded.items.append(contentsOf: items)
                } else {
                    expanded.items.append(ValueItem(text: scalar.text, location: scalar.location))
                }
            }
        }
        if !entry.key.isFreeText, let negated = expanded.items.first(where: { $0.text.startsWithExclamationMark }) {
            var why = "is negated inside a list"
            if case .scalar = entry.value, expanded.items.count == 1 { why = "is negated twice" }
            problems.append(Diagnostic(
                "\(key): \(negated.quoted) \(why); negate the whole value once (\(key): \"!a,b\")",
                at: negated.location))
            return nil
        }
        return expanded
    }

    /// The items `$name` stands for, located at the reference; nil when it is not defined
    /// (reported when `final`) or broken (reported by ``checkAll(problems:)``).
    private mutating func lookUp(
        _ name: String, at location: SourceLocation, key: String, final: Bool, problems: inout [Diagnostic]
    ) -> [ValueItem]? {
        var ignored: [Diagnostic] = []
        switch expandDefine(name, final: final, problems: &ignored) {
        case .resolved(let scalars):
            return scalars.map {
                ValueItem(text: $0.text, location: location, origin: ValueOrigin(name: "$" + name, location: $0.location))
            }
        case .missing:
            if final {
                problems.append(Diagnostic(
                    "\(key): '$\(name)' is not defined" + defineSuggestion(for: name), at: location))
            }
            return nil
        case .failed:
            return nil
        }
    }
}
