/// Whether a ruleset lets a packet through, and why.
public struct PacketVerdict: Hashable, Sendable {
    /// The answer.
    public enum Decision: Hashable, Sendable {
        /// Every chain on the path accepts the packet, whatever the undecidable matches do.
        case accepted
        /// A chain on the path drops the packet on every possible path.
        case dropped
        /// Some paths drop the packet and others do not: it depends on something the packet
        /// description does not tell (see ``PacketVerdict/reasons``).
        case undecidable
    }

    /// The answer.
    public var decision: Decision
    /// Why, one sentence a line: what dropped the packet, or on which assumptions it may be
    /// dropped.
    public var reasons: [String]

    /// A verdict with its reasons.
    public init(_ decision: Decision, reasons: [String] = []) {
        self.decision = decision
        self.reasons = reasons
    }
}

extension Ruleset {
    /// Whether `packet` gets through the chains of `path`. Tables and chains the ruleset does not
    /// have are taken to accept (fwd leaves them alone). nat chains count only for NEW packets.
    public func evaluate(_ packet: PacketDescription, along path: PacketPath) -> PacketVerdict {
        var doubts: [String] = []
        for (kind, chain) in path.chains(includeNAT: packet.connectionState.contains(.new)) {
            guard let table = self[kind], table[chain] != nil else { continue }
            let outcomes = table.walk(packet, from: chain)
            if outcomes.allSatisfy({ $0.verdict == .accept }) { continue }
            if outcomes.allSatisfy({ $0.verdict == .drop }) {
                let deciders = Set(outcomes.map(\.decidedBy)).sorted()
                let notes = Set(outcomes.flatMap(\.assumptions)).sorted()
                return PacketVerdict(.dropped, reasons: deciders.map { "dropped by \($0)" } + notes)
            }
            for outcome in outcomes where outcome.verdict != .accept {
                let verb = outcome.verdict == .drop ? "may be dropped by" : "cannot tell past"
                let condition = outcome.assumptions.isEmpty
                    ? "" : " if " + outcome.assumptions.joined(separator: ", and ")
                doubts.append("\(verb) \(outcome.decidedBy)\(condition)")
            }
        }
        return doubts.isEmpty ? PacketVerdict(.accepted) : PacketVerdict(.undecidable, reasons: doubts)
    }
}
