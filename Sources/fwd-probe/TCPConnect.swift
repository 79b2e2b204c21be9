import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

/// `fwd-probe tcp-connect ADDR PORT --timeout 1`: one TCP handshake, bounded in time. Prints
/// `result=connected`, `refused` (RST), `unreachable` (ICMP error), `timed-out` or `error`, with
/// `elapsed_ms`.
struct TCPConnect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tcp-connect", abstract: "Try one TCP connection.")

    @OptionGroup var options: ClientOptions

    func run() throws {
        let destination = try options.destination()
        try reportingSocketErrors {
            let socket = try Socket(family: destination.family, type: SOCK_STREAM, nonBlocking: true)
            let start = Lifetime.now()
            let code = try socket.connect(to: destination, milliseconds: Int32(options.timeout * 1000))
            Report.result(
                outcomeName(errno: code, success: "connected"),
                ("errno", "\(code)"), ("elapsed_ms", elapsedMilliseconds(since: start)))
        }
    }
}
