import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

/// `fwd-probe tcp-listen PORT`: accepts TCP connections on every address (IPv4 and IPv6) and
/// closes each at once, printing `event=accepted peer=ADDR` per connection; exits on SIGTERM or
/// when its lifetime ends with `result=stopped accepted=N`.
///
/// With `--echo`, each connection is first served: what the peer sends is sent back until the peer
/// closes, stays quiet for `--idle` seconds, or the lifetime ends (one connection at a time; the
/// next ones wait in the accept queue).
struct TCPListen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tcp-listen", abstract: "Accept TCP connections until stopped.")

    @OptionGroup var options: ListenerOptions

    @Flag(help: "Echo what each connection sends before closing it.")
    var echo = false

    @Option(help: "With --echo: seconds of silence after which a connection is closed.")
    var idle: Double = 2

    func run() throws {
        try reportingSocketErrors {
            let lifetime = Lifetime(seconds: options.lifetime)
            let listener = try Socket.dualStackListener(type: SOCK_STREAM, port: options.port)
            guard listen(listener.descriptor, 128) == 0 else { throw SocketError("listen") }
            Report.event("listening", ("port", "\(try listener.localAddress().port)"))
            var accepted = 0
            while !lifetime.isOver {
                let events = try listener.wait(for: Int16(POLLIN), milliseconds: lifetime.remainingMilliseconds())
                guard events & Int16(POLLIN) != 0 else { continue }
                var storage = sockaddr_storage()
                var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
                let descriptor = withUnsafeMutablePointer(to: &storage) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        accept(listener.descriptor, $0, &length)
                    }
                }
                guard descriptor >= 0 else { continue }
                let connection = Socket(adopting: descriptor)  // closed when it goes out of scope
                accepted += 1
                Report.event("accepted", ("peer", SocketAddress(storage: storage).ipText))
                if echo { try serveEcho(on: connection, lifetime: lifetime) }
            }
            Report.result("stopped", ("accepted", "\(accepted)"))
        }
    }

    /// Sends back what `connection` sends until it closes, stays quiet for `idle` seconds, or
    /// `lifetime` ends.
    private func serveEcho(on connection: Socket, lifetime: Lifetime) throws {
        var lastActivity = Lifetime.now()
        while !lifetime.isOver, Lifetime.now() - lastActivity < idle {
            switch try connection.read(milliseconds: lifetime.remainingMilliseconds()) {
            case .data(let bytes):
                lastActivity = Lifetime.now()
                guard try connection.sendAll(bytes, milliseconds: 1000) == 0 else { return }
            case .timedOut:
                continue
            case .closed, .failed:
                return
            }
        }
    }
}
