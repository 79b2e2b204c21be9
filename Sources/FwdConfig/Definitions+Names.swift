import FwdModel

extension RawValue {
    /// Whether the value names a set (`"@blocklist"`) or a mark (`vpn`), which only the
    /// definitions can resolve.
    func needsNameResolution(for key: RuleKey) -> Bool {
        switch key {
        case .source, .destination, .sourcePort, .destinationPort:
            return contains { $0.text.namesSet }
        case .mark, .setMark:
            return contains { MarkValue.isName(Negatable<AddressList>.splitNegation($0.text).rest) }
        case .proto, .inInterface, .outInterface, .connectionState, .icmpType, .limit, .limitBurst, .comment, .jump,
            .goto, .rejectWith, .logPrefix, .logLevel, .toSource, .toDestination, .toPorts, .use:
            return false
        }
    }

    /// Whether a scalar of the value satisfies `test` (without building an array: every value
    /// of every rule is asked).
    private func contains(_ test: (RawScalar) -> Bool) -> Bool {
        switch self {
        case .scalar(let scalar): test(scalar)
        case .list(let scalars, _): scalars.contains(where: test)
        }
    }
}

extension MarkValue {
    /// Whether `text` reads as a mark's name rather than a number: a letter or `_` first.
    static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        return (("a"..."z").contains(first) || ("A"..."Z").contains(first) || first == "_")
            && Definitions.isValidName(Substring(text))
    }
}

extension Definitions {
    /// Declares a set for rules to refer to, or reports that the name is taken.
    @discardableResult
    mutating func addSet(
        _ name: String, type: SetElementType, at location: SourceLocation, problems: inout [Diagnostic]
    ) -> Bool {
        if let existing = declaredSets[name] {
            problems.append(Diagnostic("sets: '\(name)' is already declared at \(existing.location)", at: location))
            return false
        }
        declaredSets[name] = DeclaredSet(type: type, location: location)
        return true
    }

    /// Names a mark, or reports that the name is taken.
    mutating func addMark(_ name: String, value: MarkValue, at location: SourceLocation, problems: inout [Diagnostic]) {
        if let existing = marks[name] {
            problems.append(Diagnostic("marks: '\(name)' is already defined at \(existing.location)", at: location))
            return
        }
        marks[name] = NamedMark(value: value, location: location)
    }

    /// `expanded` with its set references typed and its mark names replaced by their values;
    /// `.missing` while a name is not known yet (and not `final`), `.failed` after reporting an
    /// undeclared one.
    func resolveNames(in expanded: ExpandedEntry, final: Bool, problems: inout [Diagnostic]) -> Resolution<ExpandedEntry> {
        var result = expanded
        var missing = false
        for index in result.items.indices {
            let item = result.items[index]
            switch expanded.key {
            case .source, .destination, .sourcePort, .destinationPort:
                guard item.text.startsWithAt else { continue }
                let name = String(item.text.dropFirst())
                if let set = declaredSets[name] {
                    result.items[index].setType = set.type
                } else if final {
                    problems.append(Diagnostic(
                        "\(expanded.key.name): set '@\(name.truncatedForMessage)' is not declared under sets:"
                            + (nearest(to: name, among: Array(declaredSets.keys)).map { " (did you mean '@\($0)'?)" } ?? "")
                            + (item.origin.map { " (from \($0))" } ?? ""),
                        at: item.location))
                    return .failed
                } else {
                    missing = true
                }
            case .mark, .setMark:
                guard MarkValue.isName(item.text) else { continue }
                if let mark = marks[item.text] {
                    result.items[index].text = mark.value.description
                    result.items[index].origin = ValueOrigin(name: "mark \(item.text)", location: mark.location)
                } else if final {
                    problems.append(Diagnostic(
                        "\(expanded.key.name): '\(item.text.truncatedForMessage)' is not a number nor a mark named under marks:"
                            + didYouMean(item.text, among: Array(marks.keys)),
                        at: item.location))
                    return .failed
                } else {
                    missing = true
                }
            case .proto, .inInterface, .outInterface, .connectionState, .icmpType, .limit, .limitBurst, .comment,
                .jump, .goto, .rejectWith, .logPrefix, .logLevel, .toSource, .toDestination, .toPorts, .use:
                continue
            }
        }
        return missing ? .missing : .resolved(result)
    }
}
