import Foundation
import Glibc

/// Tells systemd how the service is doing (the sd_notify protocol): one datagram of
/// `KEY=value` lines to the `AF_UNIX` socket named by `$NOTIFY_SOCKET` (a path, or `@name` for
/// an abstract socket). Without `$NOTIFY_SOCKET` (not started by systemd) it does nothing.
public struct SystemdNotifier: Sendable {
    /// The socket notifications go to; nil disables them.
    public var socketPath: String?

    /// A notifier for `socketPath`.
    public init(socketPath: String?) { self.socketPath = socketPath }

    /// The notifier for `$NOTIFY_SOCKET` in `environment`.
    public init(environment: [String: String]) {
        self.init(socketPath: environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 })
    }

    /// The notifier for this process's `$NOTIFY_SOCKET`.
    public static var fromProcessEnvironment: SystemdNotifier {
        SystemdNotifier(environment: ProcessInfo.processInfo.environment)
    }

    /// Sends `READY=1` with a status line.
    public func ready(status: String) throws(EnvironmentError) { try send(["READY=1", "STATUS=" + status]) }

    /// Sends `RELOADING=1` with a status line.
    public func reloading(status: String) throws(EnvironmentError) {
        try send(["RELOADING=1", "STATUS=" + status])
    }

    /// Sends `STATUS=` (and `READY=1`, which systemd expects after `RELOADING=1`).
    public func status(_ status: String, ready: Bool = false) throws(EnvironmentError) {
        try send((ready ? ["READY=1"] : []) + ["STATUS=" + status])
    }

    /// Sends `STOPPING=1`.
    public func stopping(status: String) throws(EnvironmentError) { try send(["STOPPING=1", "STATUS=" + status]) }

    /// Sends the assignments as one datagram (newlines inside a value become spaces), without
    /// waiting: when the receiver's queue is full (systemd drains it at once; a stuck receiver
    /// does not), the message is dropped and the error says so, so that a reload never stalls
    /// on a notification.
    public func send(_ assignments: [String]) throws(EnvironmentError) {
        guard let socketPath else { return }
        guard let address = UnixSocketAddress(socketPath) else {
            throw EnvironmentError("NOTIFY_SOCKET '\(socketPath)' is not a usable socket address")
        }
        let descriptor = try UnixSocket.make(Int32(SOCK_DGRAM.rawValue))
        defer { close(descriptor) }
        let message = Array(assignments.map { $0.replacingNewlines() }.joined(separator: "\n").utf8)
        let sent = address.withSocketAddress { pointer, length in
            message.withUnsafeBytes { sendto(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT), pointer, length) }
        }
        guard sent == message.count else { throw .systemCall("cannot notify systemd at \(socketPath)", errno: errno) }
    }
}

extension String {
    func replacingNewlines() -> String {
        String(map { $0.isNewline ? " " : $0 })
    }
}
