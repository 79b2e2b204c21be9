import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

/// `fwd-probe udp-echo PORT`: sends every datagram back to its sender (IPv4 and IPv6), printing
/// `event=received peer=ADDR bytes=N` per datagram unless `--quiet`; exits on SIGTERM or when its
/// lifetime ends with `result=stopped received=N`.
struct UDPEcho: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "udp-echo", abstract: "Echo UDP datagrams until stopped.")

    @OptionGroup var options: ListenerOptions

    @Flag(help: "Print no event per datagram, only the final count.")
    var quiet = false

    func run() throws {
        try reportingSocketErrors {
            let lifetime = Lifetime(seconds: options.lifetime)
            let socket = try Socket.dualStackListener(type: SOCK_DGRAM, port: options.port)
            Report.event("listening", ("port", "\(try socket.localAddress().port)"))
            var buffer = [UInt8](repeating: 0, count: 65_536)
            var received = 0
            while !lifetime.isOver {
                let events = try socket.wait(for: Int16(POLLIN), milliseconds: lifetime.remainingMilliseconds())
                guard events & Int16(POLLIN) != 0 else { continue }
                var storage = sockaddr_storage()
                var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
                let count = withUnsafeMutablePointer(to: &storage) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        recvfrom(socket.descriptor, &buffer, buffer.count, 0, $0, &length)
                    }
                }
                guard count >= 0 else { continue }
                received += 1
                let peer = SocketAddress(storage: storage)
                _ = peer.withSockaddr { sendto(socket.descriptor, buffer, count, 0, $0, $1) }
                if !quiet { Report.event("received", ("peer", peer.ipText), ("bytes", "\(count)")) }
            }
            Report.result("stopped", ("received", "\(received)"))
        }
    }
}
