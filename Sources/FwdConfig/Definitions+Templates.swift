import FwdModel

extension Definitions {
    /// The entries of template `name` with its `use:` chain merged: each used template in order,
    /// then the template's own keys, a later key replacing an earlier one.
    ///
    /// Reporting and caching follow ``expandDefine(_:final:visiting:problems:)``.
    mutating func flattenTemplate(
        _ name: String, final: Bool, visiting: [String] = [], problems: inout [Diagnostic]
    ) -> Resolution<[RuleEntry]> {
        if let cached = flattenedTemplates[name] { return cached }
        guard let template = templates[name] else { return .missing }
        var entries: [RuleEntry] = []
        var failed = template.draft.hasProblems
        for used in template.draft.templateNames {
            if visiting.contains(used.text) || used.text == name {
                guard final else { return .missing }
                let cycle = (visiting + [name, used.text]).drop { $0 != used.text }
                problems.append(Diagnostic(
                    "use: template cycle " + cycle.joined(separator: " → "), at: used.location))
                failed = true
                continue
            }
            switch flattenTemplate(used.text, final: final, visiting: visiting + [name], problems: &problems) {
            case .resolved(let base):
                entries = Definitions.merge(entries, overriddenBy: base)
            case .failed:
                failed = true
            case .missing:
                guard final, templates[used.text] == nil else { return .missing }
                problems.append(Diagnostic(
                    "use: template '\(used.text.truncatedForMessage)' is not defined" + templateSuggestion(for: used.text),
                    at: used.location))
                failed = true
            }
        }
        entries = Definitions.merge(entries, overriddenBy: template.draft.entries)
        let result: Resolution<[RuleEntry]> = failed ? .failed : .resolved(entries)
        flattenedTemplates[name] = result
        return result
    }

    /// `base` with every key that `overrides` writes taken from `overrides`.
    static func merge(_ base: [RuleEntry], overriddenBy overrides: [RuleEntry]) -> [RuleEntry] {
        if base.isEmpty { return overrides }
        if overrides.isEmpty { return base }
        var written = Set<RuleKey>()
        for entry in overrides { written.insert(entry.key) }
        return base.filter { !written.contains($0.key) } + overrides
    }
}
