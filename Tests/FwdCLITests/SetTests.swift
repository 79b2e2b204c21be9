import Foundation
import FwdTestKit
import Testing

extension CLITests {
    /// `fwd set add|del` with each backend, read back from the kernel.
    @Suite("fwd set", .kernelAccess(tools: CLIScenario.tools + ["ipset"]))
    struct SetTests {
        static let config = """
            sets:
              blocklist: {type: ipv4, interval: true, elements: [192.0.2.1]}
              idle: [10.0.0.1]
            tables:
              filter:
                INPUT:
                  rules:
                    - {source: "@blocklist", jump: DROP}
            """

        /// The set's elements as the backend's kernel holds them.
        func elements(_ backend: BackendUnderTest, in namespace: NetworkNamespace) async throws -> String {
            switch backend {
            case .nftables:
                try await namespace.runChecked("nft", ["list", "set", "inet", "fwd_filter", "blocklist"])
            case .iptablesLegacy:
                try await namespace.runChecked("ipset", ["list", "fwd4-blocklist"])
            }
        }

        @Test("add and del change the applied set; bad sets and elements exit 2", arguments: BackendUnderTest.allCases)
        func addAndDelete(backend: BackendUnderTest) async throws {
            try await CLIScenario.with { scenario in
                _ = try scenario.writeConfig(Self.config)
                try await scenario.apply(backend)
                let options = scenario.kernelOptions() + backend.options
                let add = try await scenario.fwd(["set", "add", "blocklist", "10.9.0.0/16", "203.0.113.5"] + options)
                #expect(add.exitCode == 0, "\(add)")
                #expect(add.standardOutput.contains("2 element(s) added to set blocklist"), "\(add)")
                var held = try await elements(backend, in: scenario.namespace)
                #expect(held.contains("10.9.0.0/16") && held.contains("203.0.113.5"), "\(held)")
                let delete = try await scenario.fwd(["set", "del", "blocklist", "203.0.113.5"] + options)
                #expect(delete.exitCode == 0, "\(delete)")
                held = try await elements(backend, in: scenario.namespace)
                #expect(!held.contains("203.0.113.5") && held.contains("192.0.2.1"), "\(held)")

                let unknown = try await scenario.fwd(["set", "add", "blocklst", "10.0.0.1"] + options)
                #expect(unknown.exitCode == 2)
                #expect(unknown.standardError.contains("did you mean 'blocklist'?"), "\(unknown)")
                #expect(try await scenario.fwd(["set", "add", "idle", "10.0.0.2"] + options).exitCode == 2)
                #expect(try await scenario.fwd(["set", "add", "blocklist", "fd00::1"] + options).exitCode == 2)
            }
        }
    }
}

extension CLITests {
    /// `fwd show` of a config with zones and policies: every generated rule with its origin.
    @Suite("fwd show: policies")
    struct PolicyShowTests {
        @Test("the iptables format shows each generated rule with its policy's location and name")
        func showsOrigins() async throws {
            try await TestDirectory.with { directory in
                let config = try directory.write("fwd.yaml", """
                    zones:
                      lan: {interfaces: eth1, addresses: [192.168.1.0/24]}
                      wan: {interfaces: eth0}
                    policies:
                      - {from: lan, to: wan, services: [dns], verdict: accept}
                    """)
                let show = try await FwdProcess.run(
                    ["show", "--config", config, "--format", "iptables"], directory: directory)
                #expect(show.exitCode == 0, "\(show)")
                let lines = show.standardOutput.split(separator: "\n").map(String.init)
                #expect(lines.filter { $0 == "# Rule: policy lan-to-wan: service dns (\(config):5:5)" }.count == 2)
                #expect(lines.contains(
                    "-A FORWARD -s 192.168.1.0/24 -i eth1 -o eth0 -p udp -m udp --dport 53"
                        + " -m comment --comment \"policy lan-to-wan: service dns\" -j ACCEPT"))
                let nft = try await FwdProcess.run(["show", "--config", config], directory: directory)
                #expect(nft.standardOutput.contains(
                    "iifname \"eth1\" oifname \"eth0\" ip saddr 192.168.1.0/24 tcp dport 53 accept"
                        + " comment \"policy lan-to-wan: service dns\""), "\(nft)")
            }
        }
    }
}
