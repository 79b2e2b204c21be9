/// Whether one match, or a whole rule, holds for a packet.
public enum MatchOutcome: Hashable, Sendable {
    /// The packet matches.
    case matches
    /// The packet does not match.
    case doesNotMatch
    /// It depends on something the packet description does not tell (rate, mark, interface);
    /// the reasons say what.
    case undecidable([String])

    /// The outcome when the match is inverted (`!`): undecidable stays undecidable.
    public func negated(_ isNegated: Bool) -> MatchOutcome {
        guard isNegated else { return self }
        switch self {
        case .matches: return .doesNotMatch
        case .doesNotMatch: return .matches
        case .undecidable: return self
        }
    }

    /// `matches` or `doesNotMatch` from a condition.
    public init(_ condition: Bool) { self = condition ? .matches : .doesNotMatch }

    /// The outcome of all of `outcomes` holding at once: one definite mismatch decides, otherwise
    /// any undecidable one makes the whole undecidable.
    public static func all(_ outcomes: [MatchOutcome]) -> MatchOutcome {
        var reasons: [String] = []
        for outcome in outcomes {
            switch outcome {
            case .doesNotMatch: return .doesNotMatch
            case .undecidable(let why): reasons += why
            case .matches: break
            }
        }
        return reasons.isEmpty ? .matches : .undecidable(reasons)
    }
}
