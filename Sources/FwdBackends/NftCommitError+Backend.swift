public import FwdDaemon
import FwdNetlink

extension NftCommitError {
    /// The error in the daemon's terms: a ``KernelRefusal`` naming every refused rule (exit 3),
    /// ``UnencodableRuleset`` (exit 1), or an ``EnvironmentError`` (exit 4) for a table fwd does
    /// not own, a ruleset that kept changing, a lost answer or a failed system call.
    var backendError: any Error {
        switch self {
        case .refused(let refusals, let repliesLost):
            let lost = repliesLost ? ["(more refusals were lost: the receive buffer overflowed)"] : []
            return KernelRefusal(
                "\(refusals.count) message(s) refused; nothing was applied", locations: refusals.compactMap(\.location),
                lines: refusals.map(\.description) + lost)
        case .invalidRuleset(let problems):
            return UnencodableRuleset(lines: problems.map(\.description))
        case .foreignTable, .concurrentChanges, .outcomeUnknown, .system:
            return EnvironmentError("nftables: \(self)")
        }
    }
}

/// The ruleset is valid but fwd cannot express it as nftables objects; nothing was sent.
public struct UnencodableRuleset: Error, Hashable, Sendable, CustomStringConvertible, ExitCodeProviding {
    /// One line per problem, starting with its location when known.
    public var lines: [String]

    /// The problems, one per line.
    public var description: String { lines.map { "\($0) (nftables cannot express this)" }.joined(separator: "\n") }

    /// 1: the config must change.
    public var exitCode: FwdExitCode { .invalidConfig }
}
