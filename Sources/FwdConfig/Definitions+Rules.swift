import FwdModel

extension Definitions {
    /// The keys of `draft` ready to parse: its templates merged under it and its `$name`
    /// references replaced.
    ///
    /// With `final` false, anything short of success gives nil and reports nothing: the rule
    /// waits until every file is read. With `final` true, problems are reported, and the entries
    /// that could be resolved come back with `complete` false.
    mutating func resolve(
        _ draft: RuleDraft, final: Bool, problems: inout [Diagnostic]
    ) -> (entries: [ExpandedEntry], complete: Bool)? {
        var local: [Diagnostic] = []
        var failed = false
        var entries = draft.entries
        if !draft.templateNames.isEmpty {
            var base: [RuleEntry] = []
            for name in draft.templateNames {
                var reportedAtTemplate: [Diagnostic] = []
                switch flattenTemplate(name.text, final: final, problems: &reportedAtTemplate) {
                case .resolved(let template):
                    base = Definitions.merge(base, overriddenBy: template)
                case .failed:
                    failed = true
                case .missing:
                    guard final else { return nil }
                    local.append(Diagnostic(
                        "use: template '\(name.text.truncatedForMessage)' is not defined"
                            + templateSuggestion(for: name.text),
                        at: name.location))
                    failed = true
                }
            }
            entries = Definitions.merge(base, overriddenBy: entries)
        }
        var expandedEntries: [ExpandedEntry] = []
        expandedEntries.reserveCapacity(entries.count)
        for entry in entries {
            switch expand(entry, final: final, problems: &local) {
            case .resolved(let expanded): expandedEntries.append(expanded)
            case .failed, .missing:
                failed = true
                // Kept as written-but-unusable, so that the rule does not also miss the key
                // (`jump: MARK needs set-mark` after `set-mark: $undefined`).
                expandedEntries.append(ExpandedEntry(
                    key: entry.key, keyLocation: entry.keyLocation, location: entry.value.location, negated: false,
                    items: [], isUnusable: true))
            }
        }
        guard final || !failed else { return nil }
        problems += local
        return (expandedEntries, !failed)
    }
}
