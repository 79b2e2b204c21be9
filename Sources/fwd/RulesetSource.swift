import FwdModel

/// Where the commands get their ruleset from.
///
/// Until the configuration loader exists this is the built-in example, the stateful host
/// firewall of ``ExampleRulesets/host()``.
enum RulesetSource {
    /// The ruleset to work on.
    static func load() -> Ruleset { ExampleRulesets.host() }

    /// The ruleset, or nil after writing its problems to standard error (one per line).
    static func loadValidated() -> Ruleset? {
        let ruleset = load()
        let problems = ruleset.validate()
        guard problems.isEmpty else {
            for problem in problems { StandardError.write(problem.description) }
            return nil
        }
        return ruleset
    }
}
