import Foundation
import FwdTestKit
import Testing

extension CLITests {
    /// Commit-confirmed and the lockout guard through the built binary.
    @Suite("fwd apply --confirm, fwd confirm and the lockout guard", .kernelAccess(tools: CLIScenario.tools))
    struct ConfirmTests {
        @Test("without `fwd confirm` the previous ruleset comes back exactly", arguments: BackendUnderTest.allCases)
        func unconfirmedRollsBack(backend: BackendUnderTest) async throws {
            try await CLIScenario.with { scenario in
                try scenario.writeConfig(Configs.allowing(port: 2201))
                try await scenario.apply(backend)
                let before = try await scenario.readback(backend)

                try scenario.writeConfig(Configs.allowing(port: 2202))
                let apply = try await scenario.fwd(
                    ["apply"] + scenario.kernelOptions() + backend.options + ["--confirm", "2s"])
                #expect(apply.exitCode == 0, "\(apply)")
                let deadline = try #require(Self.deadline(in: apply.standardOutput), "\(apply)")
                let trial = try await scenario.readback(backend)
                // On a loaded machine the readback may come after the deadline; before it, it must
                // show the trial ruleset.
                if Date() < deadline {
                    #expect(trial.contains(backend.allowsLine(port: 2202)), "\(trial)")
                }

                let after = try await Readback.eventually(
                    within: .seconds(60), { try await scenario.readback(backend) },
                    until: {
                        $0 == before
                    })
                #expect(after == before, "no rollback; helper log:\n\(helperLog(scenario))")
                let log = try await Readback.eventually({ helperLog(scenario) }, until: { $0.contains("rolledBack") })
                #expect(log.contains("was not confirmed in time: previous state restored"), "\(log)")
                let confirm = try await scenario.fwd(["confirm", "--runtime-dir", scenario.directory.runtime])
                #expect(confirm.exitCode == 4, "\(confirm)")
                #expect(confirm.standardError.contains("timed out"), "\(confirm)")
            }
        }

        @Test("a rollback restores a config with includes as applied, though its files changed since")
        func rollbackOfIncludes() async throws {
            try await CLIScenario.with { scenario in
                try FileManager.default.createDirectory(
                    atPath: scenario.directory.file("rules.d"), withIntermediateDirectories: true)
                func write(port: Int) throws {
                    try scenario.writeConfig("include: [rules.d/*.yaml]\n" + Configs.allowing(port: 2200))
                    try scenario.writeConfig(
                        "tables:\n  filter:\n    INPUT:\n      rules:\n        - {proto: tcp, dport: \(port), jump: ACCEPT}\n",
                        name: "rules.d/extra.yaml")
                }
                try write(port: 2301)
                try await scenario.apply(.nftables)
                let before = try await Readback.nftables(scenario.namespace)
                #expect(before.contains("tcp dport 2301 accept"), "\(before)")

                try write(port: 2302)
                try scenario.writeConfig(
                    "tables:\n  filter:\n    INPUT:\n      rules:\n        - {proto: udp, dport: 2304, jump: ACCEPT}\n",
                    name: "rules.d/more.yaml")
                try await scenario.apply(.nftables, extra: ["--confirm", "1s"])
                // Edited again before the rollback: the rollback must not read the files as they are now.
                try write(port: 2303)
                let after = try await Readback.eventually(
                    within: .seconds(60), { try await Readback.nftables(scenario.namespace) }, until: { $0 == before })
                #expect(after == before, "no exact rollback; helper log:\n\(helperLog(scenario))")
            }
        }

        @Test("`fwd confirm` in time keeps the new ruleset", arguments: BackendUnderTest.allCases)
        func confirmedStays(backend: BackendUnderTest) async throws {
            try await CLIScenario.with { scenario in
                try scenario.writeConfig(Configs.allowing(port: 2201))
                try await scenario.apply(backend)
                try scenario.writeConfig(Configs.allowing(port: 2202))
                try await scenario.apply(backend, extra: ["--confirm", "60s"])
                let trial = try await scenario.readback(backend)
                #expect(trial.contains(backend.allowsLine(port: 2202)), "\(trial)")

                let confirm = try await scenario.fwd(["confirm", "--runtime-dir", scenario.directory.runtime])
                #expect(confirm.exitCode == 0, "\(confirm)")
                // The helper sees the confirmation and ends: no rollback can follow.
                let log = try await Readback.eventually(
                    { helperLog(scenario) }, until: { $0.contains("confirmedOrSuperseded") })
                #expect(log.contains("confirmedOrSuperseded") && !log.contains("restored"), "helper log:\n\(log)")
                #expect(try await scenario.readback(backend) == trial)
                let again = try await scenario.fwd(["confirm", "--runtime-dir", scenario.directory.runtime])
                #expect(again.exitCode == 4, "\(again)")
            }
        }

        @Test("the lockout guard refuses a ruleset dropping $SSH_CONNECTION (exit 5); --force applies it")
        func lockoutGuard() async throws {
            try await CLIScenario.with { scenario in
                try scenario.writeConfig(Configs.allowing(port: 2201))
                try await scenario.apply(.nftables)
                let before = try await Readback.nftables(scenario.namespace)

                let dropping = try scenario.writeConfig(Configs.dropsSSH, name: "drops-ssh.yaml")
                let ssh = ["SSH_CONNECTION": Configs.sshConnection]
                let apply = ["apply"] + scenario.kernelOptions(config: dropping)
                let refused = try await scenario.fwd(apply, environment: ssh)
                #expect(refused.exitCode == 5, "\(refused)")
                #expect(refused.standardError.contains("would drop the SSH connection"), "\(refused)")
                #expect(refused.standardError.contains("\(dropping):"), "names the chain's location: \(refused)")
                #expect(try await Readback.nftables(scenario.namespace) == before)

                let forced = try await scenario.fwd(apply + ["--force"], environment: ssh)
                #expect(forced.exitCode == 0, "\(forced)")
                #expect(try await Readback.nftables(scenario.namespace).contains("tcp dport 8080 accept"))

                try scenario.writeConfig(Configs.allowing(port: 2201))
                let safe = try await scenario.fwd(["apply"] + scenario.kernelOptions(), environment: ssh)
                #expect(safe.exitCode == 0, "established SSH passes the stateful ruleset: \(safe)")
            }
        }

        /// The deadline `fwd apply --confirm` prints (`rolls back at 2026-11-28 11:41:47 +0000`), to
        /// the second (rounded down).
        static func deadline(in output: String) -> Date? {
            guard let range = output.range(of: "rolls back at ") else { return nil }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "yyyy-MM-dd HH:mm:ss Z"
            return formatter.date(from: String(output[range.upperBound...].prefix(25)))
        }

        private func helperLog(_ scenario: CLIScenario) -> String {
            (try? String(contentsOfFile: scenario.directory.runtime + "/confirm-helper.log", encoding: .utf8))
                ?? "(none)"
        }
    }
}
