import FwdDaemon
import FwdIptables
import FwdModel

extension IptablesLoadError {
    /// The error in the daemon's terms: the validation error itself (exit 1), a
    /// ``KernelRefusal`` located at the refused rule (exit 3), or an ``EnvironmentError``
    /// (exit 4) for a missing tool or namespace and for iptables-save or a restore of saved
    /// tables failing.
    var backendError: any Error {
        switch self {
        case .invalidRuleset(let error):
            return error
        case .refused(let refusal):
            return KernelRefusal(
                refusal.toolMessage, locations: refusal.origin.map { [$0.location] } ?? [],
                lines: refusal.description.split(separator: "\n").map(String.init))
        case .environment(let message):
            return EnvironmentError(message)
        case .toolFailed:
            return EnvironmentError(description)
        }
    }
}
