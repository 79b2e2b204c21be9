/// The verdict tables observed so far, one per scenario and backend: each is observed once, by
/// whichever test asks first, and shared with the tests that compare backends.
actor VerdictCache {
    /// The process's cache.
    static let shared = VerdictCache()

    private var observations: [String: Task<VerdictTable, any Error>] = [:]

    /// The table of `scenario` loaded with `firewall`, observed on first request.
    func table(for scenario: PacketScenario, with firewall: FirewallUnderTest) async throws -> VerdictTable {
        let key = "\(scenario.name)\u{0}\(firewall.name)"
        if let observation = observations[key] { return try await observation.value }
        let observation = Task { try await scenario.observe(with: firewall) }
        observations[key] = observation
        return try await observation.value
    }
}
