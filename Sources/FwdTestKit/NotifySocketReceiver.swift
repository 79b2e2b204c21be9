import Glibc

/// A bound `AF_UNIX` datagram socket standing in for systemd's `$NOTIFY_SOCKET`: what a daemon
/// under test sends with `sd_notify` (`READY=1`, `RELOADING=1`, `STATUS=…`) arrives here.
///
/// Receiving polls with `MSG_DONTWAIT` and short sleeps rather than blocking, so that a waiting
/// test never holds one of the few threads the daemon under test (in the same process) needs.
public final class NotifySocketReceiver {
    /// The socket's file descriptor.
    public let descriptor: Int32
    /// The bound path; `@name` for an abstract socket.
    public let path: String

    /// Binds `path` (`@name` for an abstract socket, which leaves no file behind).
    public init(path: String) throws(NotifySocketError) {
        self.path = path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw NotifySocketError("socket(AF_UNIX, SOCK_DGRAM): errno \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(path.utf8)
        let abstract = bytes.first == UInt8(ascii: "@")
        if abstract { bytes[0] = 0 }
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(descriptor)
            throw NotifySocketError("socket path too long: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + (abstract ? 0 : 1))
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard result == 0 else {
            let error = errno
            close(descriptor)
            throw NotifySocketError("bind \(path): errno \(error)")
        }
    }

    deinit {
        close(descriptor)
        if !path.hasPrefix("@") { unlink(path) }
    }

    /// A datagram waiting now, if any.
    public func receiveNow() -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }

    /// The next datagram, or nil when none comes within `limit` (generous by default: CI machines
    /// can be loaded).
    public func receive(within limit: Duration = .seconds(30)) async -> String? {
        let deadline = ContinuousClock.now.advanced(by: limit)
        while ContinuousClock.now < deadline {
            if let message = receiveNow() { return message }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    /// Every datagram waiting now.
    public func drain() -> [String] {
        var messages: [String] = []
        while let message = receiveNow() { messages.append(message) }
        return messages
    }

    /// Waits for a datagram containing `text`, for at most `limit`; returns whether it came and
    /// every datagram received meanwhile (that one included).
    public func waitFor(_ text: String, within limit: Duration = .seconds(30)) async -> (
        found: Bool, received: [String]
    ) {
        var received: [String] = []
        let deadline = ContinuousClock.now.advanced(by: limit)
        while ContinuousClock.now < deadline {
            guard let message = await receive(within: deadline - ContinuousClock.now) else { break }
            received.append(message)
            if message.contains(text) { return (true, received) }
        }
        return (false, received)
    }
}

/// Why a ``NotifySocketReceiver`` could not be set up.
public struct NotifySocketError: Error, CustomStringConvertible, Sendable {
    /// What failed.
    public var description: String

    /// An error saying `description`.
    public init(_ description: String) { self.description = description }
}
