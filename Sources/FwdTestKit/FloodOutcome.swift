import Foundation

/// What the probes of one ``FloodTraffic`` run saw.
public struct FloodOutcome: Sendable {
    /// The work: how long it took and how many datagrams each flood sent meanwhile (from the
    /// floods' 100 ms progress reports, so within a few hundred).
    public struct Window: Sendable {
        /// How long the work ran.
        public var workTime: Duration
        /// Datagrams sent to the allowed port meanwhile.
        public var allowedSent: Int
        /// Datagrams sent to the blocked port meanwhile.
        public var blockedSent: Int
    }

    /// The work's window.
    public var window: Window
    /// The allowed port's flood.
    public var allowedFlood: UDPFloodReport
    /// The blocked port's flood.
    public var blockedFlood: UDPFloodReport
    /// The allowed port's sink.
    public var allowedSink: UDPSinkReport
    /// The blocked port's sink.
    public var blockedSink: UDPSinkReport
    /// The TCP client.
    public var stream: TCPStreamReport
    /// The TCP server.
    public var echo: TCPEchoReport
    /// Datagrams the server's UDP layer dropped itself (full receive buffers, bad checksums).
    public var serverUDPErrors: Int

    /// Decodes the probes' result lines, in the order ``FloodTraffic/run(client:server:link:work:)``
    /// starts them.
    init(window: Window, outcomes: [ProbeLine], serverUDPErrors: Int) throws {
        self.window = window
        allowedSink = try UDPSinkReport(outcomes[0])
        blockedSink = try UDPSinkReport(outcomes[1])
        echo = try TCPEchoReport(outcomes[2])
        allowedFlood = try UDPFloodReport(outcomes[3])
        blockedFlood = try UDPFloodReport(outcomes[4])
        stream = try TCPStreamReport(outcomes[5])
        self.serverUDPErrors = serverUDPErrors
    }

    /// Allowed datagrams that never arrived.
    public var lostAllowed: Int { allowedSink.lost(ofSent: allowedFlood.sent) }
    /// Blocked datagrams that arrived anyway.
    public var leakedBlocked: Int { blockedSink.received }

    /// One line with every number, for the test log and failure messages.
    public var summary: String {
        let firstGaps = allowedSink.gaps.prefix(5).map { "\($0.lowerBound)-\($0.upperBound)" }
        let seconds = Double(window.workTime.components.seconds)
            + Double(window.workTime.components.attoseconds) / 1e18
        return "work took \(String(format: "%.2f", seconds)) s; "
            + "allowed UDP: sent \(allowedFlood.sent) (\(window.allowedSent) meanwhile), "
            + "received \(allowedSink.distinct), lost \(lostAllowed)"
            + (allowedSink.gaps.isEmpty ? "" : " gaps \(firstGaps)")
            + "; blocked UDP: sent \(blockedFlood.sent) (\(window.blockedSent) meanwhile), "
            + "leaked \(leakedBlocked); "
            + "TCP: \(stream.opened) connections, \(stream.exchanges) echoes, \(stream.resets) resets, "
            + "\(stream.timeouts) timeouts, \(stream.connectFailures) failed handshakes, "
            + "\(stream.retransmits) retransmits, "
            + "slowest echo \(stream.maximumMilliseconds) ms; server resets \(echo.resets); "
            + "server UDP errors \(serverUDPErrors); "
            + "flood send errors \(allowedFlood.sendErrors + blockedFlood.sendErrors)"
    }
}
