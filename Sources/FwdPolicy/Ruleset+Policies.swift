public import FwdModel

extension Ruleset {
    /// Expands `policies` in order and appends their rules to the builtin chains of table filter
    /// (created, with builtin chains of policy ACCEPT, when missing), after the rules already
    /// there. Returns the problems expansion found (the rules that could be made are added).
    @discardableResult
    public mutating func add(_ policies: [ZonePolicy]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var generated: [PolicyRule] = []
        for policy in policies {
            let expansion = policy.expansion()
            problems += expansion.problems
            generated += expansion.rules
        }
        guard !generated.isEmpty else { return problems }
        var table = self[.filter] ?? Table(.filter, location: generated[0].rule.location)
        for name in TableKind.filter.builtinChains where table[name] == nil {
            // Missing builtin chains are added in hook order, at their first rule's policy.
            if let first = generated.first(where: { $0.chain == name }) {
                table[name] = Chain(name, location: first.rule.location)
            }
        }
        for policyRule in generated {
            table.append(policyRule.rule, to: policyRule.chain)
        }
        self[.filter] = table
        return problems
    }
}
