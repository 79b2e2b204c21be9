import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

/// `fwd-probe udp-sink PORT`: counts the datagrams arriving on `PORT` (IPv4 and IPv6) and which
/// flood sequence numbers (see ``FloodDatagram``) they carry. Stops on SIGTERM or when its
/// lifetime ends; it then keeps reading until the socket has been quiet for `--drain-ms`, and
/// prints `result=stopped received=N distinct=D duplicates=U foreign=F out_of_range=O first=L
/// last=H missing=M gaps=A-B,C-D,… gaps_shown=K receive_buffer=BYTES` (`first`/`last` are -1 when
/// nothing arrived; `missing` counts the numbers below `last` that never came).
struct UDPSink: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "udp-sink", abstract: "Count numbered UDP datagrams and report the gaps.")

    @OptionGroup var options: ListenerOptions

    @Option(help: "Receive buffer in bytes (forced past net.core.rmem_max when root).")
    var receiveBuffer: Int32 = 16 * 1024 * 1024

    @Option(help: "The most gap ranges printed.")
    var maxGaps = 100

    @Option(help: "After a stop, milliseconds of silence that end the draining (10 times this at most).")
    var drainMs: Int32 = 200

    @Option(help: "Sequence numbers from this one up are counted as out of range.")
    var sequenceLimit: UInt64 = 100_000_000

    func validate() throws {
        guard (1...100_000_000).contains(sequenceLimit) else {
            throw ValidationError("--sequence-limit must be 1–100,000,000")
        }
        guard (0...10_000).contains(drainMs) else { throw ValidationError("--drain-ms must be 0–10,000") }
        guard maxGaps >= 0 else { throw ValidationError("--max-gaps must not be negative") }
    }

    func run() throws {
        try reportingSocketErrors {
            let lifetime = Lifetime(seconds: options.lifetime)
            let socket = try Socket.dualStackListener(type: SOCK_DGRAM, port: options.port)
            if (try? socket.setOption(SOL_SOCKET, SO_RCVBUFFORCE, receiveBuffer)) == nil {
                try socket.setOption(SOL_SOCKET, SO_RCVBUF, receiveBuffer)
            }
            let granted = socket.integerOption(SOL_SOCKET, SO_RCVBUF)
            Report.event("listening", ("port", "\(try socket.localAddress().port)"), ("receive_buffer", "\(granted)"))
            var counts = Counts(tracker: SequenceTracker(limit: sequenceLimit))
            while !lifetime.isOver {
                let events = try socket.wait(for: Int16(POLLIN), milliseconds: lifetime.remainingMilliseconds())
                if events & Int16(POLLIN) != 0 { counts.receive(from: socket) }
            }
            let drainEnd = Lifetime.now() + Double(drainMs) * 10 / 1000
            while Lifetime.now() < drainEnd,
                try socket.wait(for: Int16(POLLIN), milliseconds: drainMs) & Int16(POLLIN) != 0
            {
                counts.receive(from: socket)
            }
            counts.report(maximumGaps: maxGaps, receiveBuffer: granted)
        }
    }

    /// What the sink has seen.
    private struct Counts {
        var tracker: SequenceTracker
        var received = 0
        var foreign = 0
        var buffer = [UInt8](repeating: 0, count: 2048)

        /// Reads every datagram waiting on `socket` (non-blocking), recording each.
        mutating func receive(from socket: Socket) {
            while true {
                let count = recv(socket.descriptor, &buffer, buffer.count, Int32(MSG_DONTWAIT))
                guard count >= 0 else { return }
                received += 1
                if let sequence = FloodDatagram.sequence(in: buffer, count: count) {
                    tracker.record(sequence)
                } else {
                    foreign += 1
                }
            }
        }

        func report(maximumGaps: Int, receiveBuffer: Int32) {
            let gaps = tracker.gaps(maximumRanges: maximumGaps)
            let ranges = gaps.ranges.map { "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ",")
            Report.result(
                "stopped", ("received", "\(received)"), ("distinct", "\(tracker.distinct)"),
                ("duplicates", "\(tracker.duplicates)"), ("foreign", "\(foreign)"),
                ("out_of_range", "\(tracker.outOfRange)"),
                ("first", tracker.lowest.map { "\($0)" } ?? "-1"), ("last", tracker.highest.map { "\($0)" } ?? "-1"),
                ("missing", "\(gaps.missing)"), ("gaps", ranges), ("gaps_shown", "\(gaps.ranges.count)"),
                ("receive_buffer", "\(receiveBuffer)"))
        }
    }
}

extension Socket {
    /// The integer value of a socket option, or -1 when it cannot be read.
    func integerOption(_ level: Int32, _ name: Int32) -> Int32 {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        return getsockopt(descriptor, level, name, &value, &length) == 0 ? value : -1
    }
}
