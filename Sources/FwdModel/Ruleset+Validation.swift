extension Ruleset {
    /// Every problem in the ruleset, sorted by location; empty when it is valid.
    public func validate() -> [Diagnostic] {
        (tables.flatMap { $0.validate() } + validateSets()).sorted()
    }

    /// The ruleset itself when it is valid.
    /// - Throws: ``ValidationError`` with every problem found.
    public func validated() throws(ValidationError) -> Ruleset {
        let problems = validate()
        guard problems.isEmpty else { throw ValidationError(problems) }
        return self
    }
}

extension Table {
    /// Names no user chain may take: they are targets.
    static let reservedChainNames: Set<String> = [
        "ACCEPT", "DROP", "QUEUE", "RETURN", "REJECT", "LOG", "MASQUERADE", "SNAT", "DNAT", "REDIRECT", "MARK",
    ]

    /// Every problem in this table.
    public func validate() -> [Diagnostic] {
        var problems = validateChains()
        let hooks = hooksReaching()
        for index in chains.indices {
            problems += validateRules(ofChain: index, chains[index].rules.indices, hooks: hooks[chains[index].name] ?? [])
        }
        return problems
    }

    /// The problems of the chains themselves (names, policies, jumps, jump loops): a part of
    /// ``validate()`` that can run alongside the others, ``validateRules(ofChain:_:hooks:)``
    /// for every rule.
    public func validateChains() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for chain in chains { problems += validateDefinition(of: chain) }
        problems += validateJumps()
        return problems
    }

    /// The problems of the rules at `range` in chain `chain` (an index in ``chains``), which
    /// the builtin chains `hooks` reach (``hooksReaching()``): a part of ``validate()`` that can
    /// run alongside the others.
    public func validateRules(ofChain chain: Int, _ range: Range<Int>, hooks: Set<String>) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var context = RuleContext(table: kind, chain: chains[chain].name, ruleNumber: 0, hooks: hooks)
        chains[chain].rules.withUnsafeBufferPointer { rules in  // borrowed: a subscript would copy each rule
            for index in range {
                context.ruleNumber = index + 1
                problems += rules[index].validate(in: context)
            }
        }
        return problems
    }

    private func validateDefinition(of chain: Chain) -> [Diagnostic] {
        func problem(_ message: String) -> Diagnostic {
            Diagnostic(message, at: chain.location, table: kind, chain: chain.name)
        }
        if isBuiltin(chain) { return [] }
        var problems: [Diagnostic] = []
        if chain.policy != nil {
            let hint = "'\(chain.name)' is not a builtin chain of table \(kind)"
                + " (builtin: \(kind.builtinChains.joined(separator: ", ")))"
            problems.append(problem("a user chain cannot have a policy: \(hint)"))
        }
        if chain.name.isEmpty {
            problems.append(problem("a chain name cannot be empty"))
        } else if chain.name.utf8.count > Chain.maximumNameLength {
            problems.append(problem(
                "chain name is \(chain.name.utf8.count) bytes; xtables allows at most \(Chain.maximumNameLength)"))
        }
        if chain.name.contains(where: { $0 == " " || $0 == "\t" || $0.isNewline || $0 == "\"" || $0 == "'" }) {
            problems.append(problem("a chain name cannot hold blanks or quotes"))
        }
        if chain.name.hasPrefix("-") || chain.name.hasPrefix("!") {
            problems.append(problem("a chain name cannot start with '-' or '!'"))
        }
        if Table.reservedChainNames.contains(chain.name) {
            problems.append(problem("'\(chain.name)' is a target name and cannot name a chain"))
        }
        return problems
    }

    /// Jumps to chains that do not exist or are builtin, and jump loops.
    private func validateJumps() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let names = Set(chains.map(\.name))
        for chain in chains {
            // By index: `enumerated()` would copy every rule.
            for index in chain.rules.indices {
                guard let target = chain.rules[index].target?.chainReference else { continue }
                func problem(_ message: String) -> Diagnostic {
                    Diagnostic(message, at: chain.rules[index].location, table: kind, chain: chain.name,
                        ruleNumber: index + 1)
                }
                if kind.isBuiltin(target) {
                    problems.append(problem("cannot jump to builtin chain '\(target)'"))
                } else if !names.contains(target) {
                    problems.append(problem("jump to chain '\(target)', which table \(kind) does not have"
                        + suggestion(for: target)))
                }
            }
        }
        problems += findJumpLoops()
        return problems
    }

    private func suggestion(for name: String) -> String {
        let names = chains.map(\.name).filter { !kind.isBuiltin($0) }
        guard let best = names.min(by: { $0.editDistance(to: name) < $1.editDistance(to: name) }),
            best.editDistance(to: name) <= max(2, name.count / 3)
        else { return "" }
        return " (did you mean '\(best)'?)"
    }

    /// A loop is reported once, at the rule whose jump closes it.
    private func findJumpLoops() -> [Diagnostic] {
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        var problems: [Diagnostic] = []
        var path: [String] = []
        let indexByName = chainIndexByName

        func visit(_ name: String) {
            marks[name] = .visiting
            path.append(name)
            let rules = indexByName[name].map { chains[$0].rules } ?? []
            // By index: `enumerated()` would copy every rule.
            for index in rules.indices {
                guard let target = rules[index].target?.chainReference, indexByName[target] != nil,
                    !kind.isBuiltin(target)
                else { continue }
                switch marks[target] {
                case .visiting:
                    let loop = path.drop(while: { $0 != target }) + [target]
                    problems.append(Diagnostic(
                        "jump loop: \(loop.joined(separator: " → "))",
                        at: rules[index].location, table: kind, chain: name, ruleNumber: index + 1))
                case .done:
                    break
                case nil:
                    visit(target)
                }
            }
            path.removeLast()
            marks[name] = .done
        }
        for chain in chains where marks[chain.name] == nil { visit(chain.name) }
        return problems
    }

    /// For each chain, the builtin chains (hooks) whose packets can reach it through jumps.
    public func hooksReaching() -> [String: Set<String>] {
        var reaching: [String: Set<String>] = [:]
        let indexByName = chainIndexByName
        for builtin in chains where isBuiltin(builtin) {
            var stack = [builtin.name]
            var seen: Set<String> = []
            while let name = stack.popLast() {
                guard seen.insert(name).inserted else { continue }
                reaching[name, default: []].insert(builtin.name)
                let rules = indexByName[name].map { chains[$0].rules } ?? []
                for index in rules.indices {  // by index: iterating would copy every rule
                    if let target = rules[index].target?.chainReference, indexByName[target] != nil,
                        !kind.isBuiltin(target)
                    {
                        stack.append(target)
                    }
                }
            }
        }
        return reaching
    }

    /// The index of each chain in ``chains``, by name (the first, should two share a name).
    private var chainIndexByName: [String: Int] {
        var indexByName: [String: Int] = [:]
        for (index, chain) in chains.enumerated() where indexByName[chain.name] == nil { indexByName[chain.name] = index }
        return indexByName
    }
}

extension String {
    /// The Levenshtein distance to `other`, for "did you mean" suggestions.
    public func editDistance(to other: String) -> Int {
        let a = Array(self), b = Array(other)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
