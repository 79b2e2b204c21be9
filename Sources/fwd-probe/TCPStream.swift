import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

/// `fwd-probe tcp-stream ADDR PORT --connections N --duration S`: keeps `N` TCP connections to a
/// `tcp-echo` server open, sends a numbered 8-byte message on each in turn and waits for its echo,
/// and every `--cycle-every` rounds closes one connection and opens a new one. Stops after
/// `duration` or on SIGTERM with `result=finished opened=O connect_failures=F refused=R resets=X
/// closed_by_peer=C timeouts=T mismatches=M exchanges=E cycled=Y max_ms=L slow=S retransmits=Z`
/// (`slow`: exchanges over 150 ms, the mark of a retransmitted segment; `retransmits`: TCP
/// retransmissions of the connections, from `TCP_INFO`).
struct TCPStream: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tcp-stream", abstract: "Keep TCP connections busy with echoed messages, cycling them.")

    @OptionGroup var options: ClientOptions

    @Option(help: "Connections kept open (1–64).")
    var connections = 4

    @Option(help: "Seconds after which the probe stops, whatever happens (0–600).")
    var duration: Double = 5

    @Option(help: "Milliseconds between rounds (0–10,000).")
    var intervalMs = 10

    @Option(help: "Rounds between closing one connection and opening a new one (0: never).")
    var cycleEvery = 10

    func validate() throws {
        guard (1...64).contains(connections) else { throw ValidationError("--connections must be 1–64") }
        guard (0...600).contains(duration) else { throw ValidationError("--duration must be 0–600 seconds") }
        guard (0...10_000).contains(intervalMs) else { throw ValidationError("--interval-ms must be 0–10,000") }
        guard cycleEvery >= 0 else { throw ValidationError("--cycle-every must not be negative") }
    }

    func run() throws {
        let destination = try options.destination()
        try reportingSocketErrors {
            let lifetime = Lifetime(seconds: duration)
            var stream = StreamConnections(destination: destination, timeout: options.timeout, lifetime: lifetime)
            var slots: [Socket?] = (0..<connections).map { _ in stream.open() }
            Report.event("started", ("connections", "\(slots.compactMap { $0 }.count)"))
            var round = 0
            var sequence: UInt64 = 0
            while !lifetime.isOver {
                for index in slots.indices where !lifetime.isOver {
                    guard let socket = slots[index] else {
                        slots[index] = stream.open()
                        continue
                    }
                    sequence += 1
                    if !stream.exchange(sequence, on: socket) {
                        stream.retire(socket)
                        slots[index] = nil
                    }
                }
                round += 1
                if cycleEvery > 0, round % cycleEvery == 0, !lifetime.isOver {
                    let index = (round / cycleEvery) % slots.count
                    if let socket = slots[index] { stream.retire(socket) }
                    slots[index] = stream.open()
                    stream.tally.cycled += 1
                }
                if intervalMs > 0 { usleep(UInt32(intervalMs) * 1000) }
            }
            for socket in slots.compactMap({ $0 }) { stream.retire(socket) }
            stream.tally.report()
        }
    }
}
