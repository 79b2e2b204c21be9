import Glibc

/// Talks to a running daemon over its control socket: what `fwd reload` (and `fwd apply
/// --confirm`, to arm a rollback) use.
public struct ControlClient: Sendable {
    /// The daemon's control socket.
    public var socketPath: String
    /// How long to wait for an answer (a reload of a large ruleset takes a while).
    public var timeoutSeconds: Int

    /// A client of the daemon listening on `socketPath` (default `/run/fwd/control.sock`).
    public init(socketPath: String = RuntimeDirectory().controlSocketPath, timeoutSeconds: Int = 900) {
        self.socketPath = socketPath
        self.timeoutSeconds = timeoutSeconds
    }

    /// Asks the daemon to reload and waits for the outcome: ``ControlResponse/exitCode`` is
    /// ``FwdExitCode/success`` when the new config is in force, else the daemon's error (1: bad
    /// config, 3: kernel refused) with its message.
    /// - Throws: ``DaemonNotRunning`` when no daemon listens.
    public func reload() async throws -> ControlResponse { try await send(.reload) }

    /// Sends `command` and returns the daemon's answer.
    /// - Throws: ``DaemonNotRunning`` when no daemon listens; ``EnvironmentError`` otherwise.
    public func send(_ command: ControlCommand) async throws -> ControlResponse {
        let path = socketPath
        let timeout = timeoutSeconds
        return try await BlockingWork.run("fwd-control-client") { () throws -> ControlResponse in
            try ControlClient.exchange(command, path: path, timeoutSeconds: timeout)
        }
    }

    private static func exchange(_ command: ControlCommand, path: String, timeoutSeconds: Int) throws -> ControlResponse {
        guard let address = UnixSocketAddress(path) else {
            throw EnvironmentError("control socket path '\(path)' is too long")
        }
        let descriptor = try UnixSocket.make(Int32(SOCK_STREAM.rawValue))
        defer { close(descriptor) }
        let connected = address.withSocketAddress { connect(descriptor, $0, $1) }
        if connected != 0 {
            let code = errno
            switch code {
            case ENOENT, ECONNREFUSED: throw DaemonNotRunning(socketPath: path)
            case EACCES, EPERM: throw EnvironmentError("permission denied on \(path): only root may talk to fwd's daemon")
            default: throw EnvironmentError.systemCall("cannot connect to \(path)", errno: code)
            }
        }
        UnixSocket.setTimeouts(descriptor, seconds: timeoutSeconds)
        guard UnixSocket.writeAll(descriptor, command.line + "\n") else {
            throw EnvironmentError.systemCall("cannot send to the daemon at \(path)", errno: errno)
        }
        shutdown(descriptor, Int32(SHUT_WR))
        guard let text = UnixSocket.readToEnd(descriptor) else {
            throw EnvironmentError.systemCall("no answer from the daemon at \(path)", errno: errno)
        }
        guard let response = ControlResponse(decoding: text) else {
            throw EnvironmentError("the daemon at \(path) gave no answer to '\(command.line)'"
                + (text.isEmpty ? " (it closed the connection: did it stop?)" : ": \(text)"))
        }
        return response
    }
}

/// No daemon listens on the control socket.
public struct DaemonNotRunning: Error, Hashable, Sendable, CustomStringConvertible, ExitCodeProviding {
    /// The socket tried.
    public var socketPath: String

    /// That no daemon runs, and what to do instead.
    public var description: String {
        "fwd daemon is not running (nothing listens on \(socketPath)); start it with"
            + " `systemctl start fwd`, or use `fwd apply` to commit without it"
    }

    /// 4.
    public var exitCode: FwdExitCode { .environment }
}
