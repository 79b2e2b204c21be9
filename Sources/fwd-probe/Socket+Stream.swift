#if canImport(Glibc)
import Glibc
#endif

/// What one bounded read of a stream socket gave.
enum StreamRead {
    /// The bytes read (at least one).
    case data([UInt8])
    /// Nothing arrived in time.
    case timedOut
    /// The peer closed the connection (orderly end of stream).
    case closed
    /// The read failed with this `errno` (`ECONNRESET` after a RST).
    case failed(Int32)
}

extension Socket {
    /// Connects this (non-blocking) socket to `destination`, waiting at most `milliseconds`.
    /// Returns 0 on success, else the `errno` the attempt ended with (`ETIMEDOUT` when no answer
    /// came in time).
    func connect(to destination: SocketAddress, milliseconds: Int32) throws -> Int32 {
        let status = destination.withSockaddr { Glibc.connect(descriptor, $0, $1) }
        let code: Int32 = status == 0 ? 0 : errno
        guard code == EINPROGRESS else { return code }
        let events = try wait(for: Int16(POLLOUT), milliseconds: milliseconds)
        return events == 0 ? ETIMEDOUT : pendingError()
    }

    /// Sends all of `bytes`, waiting at most `milliseconds` for room in the send buffer each time
    /// it is full. Returns 0 when everything was sent, else the `errno` of the failure.
    func sendAll(_ bytes: [UInt8], milliseconds: Int32) throws -> Int32 {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count > 0 {
                sent += count
                continue
            }
            let code = errno
            guard code == EAGAIN || code == EWOULDBLOCK || code == EINTR else { return code }
            guard try wait(for: Int16(POLLOUT), milliseconds: milliseconds) != 0 else { return ETIMEDOUT }
        }
        return 0
    }

    /// Reads what has arrived, waiting at most `milliseconds` for the first byte.
    func read(maximum: Int = 65_536, milliseconds: Int32) throws -> StreamRead {
        guard try wait(for: Int16(POLLIN), milliseconds: milliseconds) != 0 else { return .timedOut }
        var buffer = [UInt8](repeating: 0, count: maximum)
        let count = recv(descriptor, &buffer, buffer.count, Int32(MSG_DONTWAIT))
        if count > 0 { return .data(Array(buffer.prefix(count))) }
        if count == 0 { return .closed }
        let code = errno
        return code == EAGAIN || code == EWOULDBLOCK || code == EINTR ? .timedOut : .failed(code)
    }
}
