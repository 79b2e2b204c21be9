extension Table {
    /// Every way `packet` can end in builtin chain `chain`, following jumps, gotos and returns to
    /// the chain's policy. A rule whose matches are undecidable splits the walk in two (it matches;
    /// it does not), so the result lists one outcome per path. Bounded: past `maximumPaths` paths or
    /// `maximumSteps` rule visits the remaining paths end as ``ChainOutcome/Verdict/unknown``.
    public func walk(
        _ packet: PacketDescription, from chain: String, maximumPaths: Int = 256, maximumSteps: Int = 100_000
    ) -> [ChainOutcome] {
        guard let base = self[chain] else { return [] }
        let policy = base.policy ?? .accept
        let policyLabel = "policy \(policy.rawValue) of \(kind)/\(chain) (\(base.location))"
        var pending = [WalkState(frames: [WalkFrame(chain: chain, index: 0)], assumptions: [])]
        var outcomes: [ChainOutcome] = []
        var steps = 0

        while var state = pending.popLast() {
            guard steps < maximumSteps, outcomes.count + pending.count < maximumPaths else {
                outcomes.append(ChainOutcome(
                    .unknown, decidedBy: "too many undecidable rules or a jump loop to follow every path",
                    assumptions: state.assumptions))
                continue
            }
            steps += 1
            guard let frame = state.frames.last else { continue }
            let rules = self[frame.chain]?.rules ?? []
            guard frame.index < rules.count else {
                state.frames.removeLast()
                if state.frames.isEmpty {
                    outcomes.append(ChainOutcome(policy == .accept ? .accept : .drop, decidedBy: policyLabel,
                        assumptions: state.assumptions))
                } else {
                    pending.append(state)
                }
                continue
            }
            let rule = rules[frame.index]
            let label = rule.evaluationLabel(table: kind, chain: frame.chain, index: frame.index)
            var skipped = state
            skipped.frames[skipped.frames.count - 1].index += 1
            switch rule.match(packet, in: kind) {
            case .doesNotMatch:
                pending.append(skipped)
            case .matches:
                if let outcome = apply(rule, label: label, to: &state, policyLabel: policyLabel, policy: policy) {
                    outcomes.append(outcome)
                } else {
                    pending.append(state)
                }
            case .undecidable(let reasons):
                let why = reasons.joined(separator: "; ")
                guard rule.target.map(Table.affectsVerdict) ?? false else {
                    pending.append(skipped)
                    continue
                }
                skipped.assumptions.append("assumed \(label) does not match (\(why))")
                pending.append(skipped)
                state.assumptions.append("assumed \(label) matches (\(why))")
                if let outcome = apply(rule, label: label, to: &state, policyLabel: policyLabel, policy: policy) {
                    outcomes.append(outcome)
                } else {
                    pending.append(state)
                }
            }
        }
        return outcomes
    }

    /// How deep the walk follows nested jumps before giving up on a path.
    public static let maximumJumpDepth = 64

    /// Whether a target can change where the packet ends (LOG and MARK cannot: they continue).
    private static func affectsVerdict(_ target: Target) -> Bool {
        switch target {
        case .log, .mark: false
        case .accept, .drop, .reject, .return, .jump, .goto, .masquerade, .snat, .dnat, .redirect: true
        }
    }

    /// Applies a matching rule's target: returns the path's outcome when it ends here, or moves
    /// `state` on (next rule, into a jumped-to chain, back to the caller) and returns nil.
    private func apply(
        _ rule: Rule, label: String, to state: inout WalkState, policyLabel: String, policy: Policy
    ) -> ChainOutcome? {
        let top = state.frames.count - 1
        state.frames[top].index += 1
        guard let target = rule.target else { return nil }
        switch target {
        case .accept, .masquerade, .snat:
            return ChainOutcome(.accept, decidedBy: "\(label): \(target.iptablesName)", assumptions: state.assumptions)
        case .dnat, .redirect:
            state.assumptions.append("\(label) rewrites the destination; later chains were not re-evaluated")
            return ChainOutcome(.unknown, decidedBy: "\(label): \(target.iptablesName)", assumptions: state.assumptions)
        case .drop, .reject:
            return ChainOutcome(.drop, decidedBy: "\(label): \(target.iptablesName)", assumptions: state.assumptions)
        case .log, .mark:
            return nil
        case .return:
            state.frames.removeLast()
            if state.frames.isEmpty {
                return ChainOutcome(policy == .accept ? .accept : .drop, decidedBy: "\(policyLabel) after RETURN",
                    assumptions: state.assumptions)
            }
            return nil
        case .jump(let chain), .goto(let chain):
            guard self[chain] != nil else {
                state.assumptions.append("\(label) jumps to undefined chain '\(chain)'; ignored")
                return nil
            }
            if case .goto = target { state.frames.removeLast() }
            guard state.frames.count < Table.maximumJumpDepth else {
                return ChainOutcome(.unknown, decidedBy: "\(label): jumps nest deeper than \(Table.maximumJumpDepth)"
                    + " chains (a jump loop?)", assumptions: state.assumptions)
            }
            state.frames.append(WalkFrame(chain: chain, index: 0))
            return nil
        }
    }
}

/// One chain on the walk's call stack and the next rule to look at in it.
struct WalkFrame: Hashable, Sendable {
    var chain: String
    var index: Int
}

/// One path of the walk: its call stack and what it assumed about undecidable rules.
struct WalkState: Hashable, Sendable {
    var frames: [WalkFrame]
    var assumptions: [String]
}
