import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

/// `fwd-probe tcp-echo PORT`: accepts TCP connections on every address (IPv4 and IPv6), keeps them
/// open and sends back whatever arrives on each. Exits on SIGTERM or when its lifetime ends with
/// `result=stopped accepted=N resets=R closed=C bytes=B` (`resets`: connections that ended with
/// an error such as ECONNRESET instead of an orderly close).
struct TCPEcho: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tcp-echo", abstract: "Echo on TCP connections, keeping them open, until stopped.")

    @OptionGroup var options: ListenerOptions

    @Option(help: "The most connections held at once (1–1000); more are accepted and closed at once.")
    var maxConnections = 256

    func validate() throws {
        guard (1...1000).contains(maxConnections) else { throw ValidationError("--max-connections must be 1–1000") }
    }

    func run() throws {
        try reportingSocketErrors {
            let lifetime = Lifetime(seconds: options.lifetime)
            let listener = try Socket.dualStackListener(type: SOCK_STREAM, port: options.port)
            guard listen(listener.descriptor, 128) == 0 else { throw SocketError("listen") }
            Report.event("listening", ("port", "\(try listener.localAddress().port)"))
            var clients: [Socket] = []
            var tally = Tally()
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while !lifetime.isOver {
                var entries = [pollfd(fd: listener.descriptor, events: Int16(POLLIN), revents: 0)]
                entries += clients.map { pollfd(fd: $0.descriptor, events: Int16(POLLIN), revents: 0) }
                guard poll(&entries, nfds_t(entries.count), lifetime.remainingMilliseconds()) > 0 else { continue }
                for index in clients.indices.reversed() where entries[index + 1].revents != 0 {
                    if !tally.echo(on: clients[index], buffer: &buffer) { clients.remove(at: index) }
                }
                if entries[0].revents & Int16(POLLIN) != 0 {
                    let descriptor = accept(listener.descriptor, nil, nil)
                    guard descriptor >= 0 else { continue }
                    tally.accepted += 1
                    let client = Socket(adopting: descriptor)
                    if clients.count < maxConnections { clients.append(client) }
                }
            }
            clients.removeAll()
            Report.result(
                "stopped", ("accepted", "\(tally.accepted)"), ("resets", "\(tally.resets)"),
                ("closed", "\(tally.closed)"), ("bytes", "\(tally.bytes)"))
        }
    }

    /// What happened on the server's connections.
    private struct Tally {
        var accepted = 0
        var resets = 0
        var closed = 0
        var bytes = 0

        /// Reads what `client` has and sends it back; false when the connection is over.
        mutating func echo(on client: Socket, buffer: inout [UInt8]) -> Bool {
            let count = recv(client.descriptor, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if count == 0 {
                closed += 1
                return false
            }
            if count < 0 {
                if errno == EAGAIN || errno == EINTR { return true }
                resets += 1
                return false
            }
            var written = 0
            while written < count {
                let sent = buffer[written..<count].withUnsafeBytes {
                    send(client.descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
                }
                if sent < 0, errno == EINTR { continue }
                guard sent > 0 else {
                    resets += 1
                    return false
                }
                written += sent
            }
            bytes += count
            return true
        }
    }
}
