import FwdTestKit

extension PacketScenario {
    /// How long listeners get to report what they accepted after the probes ended.
    static let settleTime: Duration = .milliseconds(300)

    /// Makes every observation of ``expected`` with `firewall` in a fresh ``FirewallTestbed``:
    /// starts the listeners, sends the before-firewall probes, loads ``ruleset`` on the server,
    /// sends the other probes (concurrently, so the dropped ones cost one timeout in all), then
    /// reads what the listeners heard since the load. Returns the outcomes in ``expected``'s order.
    func observe(with firewall: FirewallUnderTest) async throws -> VerdictTable {
        let observations = expected.observations
        return try await FirewallTestbed.with { testbed in
            try await testbed.withListeners(TestbedListener.all) { servers in
                var outcomes: [Observation: String] = [:]
                let before = await Self.run(observations.compactMap(\.probeBeforeFirewall), on: testbed)
                for (probe, outcome) in before { outcomes[.beforeFirewall(probe)] = outcome }
                try await Task.sleep(for: Self.settleTime)
                var heardBefore: [TestbedListener: Int] = [:]
                for (listener, server) in servers { heardBefore[listener] = await server.events().count }

                try await firewall.apply(ruleset, testbed.server.name)

                let after = await Self.run(observations.compactMap(\.probeWithFirewall), on: testbed)
                for (probe, outcome) in after { outcomes[.probe(probe)] = outcome }
                try await Task.sleep(for: Self.settleTime)
                for case .peersHeard(let listener) in observations {
                    guard let server = servers[listener] else { continue }
                    let peers = await server.events().dropFirst(heardBefore[listener] ?? 0).compactMap { $0.fields["peer"] }
                    outcomes[.peersHeard(by: listener)] = Self.peerList(peers, in: testbed)
                }
                return VerdictTable(observations.map { ($0, outcomes[$0] ?? "(not observed)") })
            }
        }
    }

    /// Sends `probes` concurrently; a probe that could not run gives `error: …` as its outcome.
    private static func run(_ probes: [PacketProbe], on testbed: FirewallTestbed) async -> [PacketProbe: String] {
        await withTaskGroup(of: (PacketProbe, String).self) { group in
            for probe in probes {
                group.addTask {
                    do {
                        return (probe, try await probe.run(on: testbed))
                    } catch {
                        return (probe, "error: \(error)")
                    }
                }
            }
            var outcomes: [PacketProbe: String] = [:]
            for await (probe, outcome) in group { outcomes[probe] = outcome }
            return outcomes
        }
    }

    /// The distinct hosts behind `peers`, sorted (`admin IPv4, outsider IPv6`), or `nobody`.
    private static func peerList(_ peers: [String], in testbed: FirewallTestbed) -> String {
        let labels = Set(peers.map { testbed.label(ofPeer: $0) }).sorted()
        return labels.isEmpty ? "nobody" : labels.joined(separator: ", ")
    }
}
