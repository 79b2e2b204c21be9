import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

/// `fwd-probe tcp-listen PORT`: accepts TCP connections on every address (IPv4 and IPv6) and
/// closes each at once, printing `event=accepted peer=ADDR` per connection; exits on SIGTERM or
/// when its lifetime ends with `result=stopped accepted=N`.
struct TCPListen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tcp-listen", abstract: "Accept TCP connections until stopped.")

    @OptionGroup var options: ListenerOptions

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
                _ = Socket(adopting: descriptor)  // closed right away
                accepted += 1
                Report.event("accepted", ("peer", SocketAddress(storage: storage).ipText))
            }
            Report.result("stopped", ("accepted", "\(accepted)"))
        }
    }
}
