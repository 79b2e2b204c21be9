#if canImport(Glibc)
import Glibc
#endif

/// A socket call that failed, with the call's name and `errno`.
struct SocketError: Error, CustomStringConvertible {
    /// The call that failed (`bind`, `connect`, ...).
    let call: String
    /// The `errno` it left.
    let code: Int32

    /// The error of `call` with the current `errno`.
    init(_ call: String, code: Int32 = errno) {
        self.call = call
        self.code = code
    }

    var description: String { "\(call): \(String(cString: strerror(code)))" }
}

/// An owned socket file descriptor, closed when the value goes away.
final class Socket {
    /// The file descriptor.
    let descriptor: Int32

    /// A new socket of `family` (`AF_INET`, `AF_INET6`) and `type` (`SOCK_STREAM`, `SOCK_DGRAM`).
    init(family: Int32, type: __socket_type, nonBlocking: Bool = false) throws {
        let flags = Int32(SOCK_CLOEXEC.rawValue) | (nonBlocking ? Int32(SOCK_NONBLOCK.rawValue) : 0)
        let descriptor = socket(family, Int32(type.rawValue) | flags, 0)
        guard descriptor >= 0 else { throw SocketError("socket") }
        self.descriptor = descriptor
    }

    /// A socket the kernel handed out (from `accept`).
    init(adopting descriptor: Int32) { self.descriptor = descriptor }

    deinit { close(descriptor) }

    /// A dual-stack (IPv4 and IPv6) socket bound to every address on `port`.
    static func dualStackListener(type: __socket_type, port: UInt16) throws -> Socket {
        let socket = try Socket(family: AF_INET6, type: type)
        try socket.setOption(Int32(IPPROTO_IPV6), IPV6_V6ONLY, 0)
        try socket.setOption(SOL_SOCKET, SO_REUSEADDR, 1)
        try socket.bind(to: .anyDualStack(port: port))
        return socket
    }

    /// Sets an integer socket option.
    func setOption(_ level: Int32, _ name: Int32, _ value: Int32) throws {
        var value = value
        guard setsockopt(descriptor, level, name, &value, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw SocketError("setsockopt")
        }
    }

    /// Binds the socket to `address`.
    func bind(to address: SocketAddress) throws {
        let status = address.withSockaddr { Glibc.bind(descriptor, $0, $1) }
        guard status == 0 else { throw SocketError("bind") }
    }

    /// The address the socket is bound to.
    func localAddress() throws -> SocketAddress {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let status = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard status == 0 else { throw SocketError("getsockname") }
        return SocketAddress(storage: storage)
    }

    /// Waits until the socket has `events` (`POLLIN`, `POLLOUT`) or `milliseconds` pass; returns
    /// the events that happened (empty on timeout or on a signal).
    func wait(for events: Int16, milliseconds: Int32) throws -> Int16 {
        var entry = pollfd(fd: descriptor, events: events, revents: 0)
        let count = poll(&entry, 1, milliseconds)
        if count < 0 {
            if errno == EINTR { return 0 }
            throw SocketError("poll")
        }
        return count == 0 ? 0 : entry.revents
    }

    /// The pending error of the socket (`SO_ERROR`), 0 when none.
    func pendingError() -> Int32 {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &value, &length) == 0 else { return errno }
        return value
    }
}
