import FwdModel

/// The `define:` values and `templates:` of one load. They are global: every file sees every
/// definition, wherever it was written, and a name may be defined only once.
struct Definitions {
    /// A named value: one scalar or a list of scalars (which may name other defines).
    struct Define {
        var value: RawValue
        /// Where the name is written.
        var location: SourceLocation
    }

    /// A named partial rule.
    struct Template {
        var draft: RuleDraft
        /// Where the name is written.
        var location: SourceLocation
    }

    /// The outcome of resolving a name: found, not (yet) defined, or broken (already reported).
    enum Resolution<Value> {
        case resolved(Value)
        /// A name is not defined so far; a later file may still define it.
        case missing
        /// The definition has errors, which were reported.
        case failed
    }

    /// A set declared under `sets:`, as rules refer to it (`source: "@name"`).
    struct DeclaredSet {
        var type: SetElementType
        var location: SourceLocation
    }

    /// A mark named under `marks:`.
    struct NamedMark {
        var value: MarkValue
        var location: SourceLocation
    }

    private(set) var defines: [String: Define] = [:]
    /// The sets declared so far, by name.
    var declaredSets: [String: DeclaredSet] = [:]
    /// The marks named so far.
    var marks: [String: NamedMark] = [:]
    private(set) var templates: [String: Template] = [:]
    /// Defines with their references expanded, once resolved or failed.
    var expandedDefines: [String: Resolution<[RawScalar]>] = [:]
    /// Templates with their `use:` chains merged, once resolved or failed.
    var flattenedTemplates: [String: Resolution<[RuleEntry]>] = [:]

    /// Whether `name` may name a define or template: a letter or `_`, then letters, digits, `_`, `-`.
    static func isValidName(_ name: Substring) -> Bool {
        guard let first = name.utf8.first, isLetter(first) || first == UInt8(ascii: "_") else { return false }
        return name.utf8.allSatisfy {
            isLetter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_")
                || $0 == UInt8(ascii: "-")
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    /// Adds a define, or reports that the name is taken (naming both places) or malformed.
    mutating func addDefine(_ name: String, value: RawValue, at location: SourceLocation, problems: inout [Diagnostic]) {
        guard Definitions.mayDefine(name, key: "define", existing: defines[name]?.location, at: location,
            problems: &problems)
        else { return }
        defines[name] = Define(value: value, location: location)
    }

    /// Adds a template, or reports that the name is taken (naming both places) or malformed.
    mutating func addTemplate(_ name: String, draft: RuleDraft, at location: SourceLocation, problems: inout [Diagnostic]) {
        guard Definitions.mayDefine(name, key: "templates", existing: templates[name]?.location, at: location,
            problems: &problems)
        else { return }
        templates[name] = Template(draft: draft, location: location)
    }

    /// Whether `name` may be defined under `key`: false after reporting a malformed name, or one
    /// already defined at `existing` (naming both places).
    private static func mayDefine(
        _ name: String, key: String, existing: SourceLocation?, at location: SourceLocation,
        problems: inout [Diagnostic]
    ) -> Bool {
        guard isValidName(Substring(name)) else {
            problems.append(Diagnostic(
                "\(key): '\(name.truncatedForMessage)' is not a valid name (a letter or _, then letters, digits, _ or -)",
                at: location))
            return false
        }
        if let existing {
            problems.append(Diagnostic("\(key): '\(name)' is already defined at \(existing)", at: location))
            return false
        }
        return true
    }

    /// `(did you mean '$x'?)` for an undefined define name.
    func defineSuggestion(for name: String) -> String {
        nearest(to: name, among: Array(defines.keys)).map { " (did you mean '$\($0)'?)" } ?? ""
    }

    /// `(did you mean 'x'?)` for an undefined template name.
    func templateSuggestion(for name: String) -> String {
        didYouMean(name, among: Array(templates.keys))
    }
}
