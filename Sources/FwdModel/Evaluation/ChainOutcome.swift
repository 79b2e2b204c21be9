/// How one possible path of a packet through a builtin chain (and the chains it jumps to) ends.
public struct ChainOutcome: Hashable, Sendable {
    /// The end of a path.
    public enum Verdict: Hashable, Sendable {
        /// The chain lets the packet go on (ACCEPT, a NAT target, or an ACCEPT policy).
        case accept
        /// The chain discards the packet (DROP, REJECT, or a DROP policy).
        case drop
        /// The walk gave up (too many undecidable branches, or a jump loop).
        case unknown
    }

    /// How the path ends.
    public var verdict: Verdict
    /// What decided it, for people: `rule 3 of filter/INPUT (fw.yaml:12:5): DROP`.
    public var decidedBy: String
    /// The undecidable matches assumed one way or the other along the path, each with its
    /// outcome: `assumed rule 2 of filter/INPUT (fw.yaml:9:5) does not match: limit 5/second…`.
    public var assumptions: [String]

    /// A path ending in `verdict`.
    public init(_ verdict: Verdict, decidedBy: String, assumptions: [String] = []) {
        self.verdict = verdict
        self.decidedBy = decidedBy
        self.assumptions = assumptions
    }
}

extension Rule {
    /// `rule 3 of filter/INPUT (fw.yaml:12:5)`.
    func evaluationLabel(table: TableKind, chain: String, index: Int) -> String {
        "rule \(index + 1) of \(table)/\(chain) (\(location))"
    }
}
