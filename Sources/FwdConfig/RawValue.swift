import FwdModel

/// A scalar as written in a file: its text and where it starts.
struct RawScalar {
    /// The text, with a negating tag turned back into a leading `!` (`!10.0.0.0/8` → "!10.0.0.0/8").
    var text: String
    /// Where the scalar starts.
    var location: SourceLocation
    /// Whether the text came from a YAML tag (`source: !10.0.0.0/8`) rather than a string.
    var isFromTag: Bool = false

    /// The define name when the whole text (after an optional `!`) is `$name`.
    var reference: (negated: Bool, name: String)? {
        guard text.containsByte(UInt8(ascii: "$")) else { return nil }
        let (negated, rest) = Negatable<AddressList>.splitNegation(text)
        guard rest.hasPrefix("$"), Definitions.isValidName(rest.dropFirst()) else { return nil }
        return (negated, String(rest.dropFirst()))
    }
}

/// A rule key's value as written: one scalar or a list of scalars.
enum RawValue {
    case scalar(RawScalar)
    case list([RawScalar], at: SourceLocation)

    /// Where the value starts.
    var location: SourceLocation {
        switch self {
        case .scalar(let scalar): scalar.location
        case .list(_, let location): location
        }
    }

    /// The scalars, one for a scalar value.
    var scalars: [RawScalar] {
        switch self {
        case .scalar(let scalar): [scalar]
        case .list(let scalars, _): scalars
        }
    }

    /// Whether any scalar is a `$name` reference.
    var hasReference: Bool {
        switch self {
        case .scalar(let scalar): scalar.reference != nil
        case .list(let scalars, _): scalars.contains { $0.reference != nil }
        }
    }
}

/// One `key: value` of a rule or template.
struct RuleEntry {
    var key: RuleKey
    /// Where the key is written.
    var keyLocation: SourceLocation
    var value: RawValue
}

/// A rule (or template) as written, before templates and defines are resolved.
struct RuleDraft {
    /// Where the rule's mapping starts.
    var location: SourceLocation
    /// The keys other than `use`, in the order written.
    var entries: [RuleEntry] = []
    /// The templates named by `use:`, in order (a later one overrides an earlier one).
    var templateNames: [RawScalar] = []
    /// Whether the draft refers to templates or defines (and so cannot be built on its own).
    var needsDefinitions = false
    /// Whether a key of the draft had a problem already reported (unknown key, wrong type).
    var hasProblems = false
    /// Where `use:` is written, when it is.
    var useKeyLocation: SourceLocation?

    /// The entry for `key`, if written.
    func entry(for key: RuleKey) -> RuleEntry? { entries.first { $0.key == key } }
}
