#if canImport(Glibc)
import Glibc
#endif

/// The connections of `tcp-stream`: opening them, one echoed exchange, closing them, and the
/// counts of what happened.
struct StreamConnections {
    /// What happened to the connections so far.
    struct Tally {
        var opened = 0
        var connectFailures = 0
        var refused = 0
        var resets = 0
        var closedByPeer = 0
        var timeouts = 0
        var mismatches = 0
        var exchanges = 0
        var cycled = 0
        var maximumMilliseconds = 0
        var slow = 0
        var retransmits = 0

        /// Prints the `result=finished` line.
        func report() {
            Report.result(
                "finished", ("opened", "\(opened)"), ("connect_failures", "\(connectFailures)"),
                ("refused", "\(refused)"), ("resets", "\(resets)"), ("closed_by_peer", "\(closedByPeer)"),
                ("timeouts", "\(timeouts)"), ("mismatches", "\(mismatches)"), ("exchanges", "\(exchanges)"),
                ("cycled", "\(cycled)"), ("max_ms", "\(maximumMilliseconds)"), ("slow", "\(slow)"),
                ("retransmits", "\(retransmits)"))
        }
    }

    /// An exchange slower than this many milliseconds counts as slow.
    static let slowMilliseconds = 150

    let destination: SocketAddress
    let timeout: Double
    let lifetime: Lifetime
    var tally = Tally()

    /// A new connection, or nil (counted) when the handshake fails or times out.
    mutating func open() -> Socket? {
        guard let socket = try? Socket(family: destination.family, type: SOCK_STREAM, nonBlocking: true) else {
            tally.connectFailures += 1
            return nil
        }
        let status = destination.withSockaddr { connect(socket.descriptor, $0, $1) }
        var code: Int32 = status == 0 ? 0 : errno
        if code == EINPROGRESS {
            let events = (try? socket.wait(for: Int16(POLLOUT), milliseconds: Int32(timeout * 1000))) ?? 0
            code = events == 0 ? ETIMEDOUT : socket.pendingError()
        }
        guard code == 0 else {
            tally.connectFailures += 1
            if code == ECONNREFUSED { tally.refused += 1 }
            return nil
        }
        tally.opened += 1
        return socket
    }

    /// Sends `sequence` on `socket` and waits for the same 8 bytes back; false (counted) when the
    /// connection failed, and false uncounted when the probe was stopped meanwhile.
    mutating func exchange(_ sequence: UInt64, on socket: Socket) -> Bool {
        let start = Lifetime.now()
        let message = (0..<8).map { UInt8(truncatingIfNeeded: sequence >> (56 - 8 * UInt64($0))) }
        guard send(socket.descriptor, message, message.count, Int32(MSG_NOSIGNAL)) == message.count else {
            return failed(errno)
        }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while answer.count < message.count {
            let left = start + timeout - Lifetime.now()
            if lifetime.isOver { return false }
            guard left > 0 else {
                tally.timeouts += 1
                return false
            }
            let events = (try? socket.wait(for: Int16(POLLIN), milliseconds: Int32(min(left, 0.1) * 1000) + 1)) ?? 0
            guard events != 0 else { continue }
            let count = recv(socket.descriptor, &buffer, message.count - answer.count, Int32(MSG_DONTWAIT))
            if count == 0 {
                tally.closedByPeer += 1
                return false
            }
            if count < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                return failed(errno)
            }
            answer += buffer[0..<count]
        }
        guard answer == message else {
            tally.mismatches += 1
            return false
        }
        let milliseconds = Int(((Lifetime.now() - start) * 1000).rounded())
        tally.exchanges += 1
        tally.maximumMilliseconds = max(tally.maximumMilliseconds, milliseconds)
        if milliseconds > StreamConnections.slowMilliseconds { tally.slow += 1 }
        return true
    }

    /// Closes `socket` in order and adds its retransmissions to the tally: shuts down the sending
    /// side, then reads (and discards) until the server's close arrives, 500 ms at most, so that
    /// no unread echo turns the close into a reset.
    mutating func retire(_ socket: Socket) {
        shutdown(socket.descriptor, Int32(SHUT_WR))
        let deadline = Lifetime.now() + 0.5
        var buffer = [UInt8](repeating: 0, count: 256)
        while Lifetime.now() < deadline {
            let events = (try? socket.wait(for: Int16(POLLIN), milliseconds: 100)) ?? 0
            guard events != 0 else { continue }
            let count = recv(socket.descriptor, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if count == 0 { break }
            if count < 0, errno != EAGAIN, errno != EINTR { break }
        }
        var info = tcp_info()
        var length = socklen_t(MemoryLayout<tcp_info>.size)
        if getsockopt(socket.descriptor, Int32(IPPROTO_TCP), TCP_INFO, &info, &length) == 0 {
            tally.retransmits += Int(info.tcpi_total_retrans)
        }
    }

    private mutating func failed(_ code: Int32) -> Bool {
        if code == ECONNRESET || code == EPIPE { tally.resets += 1 } else { tally.closedByPeer += 1 }
        return false
    }
}
