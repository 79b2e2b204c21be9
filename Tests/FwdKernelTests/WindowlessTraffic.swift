import Foundation
import FwdTestKit

/// Traffic through the server namespace's firewall while a test re-applies it: a flood of
/// numbered UDP datagrams to the allowed port and one to the blocked port, each counted by a sink
/// in the server, and TCP connections to the allowed TCP port kept busy and cycled.
///
/// Every probe is bounded by ``probeLifetime``; the re-applies run between a settling pause and a
/// tail pause, after which the floods stop, then the sinks (which drain their sockets first).
enum WindowlessTraffic {
    /// Datagrams per second to the allowed port: moderate, so that a lost datagram means the
    /// firewall, not an overrun queue (the baseline test shows the channel loses none).
    static let allowedRate = 5_000
    /// Datagrams per second to the blocked port: higher, for a sensitive leak detector.
    static let blockedRate = 10_000
    /// The most any probe runs; re-applies must finish well within it.
    static let probeLifetime: Duration = .seconds(60)
    /// Traffic before the re-applies start and after they end.
    static let settle: Duration = .milliseconds(300)

    /// The receive buffer each sink asks for: seconds of flood, so that a busy machine cannot
    /// overrun it. `net.core.rmem_max` is read-only inside a namespace on this kernel (it mirrors
    /// the host's), so the sink forces the size with `SO_RCVBUFFORCE` instead of a sysctl.
    static let sinkBufferBytes = 16 * 1024 * 1024

    /// Runs the traffic around `reapply` and returns what every probe saw.
    static func run(
        client: NetworkNamespace, server: NetworkNamespace, link: VethLink,
        reapply: () async throws -> Void
    ) async throws -> WindowlessOutcome {
        let target = link.second.ipv4
        let (allowed, blocked) = (WindowlessFirewall.allowedUDPPort, WindowlessFirewall.blockedUDPPort)
        let countersBefore = try await server.snmpCounters()
        let probes = [
            server.udpSink(port: allowed, lifetime: probeLifetime, receiveBufferBytes: sinkBufferBytes),
            server.udpSink(port: blocked, lifetime: probeLifetime, receiveBufferBytes: sinkBufferBytes),
            server.tcpEcho(port: WindowlessFirewall.allowedTCPPort, lifetime: probeLifetime),
            client.udpFlood(to: target, port: allowed, rate: allowedRate, duration: probeLifetime),
            client.udpFlood(to: target, port: blocked, rate: blockedRate, duration: probeLifetime),
            client.tcpStream(to: target, port: WindowlessFirewall.allowedTCPPort, duration: probeLifetime),
        ]
        let (window, outcomes) = try await withBackgroundProbes(probes) { running in
            try await Task.sleep(for: settle)
            let allowedBefore = await running[3].latestEvent("progress")?.integer("sent") ?? 0
            let blockedBefore = await running[4].latestEvent("progress")?.integer("sent") ?? 0
            let clock = ContinuousClock()
            let start = clock.now
            try await reapply()
            let elapsed = clock.now - start
            let allowedAfter = await running[3].latestEvent("progress")?.integer("sent") ?? 0
            let blockedAfter = await running[4].latestEvent("progress")?.integer("sent") ?? 0
            try await Task.sleep(for: settle)
            return WindowlessOutcome.Window(
                reapplyTime: elapsed, allowedSent: allowedAfter - allowedBefore,
                blockedSent: blockedAfter - blockedBefore)
        }
        let countersAfter = try await server.snmpCounters()
        return try WindowlessOutcome(
            window: window, outcomes: outcomes,
            serverUDPErrors: ["Udp.InErrors", "Udp.RcvbufErrors"].reduce(0) {
                $0 + (countersAfter[$1] ?? 0) - (countersBefore[$1] ?? 0)
            })
    }
}

/// What the probes of one ``WindowlessTraffic`` run saw.
struct WindowlessOutcome: Sendable {
    /// The re-applies: how long they took and how many datagrams each flood sent meanwhile
    /// (from the floods' 100 ms progress reports, so within a few hundred).
    struct Window: Sendable {
        var reapplyTime: Duration
        var allowedSent: Int
        var blockedSent: Int
    }

    var window: Window
    var allowedFlood: UDPFloodReport
    var blockedFlood: UDPFloodReport
    var allowedSink: UDPSinkReport
    var blockedSink: UDPSinkReport
    var stream: TCPStreamReport
    var echo: TCPEchoReport
    /// Datagrams the server's UDP layer dropped itself (full receive buffers, bad checksums).
    var serverUDPErrors: Int

    /// Decodes the probes' result lines, in the order ``WindowlessTraffic/run`` starts them.
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
    var lostAllowed: Int { allowedSink.lost(ofSent: allowedFlood.sent) }
    /// Blocked datagrams that arrived anyway.
    var leakedBlocked: Int { blockedSink.received }

    /// One line with every number, for the test log and failure messages.
    var summary: String {
        let firstGaps = allowedSink.gaps.prefix(5).map { "\($0.lowerBound)-\($0.upperBound)" }
        let seconds = Double(window.reapplyTime.components.seconds)
            + Double(window.reapplyTime.components.attoseconds) / 1e18
        return "re-applies took \(String(format: "%.2f", seconds)) s; "
            + "allowed UDP: sent \(allowedFlood.sent) (\(window.allowedSent) while re-applying), "
            + "received \(allowedSink.distinct), lost \(lostAllowed)"
            + (allowedSink.gaps.isEmpty ? "" : " gaps \(firstGaps)")
            + "; blocked UDP: sent \(blockedFlood.sent) (\(window.blockedSent) while re-applying), "
            + "leaked \(leakedBlocked); "
            + "TCP: \(stream.opened) connections, \(stream.exchanges) echoes, \(stream.resets) resets, "
            + "\(stream.timeouts) timeouts, \(stream.connectFailures) failed handshakes, "
            + "\(stream.retransmits) retransmits, "
            + "slowest echo \(stream.maximumMilliseconds) ms; server resets \(echo.resets); "
            + "server UDP errors \(serverUDPErrors); "
            + "flood send errors \(allowedFlood.sendErrors + blockedFlood.sendErrors)"
    }
}
