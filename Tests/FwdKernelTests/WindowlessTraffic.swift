import FwdTestKit

/// The traffic of the windowless re-apply tests: FwdTestKit's ``FloodTraffic`` to
/// ``WindowlessFirewall``'s ports, every probe living at most ``probeLifetime``.
enum WindowlessTraffic {
    /// The most any probe runs; re-applies must finish well within it.
    static let probeLifetime: Duration = .seconds(60)
    /// The receive buffer each sink asks for (see ``FloodTraffic/sinkBufferBytes``).
    static let sinkBufferBytes = FloodTraffic.sinkBufferBytes

    /// Runs the traffic around `reapply` and returns what every probe saw.
    static func run(
        client: NetworkNamespace, server: NetworkNamespace, link: VethLink, reapply: () async throws -> Void
    ) async throws -> WindowlessOutcome {
        let traffic = FloodTraffic(
            allowedUDPPort: WindowlessFirewall.allowedUDPPort, blockedUDPPort: WindowlessFirewall.blockedUDPPort,
            allowedTCPPort: WindowlessFirewall.allowedTCPPort, lifetime: probeLifetime)
        return try await traffic.run(client: client, server: server, link: link, work: reapply)
    }
}

/// What the probes of one ``WindowlessTraffic`` run saw.
typealias WindowlessOutcome = FloodOutcome
