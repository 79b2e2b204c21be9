import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

/// `fwd-probe udp-flood ADDR PORT --rate N --duration S`: sends numbered datagrams (see
/// ``FloodDatagram``) at `rate` per second until `duration` passes, `count` are sent, or SIGTERM.
/// Prints `event=started`, `event=progress sent=N` every 100 ms, and finally
/// `result=finished sent=N last=N-1 send_errors=E slipped=S elapsed_ms=T`: sequence numbers
/// `0...last` were all handed to the kernel (a failed send is retried with the same number).
struct UDPFlood: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "udp-flood", abstract: "Send numbered UDP datagrams at a bounded rate for a bounded time.")

    @Argument(help: "The IPv4 or IPv6 address to flood.")
    var address: String

    @Argument(help: "The destination port.")
    var port: UInt16

    @Option(help: "Datagrams per second (1–1,000,000).")
    var rate: Double = 1000

    @Option(help: "Seconds after which the flood stops, whatever happens (0–600).")
    var duration: Double = 5

    @Option(help: "The most datagrams sent (1–100,000,000).")
    var count = 1_000_000

    @Option(help: "Bytes per datagram (\(FloodDatagram.minimumSize)–1472).")
    var size = 64

    func validate() throws {
        guard (1...1_000_000).contains(rate) else { throw ValidationError("--rate must be 1–1,000,000") }
        guard (0...600).contains(duration) else { throw ValidationError("--duration must be 0–600 seconds") }
        guard (1...100_000_000).contains(count) else { throw ValidationError("--count must be 1–100,000,000") }
        guard (FloodDatagram.minimumSize...1472).contains(size) else {
            throw ValidationError("--size must be \(FloodDatagram.minimumSize)–1472 bytes")
        }
    }

    func run() throws {
        guard let destination = SocketAddress(ip: address, port: port) else {
            throw ValidationError("'\(address)' is not an IPv4 or IPv6 address")
        }
        try reportingSocketErrors {
            let socket = try Socket(family: destination.family, type: SOCK_DGRAM)
            let lifetime = Lifetime(seconds: duration)
            let start = Lifetime.now()
            var pacer = Pacer(rate: rate)
            var buffer = FloodDatagram.template(size: size)
            var sent: UInt64 = 0
            var sendErrors = 0
            var lastErrno: Int32 = 0
            var nextProgress = start + 0.1
            Report.event("started", ("port", "\(port)"), ("rate", "\(Int(rate))"))
            while sent < UInt64(count), !lifetime.isOver {
                for _ in 0..<pacer.due() where sent < UInt64(count) {
                    FloodDatagram.stamp(sent, into: &buffer)
                    let status = destination.withSockaddr { sendto(socket.descriptor, buffer, buffer.count, 0, $0, $1) }
                    if status < 0 {
                        sendErrors += 1
                        lastErrno = errno
                    } else {
                        sent += 1
                    }
                }
                if Lifetime.now() >= nextProgress {
                    Report.event("progress", ("sent", "\(sent)"))
                    nextProgress += 0.1
                }
                pacer.pause()
            }
            Report.result(
                "finished", ("sent", "\(sent)"), ("last", "\(Int64(sent) - 1)"), ("send_errors", "\(sendErrors)"),
                ("last_errno", "\(lastErrno)"), ("slipped", "\(pacer.slipped)"),
                ("elapsed_ms", elapsedMilliseconds(since: start)))
        }
    }
}
