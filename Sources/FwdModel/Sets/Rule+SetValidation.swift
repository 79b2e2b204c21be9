extension Rule {
    /// Problems with the rule's set matches that the rule alone shows: an address set looked up
    /// by a port or the other way round, a port lookup without a protocol that has ports.
    func validateSetMatches() -> [String] {
        var messages: [String] = []
        for setMatch in setMatches {
            if setMatch.field.isPort {
                if setMatch.type != .port {
                    messages.append("\(setMatch.field.key) @\(setMatch.set): the set holds \(setMatch.type) addresses, not ports")
                } else if positiveProtocol?.hasPorts != true {
                    messages.append("\(setMatch.field.key) @\(setMatch.set) needs proto tcp, udp, sctp, udplite or dccp")
                }
            } else if setMatch.type == .port {
                messages.append("\(setMatch.field.key) @\(setMatch.set): the set holds ports, not addresses")
            }
        }
        return messages
    }
}

extension Ruleset {
    /// Problems with the named sets and the rules' lookups in them: bad or duplicate set names,
    /// elements of the wrong kind, lookups of sets the ruleset does not declare (with a
    /// suggestion) or declares with another type.
    public func validateSets() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var declared: [String: NamedSet] = [:]
        for set in sets {
            problems += set.validate()
            if let first = declared[set.name] {
                problems.append(Diagnostic("set '\(set.name)' is already declared at \(first.location)", at: set.location))
            } else {
                declared[set.name] = set
            }
        }
        for table in tables {
            for chain in table.chains {
                for (index, rule) in chain.rules.enumerated() {
                    for setMatch in rule.setMatches {
                        guard let message = Ruleset.problem(with: setMatch, declared: declared) else { continue }
                        problems.append(Diagnostic(
                            message, at: rule.location, table: table.kind, chain: chain.name, ruleNumber: index + 1))
                    }
                }
            }
        }
        return problems
    }

    private static func problem(with setMatch: SetMatch, declared: [String: NamedSet]) -> String? {
        guard let set = declared[setMatch.set] else {
            let names = declared.keys.sorted()
            let best = names.min { $0.editDistance(to: setMatch.set) < $1.editDistance(to: setMatch.set) }
            let hint = best.flatMap { $0.editDistance(to: setMatch.set) <= max(2, setMatch.set.count / 3) ? " (did you mean '@\($0)'?)" : nil }
            return "\(setMatch.field.key): set '@\(setMatch.set)' is not declared" + (hint ?? "")
        }
        guard set.type == setMatch.type else {
            return "\(setMatch.field.key) @\(set.name): the match expects a set of \(setMatch.type) but the set holds \(set.type)"
        }
        return nil
    }

    /// The set called `name`, if the ruleset declares one.
    public func set(named name: String) -> NamedSet? { sets.first { $0.name == name } }
}

extension NamedSet {
    /// Problems with the set's name and elements, at the set's location.
    public func validate() -> [Diagnostic] {
        var messages: [String] = []
        if !NamedSet.isValidName(name) {
            messages.append("set name '\(name)' is not valid: a letter or _, then letters, digits, _ or -,"
                + " at most \(NamedSet.maximumNameLength) bytes, not starting with '\(NamedSet.reservedPrefix)'")
        }
        for element in elements {
            if let problem = element.problem(in: type) { messages.append("set '\(name)': \(problem)") }
        }
        return messages.map { Diagnostic($0, at: location) }
    }
}
