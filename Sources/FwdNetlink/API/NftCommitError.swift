/// Why a commit did not happen (or, for ``outcomeUnknown(_:)``, may have).
public enum NftCommitError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The ruleset cannot be encoded; nothing was sent.
    case invalidRuleset([NftRulesetProblem])
    /// A table of the new ruleset exists but fwd does not own it (no ownership marker);
    /// fwd never touches it. Nothing was sent.
    case foreignTable(family: String, name: String)
    /// The kernel refused messages of the batch; nothing was applied. Every refused message is
    /// listed (the kernel keeps validating after the first error).
    case refused([NftKernelRefusal], repliesLost: Bool)
    /// Another program kept changing the ruleset between fwd reading it and committing
    /// (`ERESTART` on every attempt). Nothing was applied.
    case concurrentChanges(attempts: Int)
    /// The kernel's answer was lost (the receive buffer overflowed, `ENOBUFS`), so whether the
    /// batch was applied is unknown. Read the ruleset back before trusting either outcome.
    case outcomeUnknown(String)
    /// A system call failed before the kernel saw the batch; nothing was applied.
    case system(NftSystemError)

    /// A message for the user, one line per problem.
    public var description: String {
        switch self {
        case .invalidRuleset(let problems):
            return (["nftables ruleset cannot be encoded:"] + problems.map { "  \($0)" }).joined(separator: "\n")
        case .foreignTable(let family, let name):
            return
                "table \(family) \(name) exists and is not managed by fwd; refusing to touch it (rename fwd's table or delete that one)"
        case .refused(let refusals, let repliesLost):
            let lost = repliesLost ? ["  (more refusals were lost: the receive buffer overflowed)"] : []
            let count = refusals.count == 1 ? "1 message" : "\(refusals.count) messages"
            return (["kernel refused \(count); nothing was applied:"] + refusals.map { "  \($0)" } + lost)
                .joined(separator: "\n")
        case .concurrentChanges(let attempts):
            return "the nftables ruleset kept changing while fwd committed (\(attempts) attempts); nothing was applied"
        case .outcomeUnknown(let detail):
            return
                "outcome unknown: \(detail); check the ruleset with `nft list ruleset` before trusting either outcome"
        case .system(let error):
            return "\(error); nothing was applied"
        }
    }
}
