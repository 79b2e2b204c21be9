import FwdModel

extension Definitions {
    /// The scalars `$name` stands for, with nested references expanded and lists flattened.
    ///
    /// With `final` false (while files are still being read) nothing is reported and only a
    /// success is cached: a name not defined yet may still come. With `final` true, problems in
    /// the define (undefined names, cycles) are reported once, at the define, and cached as
    /// `.failed`. A name that is not defined at all gives `.missing` for the caller to report.
    mutating func expandDefine(
        _ name: String, final: Bool, visiting: [String] = [], problems: inout [Diagnostic]
    ) -> Resolution<[RawScalar]> {
        if let cached = expandedDefines[name] { return cached }
        guard let define = defines[name] else { return .missing }
        var scalars: [RawScalar] = []
        var failed = false
        for scalar in define.value.scalars {
            guard let reference = scalar.reference else {
                scalars.append(scalar)
                continue
            }
            if reference.negated {
                guard final else { return .missing }
                problems.append(Diagnostic(
                    "define: '\(name)' cannot negate '$\(reference.name)' inside a define; negate where it is used",
                    at: scalar.location))
                failed = true
                continue
            }
            if visiting.contains(reference.name) || reference.name == name {
                guard final else { return .missing }
                let cycle = (visiting + [name, reference.name]).drop { $0 != reference.name }
                problems.append(Diagnostic(
                    "define: cycle " + cycle.map { "$" + $0 }.joined(separator: " → "), at: scalar.location))
                failed = true
                continue
            }
            switch expandDefine(reference.name, final: final, visiting: visiting + [name], problems: &problems) {
            case .resolved(let nested):
                scalars += nested
            case .failed:
                failed = true
            case .missing:
                guard final, defines[reference.name] == nil else { return .missing }
                problems.append(Diagnostic(
                    "define: '\(name)' uses '$\(reference.name)', which is not defined"
                        + defineSuggestion(for: reference.name),
                    at: scalar.location))
                failed = true
            }
        }
        let result: Resolution<[RawScalar]> = failed ? .failed : .resolved(scalars)
        expandedDefines[name] = result
        return result
    }

    /// Expands every define and flattens every template with `final` set, reporting each
    /// problem inside a definition once; afterwards every definition is cached.
    mutating func checkAll(problems: inout [Diagnostic]) {
        for name in defines.keys.sorted() { _ = expandDefine(name, final: true, problems: &problems) }
        for name in templates.keys.sorted() { _ = flattenTemplate(name, final: true, problems: &problems) }
    }
}
