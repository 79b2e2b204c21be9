@testable import FwdModel

/// A location in an imaginary rules file, so tests can check where problems are reported.
func at(_ line: Int, _ column: Int? = nil) -> FwdModel.SourceLocation {
    FwdModel.SourceLocation(file: "rules.swift", line: line, column: column)
}

/// A rule written at line `line` of the imaginary rules file.
func rule(line: Int, _ build: (inout Rule) -> Void) -> Rule {
    var rule = Rule(at: at(line))
    build(&rule)
    return rule
}

/// The diagnostics of a ruleset made of `tables`.
func diagnostics(_ tables: Table...) -> [Diagnostic] {
    Ruleset(tables).validate()
}

/// The messages of the diagnostics of a ruleset made of `tables`.
func messages(_ tables: Table...) -> [String] {
    Ruleset(tables).validate().map(\.message)
}

/// The messages for one rule placed in `chain` of `table` (a builtin chain, or a user chain jumped
/// to from each of `reachedFrom`).
func messages(for rule: Rule, in table: TableKind, chain: String, reachedFrom: [String] = []) -> [String] {
    var built = Table(table, location: at(1))
    built.add(Chain(chain, rules: [rule], location: at(2)))
    for hook in reachedFrom {
        built.add(Chain(hook, policy: .accept, rules: [Rule(jump: .jump(chain))], location: at(3)))
    }
    return Ruleset([built]).validate().map(\.message)
}

/// The messages for `rule` alone in the filter table's INPUT chain.
func inputMessages(_ rule: Rule) -> [String] {
    messages(for: rule, in: .filter, chain: "INPUT")
}
