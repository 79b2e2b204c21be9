import Foundation

/// What the daemon enforces and how its last reload went: the `STATUS=` line and the answer to
/// `status` on the control socket.
struct DaemonStatus: Sendable {
    /// The last successful commit.
    var applied: CommitReport?
    /// When it happened.
    var appliedAt: Date?
    /// The last reload's error, nil when it succeeded.
    var lastReloadError: String?
    /// Reloads done and failed since start.
    var reloads = 0
    var failedReloads = 0

    /// One line for systemd: `enforcing 42 rules with nftables (config 1a2b…); last reload failed: …`.
    var line: String {
        var text = applied.map { "enforcing \($0.ruleCount) rules with \($0.backend)"
            + ($0.networkNamespace.map { " in netns \($0)" } ?? "") + " (config \($0.digest))" }
            ?? "no ruleset applied"
        if let lastReloadError {
            let first = lastReloadError.split(separator: "\n").first.map(String.init) ?? lastReloadError
            text += "; last reload failed: \(first)"
        }
        return text
    }

    /// Several lines for `fwd status`-style output.
    var details: String {
        var lines = [line]
        if let appliedAt { lines.append("applied at \(appliedAt)") }
        lines.append("reloads: \(reloads), failed: \(failedReloads)")
        if let lastReloadError { lines.append("last reload error:\n\(lastReloadError)") }
        return lines.joined(separator: "\n")
    }
}
