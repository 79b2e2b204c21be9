public import FwdModel

/// Tells whether a ruleset would cut the SSH connection a command runs from: its established
/// packets must pass the input path, and the replies the output path.
public struct LockoutGuard: Sendable {
    /// The connection to protect.
    public var connection: SSHConnection

    /// A guard for `connection`.
    public init(connection: SSHConnection) { self.connection = connection }

    /// The guard for `$SSH_CONNECTION`, or nil when the command does not run over SSH.
    public static func current(in environment: [String: String]) -> LockoutGuard? {
        SSHConnection.current(in: environment).map(LockoutGuard.init)
    }

    /// The verdict for the connection under `ruleset`: dropped or undecidable when either
    /// direction is, with the reasons of each.
    public func assess(_ ruleset: Ruleset) -> PacketVerdict {
        guard let inbound = connection.inboundPacket else { return PacketVerdict(.accepted) }
        var outbound = inbound.reply
        outbound.outInterface = connection.isLoopback ? "lo" : nil
        let directions = [
            ("client → server", ruleset.evaluate(inbound, along: .localInput)),
            ("server → client", ruleset.evaluate(outbound, along: .localOutput)),
        ]
        if let dropped = directions.first(where: { $0.1.decision == .dropped }) {
            return PacketVerdict(.dropped, reasons: dropped.1.reasons.map { "\(dropped.0): \($0)" })
        }
        let doubts = directions.flatMap { direction in direction.1.reasons.map { "\(direction.0): \($0)" } }
        return doubts.isEmpty ? PacketVerdict(.accepted) : PacketVerdict(.undecidable, reasons: doubts)
    }

    /// Throws ``LockoutRefusal`` unless `ruleset` certainly keeps the connection.
    public func requireSafe(_ ruleset: Ruleset) throws(LockoutRefusal) {
        let verdict = assess(ruleset)
        switch verdict.decision {
        case .accepted: return
        case .dropped, .undecidable: throw LockoutRefusal(connection: connection, verdict: verdict)
        }
    }
}

/// `fwd apply` refused a ruleset that would (or might) cut the SSH connection it runs from.
public struct LockoutRefusal: Error, Hashable, Sendable, CustomStringConvertible, ExitCodeProviding {
    /// The connection that would be cut.
    public var connection: SSHConnection
    /// Why.
    public var verdict: PacketVerdict

    /// The refusal and its reasons, with what to do.
    public var description: String {
        let how = verdict.decision == .dropped ? "would drop" : "might drop"
        return "refusing to apply: the new ruleset \(how) the SSH connection this command runs from"
            + " (\(connection)):\n" + verdict.reasons.map { "  \($0)" }.joined(separator: "\n")
            + "\nnothing was changed; use --confirm DURATION to apply it with automatic rollback,"
            + " or --force to apply it anyway"
    }

    /// 5.
    public var exitCode: FwdExitCode { .lockoutRefused }
}
