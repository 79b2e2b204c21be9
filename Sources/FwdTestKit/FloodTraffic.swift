import Foundation

/// Traffic through a server namespace's firewall while a test changes it: a flood of numbered
/// UDP datagrams to an allowed port and one to a blocked port, each counted by a sink in the
/// server, and TCP connections to an allowed TCP port kept busy and cycled.
///
/// Every probe is bounded by the run's lifetime; the work (re-applies, reloads) runs between a
/// settling pause and a tail pause, after which the floods stop, then the sinks (which drain
/// their sockets first).
public struct FloodTraffic: Sendable {
    /// UDP port the firewall accepts (flooded; nothing may be lost).
    public var allowedUDPPort: UInt16
    /// UDP port the firewall drops (flooded; nothing may arrive).
    public var blockedUDPPort: UInt16
    /// TCP port the firewall accepts (connections kept open and cycled).
    public var allowedTCPPort: UInt16
    /// The most any probe runs; the work must finish well within it.
    public var lifetime: Duration

    /// Datagrams per second to the allowed port: moderate, so that a lost datagram means the
    /// firewall, not an overrun queue.
    public static let allowedRate = 5_000
    /// Datagrams per second to the blocked port: higher, for a sensitive leak detector.
    public static let blockedRate = 10_000
    /// Traffic before the work starts and after it ends.
    public static let settle: Duration = .milliseconds(300)
    /// The receive buffer each sink asks for: seconds of flood, so that a busy machine cannot
    /// overrun it. `net.core.rmem_max` is read-only inside a namespace on this kernel (it mirrors
    /// the host's), so the sink forces the size with `SO_RCVBUFFORCE` instead of a sysctl.
    public static let sinkBufferBytes = 16 * 1024 * 1024

    /// Traffic to these ports, each probe living at most `lifetime`.
    public init(allowedUDPPort: UInt16, blockedUDPPort: UInt16, allowedTCPPort: UInt16, lifetime: Duration) {
        self.allowedUDPPort = allowedUDPPort
        self.blockedUDPPort = blockedUDPPort
        self.allowedTCPPort = allowedTCPPort
        self.lifetime = lifetime
    }

    /// Runs the traffic from `client` to `server` (at `link`'s second end) around `work` and
    /// returns what every probe saw.
    public func run(
        client: NetworkNamespace, server: NetworkNamespace, link: VethLink, work: () async throws -> Void
    ) async throws -> FloodOutcome {
        let target = link.second.ipv4
        let countersBefore = try await server.snmpCounters()
        let probes = [
            server.udpSink(port: allowedUDPPort, lifetime: lifetime, receiveBufferBytes: Self.sinkBufferBytes),
            server.udpSink(port: blockedUDPPort, lifetime: lifetime, receiveBufferBytes: Self.sinkBufferBytes),
            server.tcpEcho(port: allowedTCPPort, lifetime: lifetime),
            client.udpFlood(to: target, port: allowedUDPPort, rate: Self.allowedRate, duration: lifetime),
            client.udpFlood(to: target, port: blockedUDPPort, rate: Self.blockedRate, duration: lifetime),
            client.tcpStream(to: target, port: allowedTCPPort, duration: lifetime),
        ]
        let (window, outcomes) = try await withBackgroundProbes(probes) { running in
            try await Task.sleep(for: Self.settle)
            let allowedBefore = await running[3].latestEvent("progress")?.integer("sent") ?? 0
            let blockedBefore = await running[4].latestEvent("progress")?.integer("sent") ?? 0
            let clock = ContinuousClock()
            let start = clock.now
            try await work()
            let elapsed = clock.now - start
            let allowedAfter = await running[3].latestEvent("progress")?.integer("sent") ?? 0
            let blockedAfter = await running[4].latestEvent("progress")?.integer("sent") ?? 0
            try await Task.sleep(for: Self.settle)
            return FloodOutcome.Window(
                workTime: elapsed, allowedSent: allowedAfter - allowedBefore,
                blockedSent: blockedAfter - blockedBefore)
        }
        let countersAfter = try await server.snmpCounters()
        return try FloodOutcome(
            window: window, outcomes: outcomes,
            serverUDPErrors: ["Udp.InErrors", "Udp.RcvbufErrors"].reduce(0) {
                $0 + (countersAfter[$1] ?? 0) - (countersBefore[$1] ?? 0)
            })
    }
}
