import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

/// `fwd-probe udp-send ADDR PORT --timeout 1`: sends one datagram and waits for it to come back.
/// Prints `result=echoed`, `refused` (ICMP port unreachable), `unreachable`, `timed-out`,
/// `mismatch` (an answer that is not the datagram) or `error`, with `elapsed_ms`.
struct UDPSend: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "udp-send", abstract: "Send one UDP datagram and wait for its echo.")

    @OptionGroup var options: ClientOptions

    @Option(help: "The datagram's text.")
    var payload = "fwd-probe"

    func run() throws {
        let destination = try options.destination()
        try reportingSocketErrors {
            let socket = try Socket(family: destination.family, type: SOCK_DGRAM)
            let start = Lifetime.now()
            // A connected UDP socket receives ICMP errors for its destination as ECONNREFUSED etc.
            guard destination.withSockaddr({ connect(socket.descriptor, $0, $1) }) == 0 else {
                throw SocketError("connect")
            }
            let sent = Array(payload.utf8)
            if send(socket.descriptor, sent, sent.count, 0) < 0 {
                return report(errno, start: start)
            }
            let events = try socket.wait(for: Int16(POLLIN), milliseconds: Int32(options.timeout * 1000))
            guard events != 0 else { return report(ETIMEDOUT, start: start) }
            var buffer = [UInt8](repeating: 0, count: 65_536)
            let count = recv(socket.descriptor, &buffer, buffer.count, 0)
            guard count >= 0 else { return report(errno, start: start) }
            if Array(buffer.prefix(count)) == sent {
                report(0, start: start)
            } else {
                Report.result("mismatch", ("bytes", "\(count)"), ("elapsed_ms", elapsedMilliseconds(since: start)))
            }
        }
    }

    private func report(_ code: Int32, start: Double) {
        Report.result(
            outcomeName(errno: code, success: "echoed"),
            ("errno", "\(code)"), ("elapsed_ms", elapsedMilliseconds(since: start)))
    }
}
