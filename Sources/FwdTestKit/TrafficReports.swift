/// The outcome of a `udp-flood`: sequence numbers `0..<sent` were all handed to the kernel.
public struct UDPFloodReport: Sendable, Hashable {
    /// Datagrams sent (numbered `0..<sent`).
    public var sent: Int
    /// Sends the kernel refused (each retried with the same number).
    public var sendErrors: Int
    /// Datagrams the pacer gave up on because the probe fell behind its rate (not sent at all).
    public var slipped: Int
    /// How long the flood ran, in milliseconds.
    public var elapsedMilliseconds: Int

    /// Decodes a `udp-flood` result line.
    /// - Throws: ``CommandError/unexpectedOutput(commandLine:output:)`` for another line.
    public init(_ line: ProbeLine) throws {
        guard line.result == "finished", let sent = line.integer("sent"), let errors = line.integer("send_errors"),
            let slipped = line.integer("slipped"), let elapsed = line.integer("elapsed_ms")
        else { throw CommandError.unexpectedOutput(commandLine: ["fwd-probe", "udp-flood"], output: line.text) }
        self.sent = sent
        self.sendErrors = errors
        self.slipped = slipped
        self.elapsedMilliseconds = elapsed
    }
}

/// The outcome of a `udp-sink`: what arrived, and which flood numbers are missing.
public struct UDPSinkReport: Sendable, Hashable {
    /// Every datagram received, flood datagram or not.
    public var received: Int
    /// Different flood sequence numbers received.
    public var distinct: Int
    /// Flood numbers received more than once (extra arrivals).
    public var duplicates: Int
    /// Datagrams that were not flood datagrams, or carried a number out of range.
    public var foreign: Int
    /// The lowest and highest flood numbers received; nil when none arrived.
    public var sequenceRange: ClosedRange<Int>?
    /// Numbers below the highest received that never arrived.
    public var missing: Int
    /// The first runs of missing numbers (the sink prints at most 100).
    public var gaps: [ClosedRange<Int>]
    /// The receive buffer the kernel granted, in bytes.
    public var receiveBufferBytes: Int

    /// Decodes a `udp-sink` result line.
    /// - Throws: ``CommandError/unexpectedOutput(commandLine:output:)`` for another line.
    public init(_ line: ProbeLine) throws {
        guard line.result == "stopped", let received = line.integer("received"),
            let distinct = line.integer("distinct"), let duplicates = line.integer("duplicates"),
            let foreign = line.integer("foreign"), let outOfRange = line.integer("out_of_range"),
            let first = line.integer("first"), let last = line.integer("last"),
            let missing = line.integer("missing"), let buffer = line.integer("receive_buffer"),
            let gapText = line.fields["gaps"]
        else { throw CommandError.unexpectedOutput(commandLine: ["fwd-probe", "udp-sink"], output: line.text) }
        self.received = received
        self.distinct = distinct
        self.duplicates = duplicates
        self.foreign = foreign + outOfRange
        self.sequenceRange = first >= 0 && last >= first ? first...last : nil
        self.missing = missing
        self.receiveBufferBytes = buffer
        self.gaps = gapText.split(separator: ",").compactMap { range in
            let bounds = range.split(separator: "-").compactMap { Int($0) }
            return bounds.count == 2 && bounds[0] <= bounds[1] ? bounds[0]...bounds[1] : nil
        }
    }

    /// How many of the flood numbers `0..<sent` did not arrive.
    public func lost(ofSent sent: Int) -> Int {
        guard sent > 0 else { return 0 }
        let highest = min(sequenceRange?.upperBound ?? -1, sent - 1)
        return missing + (sent - 1 - highest)
    }
}

/// The outcome of a `tcp-stream`: how its connections fared.
public struct TCPStreamReport: Sendable, Hashable {
    /// Connections opened, failed handshakes, and handshakes answered with a RST.
    public var opened, connectFailures, refused: Int
    /// Connections reset, closed by the peer, timed out waiting for an echo, or echoing
    /// something else.
    public var resets, closedByPeer, timeouts, mismatches: Int
    /// Messages echoed, connections replaced on purpose, the slowest echo in milliseconds,
    /// echoes over 150 ms, and TCP retransmissions.
    public var exchanges, cycled, maximumMilliseconds, slow, retransmits: Int

    /// Decodes a `tcp-stream` result line.
    /// - Throws: ``CommandError/unexpectedOutput(commandLine:output:)`` for another line.
    public init(_ line: ProbeLine) throws {
        let keys = [
            "opened", "connect_failures", "refused", "resets", "closed_by_peer", "timeouts", "mismatches",
            "exchanges", "cycled", "max_ms", "slow", "retransmits",
        ]
        let values = keys.compactMap { line.integer($0) }
        guard line.result == "finished", values.count == keys.count else {
            throw CommandError.unexpectedOutput(commandLine: ["fwd-probe", "tcp-stream"], output: line.text)
        }
        (opened, connectFailures, refused, resets) = (values[0], values[1], values[2], values[3])
        (closedByPeer, timeouts, mismatches, exchanges) = (values[4], values[5], values[6], values[7])
        (cycled, maximumMilliseconds, slow, retransmits) = (values[8], values[9], values[10], values[11])
    }

    /// Whether every connection worked: opened, echoed, never reset, refused, dropped or timed out.
    public var isClean: Bool {
        connectFailures == 0 && refused == 0 && resets == 0 && closedByPeer == 0 && timeouts == 0 && mismatches == 0
    }
}

/// The outcome of a `tcp-echo` server.
public struct TCPEchoReport: Sendable, Hashable {
    /// Connections accepted, ended by an error (a reset), and closed in order.
    public var accepted, resets, closed: Int
    /// Bytes echoed.
    public var bytes: Int

    /// Decodes a `tcp-echo` result line.
    /// - Throws: ``CommandError/unexpectedOutput(commandLine:output:)`` for another line.
    public init(_ line: ProbeLine) throws {
        guard line.result == "stopped", let accepted = line.integer("accepted"), let resets = line.integer("resets"),
            let closed = line.integer("closed"), let bytes = line.integer("bytes")
        else { throw CommandError.unexpectedOutput(commandLine: ["fwd-probe", "tcp-echo"], output: line.text) }
        (self.accepted, self.resets, self.closed, self.bytes) = (accepted, resets, closed, bytes)
    }
}
