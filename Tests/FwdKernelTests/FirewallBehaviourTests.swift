import FwdTestKit
import Testing

/// The firewall's behaviour with real packets: each scenario's ruleset is loaded by each backend
/// on the server of a fresh ``FirewallTestbed`` and probed from two clients (see
/// ``PacketScenario/hostVerdicts`` for what is checked). Every backend must give the scenario's
/// verdicts, and all backends the same ones.
@Suite("Firewall behaviour with real packets")
struct FirewallBehaviourTests {
    /// The tools the suite needs besides `ip` and the probe.
    static let tools = FirewallUnderTest.allTools + ["ping"]

    @Test(
        "A backend gives the scenario's verdicts",
        .kernelAccess(tools: tools, needsProbe: true), .timeLimit(.minutes(1)),
        arguments: PacketScenario.all, FirewallUnderTest.all)
    func verdicts(scenario: PacketScenario, firewall: FirewallUnderTest) async throws {
        try requireKernelAccess(tools: Self.tools, needsProbe: true)
        let observed = try await VerdictCache.shared.table(for: scenario, with: firewall)
        let differences = scenario.expected.differences(from: observed)
        #expect(
            differences.isEmpty,
            "\(firewall) on \(scenario):\n\(differences.joined(separator: "\n"))\n\nevery verdict:\n\(observed)")
    }

    @Test(
        "Every backend gives the same verdicts",
        .kernelAccess(tools: tools, needsProbe: true), .timeLimit(.minutes(1)),
        arguments: PacketScenario.all)
    func sameVerdictsAcrossBackends(scenario: PacketScenario) async throws {
        try requireKernelAccess(tools: Self.tools, needsProbe: true)
        let reference = try #require(FirewallUnderTest.all.first)
        #expect(FirewallUnderTest.all.count >= 2, "comparing backends needs at least two")
        let referenceTable = try await VerdictCache.shared.table(for: scenario, with: reference)
        for firewall in FirewallUnderTest.all.dropFirst() {
            let table = try await VerdictCache.shared.table(for: scenario, with: firewall)
            let differences = referenceTable.differences(from: table, expectedName: reference.name, actualName: firewall.name)
            #expect(
                differences.isEmpty,
                "\(scenario): \(firewall) differs from \(reference):\n\(differences.joined(separator: "\n"))")
            #expect(table.rows.count == scenario.expected.rows.count)
        }
    }
}

extension PacketScenario: CustomTestStringConvertible {
    var testDescription: String { name }
}

extension FirewallUnderTest: CustomTestStringConvertible {
    var testDescription: String { name }
}
