import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

/// `fwd-probe tcp-exchange ADDR PORT --rounds 3 --timeout 1`: connects over TCP, then sends
/// `--rounds` messages one after the other, each waiting (at most `--timeout`) for its echo from a
/// `tcp-listen --echo` server. Prints `result=echoed`, or a connect outcome (`refused`,
/// `unreachable`, `timed-out`), or, once connected, `stalled` (an echo did not come in time),
/// `closed` (the peer closed or reset the connection) or `mismatch`; with `rounds` (the rounds
/// completed) and `elapsed_ms`.
struct TCPExchange: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tcp-exchange", abstract: "Connect over TCP and have a few messages echoed.")

    @OptionGroup var options: ClientOptions

    @Option(help: "How many messages to send, each waiting for its echo.")
    var rounds = 3

    @Option(help: "The text of each message (the round number is appended).")
    var payload = "fwd-probe"

    func validate() throws {
        guard (1...1000).contains(rounds) else { throw ValidationError("--rounds must be between 1 and 1000") }
    }

    func run() throws {
        let destination = try options.destination()
        let milliseconds = Int32(options.timeout * 1000)
        try reportingSocketErrors {
            let socket = try Socket(family: destination.family, type: SOCK_STREAM, nonBlocking: true)
            let start = Lifetime.now()
            let code = try socket.connect(to: destination, milliseconds: milliseconds)
            guard code == 0 else {
                return report(outcomeName(errno: code, success: "connected"), rounds: 0, start: start)
            }
            for round in 1...rounds {
                let message = Array("\(payload)-\(round)\n".utf8)
                let sendCode = try socket.sendAll(message, milliseconds: milliseconds)
                guard sendCode == 0 else {
                    return report(sendCode == ETIMEDOUT ? "stalled" : "closed", rounds: round - 1, start: start)
                }
                let (outcome, echo) = try receive(message.count, from: socket, milliseconds: milliseconds)
                guard outcome == "echoed" else { return report(outcome, rounds: round - 1, start: start) }
                guard echo == message else { return report("mismatch", rounds: round - 1, start: start) }
            }
            report("echoed", rounds: rounds, start: start)
        }
    }

    /// Reads until `count` bytes have arrived: `("echoed", bytes)`, or `("stalled", …)` when a
    /// read waits longer than `milliseconds`, or `("closed", …)` when the stream ends or fails.
    private func receive(_ count: Int, from socket: Socket, milliseconds: Int32) throws -> (String, [UInt8]) {
        var received: [UInt8] = []
        while received.count < count {
            switch try socket.read(maximum: count - received.count, milliseconds: milliseconds) {
            case .data(let bytes): received += bytes
            case .timedOut: return ("stalled", received)
            case .closed, .failed: return ("closed", received)
            }
        }
        return ("echoed", received)
    }

    private func report(_ outcome: String, rounds completed: Int, start: Double) {
        Report.result(outcome, ("rounds", "\(completed)"), ("elapsed_ms", elapsedMilliseconds(since: start)))
    }
}
