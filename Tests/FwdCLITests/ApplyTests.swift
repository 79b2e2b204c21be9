import Foundation
import FwdTestKit
import Testing

extension CLITests {
    /// `fwd apply` and `fwd check` with each backend, read back from the kernel.
    @Suite("fwd apply and check", .kernelAccess(tools: CLIScenario.tools))
    struct ApplyTests {
        /// The shipped example, `examples/host.yaml`.
        static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/host.yaml").path

        @Test("nftables: `nft list ruleset` after apply is exactly `fwd show --format nft`")
        func nftablesReadbackMatchesShow() async throws {
            try await CLIScenario.with { scenario in
                let show = try await scenario.fwd(["show", "--config", Self.example, "--format", "nft"])
                #expect(show.exitCode == 0, "\(show)")
                let result = try await scenario.fwd(
                    ["apply"] + scenario.kernelOptions(config: Self.example) + ["--backend", "nftables"])
                #expect(result.exitCode == 0, "\(result)")
                #expect(
                    result.standardOutput.contains("with nftables in netns \(scenario.namespace.name)"), "\(result)")
                #expect(try await Readback.nftables(scenario.namespace) == show.standardOutput)
            }
        }

        @Test("nftables: after incremental re-applies `nft list ruleset` is still exactly `fwd show --format nft`")
        func nftablesReadbackMatchesShowAfterIncrementalCommits() async throws {
            try await CLIScenario.with { scenario in
                // The example with a rule changed in the middle of INPUT, one moved, one gone and one added.
                let original = try String(contentsOfFile: Self.example, encoding: .utf8)
                let changed = original
                    .replacingOccurrences(of: "dport: [80, 443]", with: "dport: [80, 8443]")
                    .replacingOccurrences(of: "        - {proto: tcp, dport: 23, jump: REJECT, reject-with: tcp-reset, comment: no telnet}\n", with: "")
                    .replacingOccurrences(
                        of: "        - {in: lo, jump: ACCEPT, comment: loopback}\n",
                        with: "        - {proto: udp, dport: 53, jump: ACCEPT, comment: dns}\n")
                    .replacingOccurrences(
                        of: "        - {ctstate: INVALID, jump: DROP}\n",
                        with: "        - {ctstate: INVALID, jump: DROP}\n        - {in: lo, jump: ACCEPT, comment: loopback}\n")
                #expect(changed != original)
                let changedPath = try scenario.writeConfig(changed, name: "changed.yaml")
                for config in [Self.example, changedPath, Self.example] {
                    let show = try await scenario.fwd(["show", "--config", config, "--format", "nft"])
                    let result = try await scenario.fwd(
                        ["apply"] + scenario.kernelOptions(config: config) + ["--backend", "nftables"])
                    #expect(result.exitCode == 0, "\(result)")
                    #expect(try await Readback.nftables(scenario.namespace) == show.standardOutput, "\(config)")
                }
            }
        }

        @Test("iptables: iptables-legacy-save after apply holds exactly `fwd show --format iptables` and ip6tables")
        func iptablesReadbackMatchesShow() async throws {
            try await CLIScenario.with { scenario in
                var expected = ""
                for (format, tool) in [("iptables", "iptables-legacy-save"), ("ip6tables", "ip6tables-legacy-save")] {
                    let show = try await scenario.fwd(["show", "--config", Self.example, "--format", format])
                    #expect(show.exitCode == 0, "\(show)")
                    // The script's `-F CHAIN` lines (it loads with --noflush) are commands, not state.
                    let state = Readback.withoutCommentsAndCounters(show.standardOutput)
                        .split(separator: "\n").filter { !$0.hasPrefix("-F ") }.map { $0 + "\n" }.joined()
                    expected += "## \(tool)\n" + state
                }
                let result = try await scenario.fwd(
                    ["apply"] + scenario.kernelOptions(config: Self.example) + BackendUnderTest.iptablesLegacy.options)
                #expect(result.exitCode == 0, "\(result)")
                #expect(result.standardOutput.contains("with iptables-legacy"), "\(result)")
                #expect(try await Readback.iptablesLegacy(scenario.namespace) == expected)
                #expect(
                    try await Readback.nftables(scenario.namespace).isEmpty,
                    "the legacy tool wrote nothing into nf_tables")
            }
        }

        @Test("the auto backend picks nftables where nf_tables answers")
        func autoPicksNftables() async throws {
            try await CLIScenario.with { scenario in
                try scenario.writeConfig(Configs.allowing(port: 2201))
                let result = try await scenario.fwd(["apply"] + scenario.kernelOptions())
                #expect(result.exitCode == 0, "\(result)")
                #expect(result.standardOutput.contains("with nftables"), "\(result)")
                #expect(try await Readback.nftables(scenario.namespace).contains("tcp dport 2201 accept"))
            }
        }

        @Test("check asks the kernel and applies nothing", arguments: BackendUnderTest.allCases)
        func checkAppliesNothing(backend: BackendUnderTest) async throws {
            try await CLIScenario.with { scenario in
                try scenario.writeConfig(Configs.allowing(port: 2201))
                try await scenario.apply(backend)
                let before = try await scenario.readback(backend)

                let other = try scenario.writeConfig(Configs.allowing(port: 2202), name: "other.yaml")
                let result = try await scenario.fwd(["check"] + scenario.kernelOptions(config: other) + backend.options)
                #expect(result.exitCode == 0, "\(result)")
                #expect(result.standardOutput.contains("the kernel would take them"), "\(result)")
                #expect(try await scenario.readback(backend) == before)
            }
        }

        @Test("a second apply replaces the first", arguments: BackendUnderTest.allCases)
        func applyReplaces(backend: BackendUnderTest) async throws {
            try await CLIScenario.with { scenario in
                try scenario.writeConfig(Configs.allowing(port: 2201))
                try await scenario.apply(backend)
                try scenario.writeConfig(Configs.allowing(port: 2202))
                try await scenario.apply(backend)
                let state = try await scenario.readback(backend)
                #expect(state.contains(backend.allowsLine(port: 2202)), "\(state)")
                #expect(!state.contains(backend.allowsLine(port: 2201)), "\(state)")
            }
        }
    }
}
