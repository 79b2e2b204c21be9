import FwdTestKit
import Testing

extension CLITests {
    /// The exit codes fwd(8) documents, from the built binary: 1 invalid config, 2 usage, 3 kernel
    /// refused, 4 environment; errors as `file:line:column: …` lines; no kernel change on failure.
    @Suite("fwd exit codes", .kernelAccess(tools: CLIScenario.tools))
    struct ExitCodeTests {
        @Test(
            "invalid config: exit 1, file:line:column on stderr, the kernel unchanged",
            arguments: BackendUnderTest.allCases)
        func invalidConfigChangesNothing(backend: BackendUnderTest) async throws {
            try await CLIScenario.with { scenario in
                try scenario.writeConfig(Configs.allowing(port: 2201))
                try await scenario.apply(backend)
                let before = try await scenario.readback(backend)
                #expect(before.contains(backend.allowsLine(port: 2201)))

                let bad = try scenario.writeConfig(Configs.invalid, name: "bad.yaml")
                for command in ["apply", "check"] {
                    let result = try await scenario.fwd(
                        [command] + scenario.kernelOptions(config: bad) + backend.options)
                    #expect(result.exitCode == 1, "\(result)")
                    let lines = result.standardError.split(separator: "\n")
                    #expect(!lines.isEmpty)
                    #expect(lines.allSatisfy { $0.hasPrefix("\(bad):") }, "\(result)")
                    #expect(result.standardError.hasPrefix("\(bad):\(Configs.invalidLine):"), "\(result)")
                    #expect(result.standardError.contains("bogus"), "\(result)")
                }
                #expect(try await scenario.readback(backend) == before)
            }
        }

        @Test("usage errors exit 2")
        func usageErrors() async throws {
            try await TestDirectory.with { directory in
                for arguments in [
                    ["apply", "--no-such-option"], ["show", "--format", "xml"], ["apply", "--confirm", "0s"],
                    ["apply", "--backend", "pf"], ["no-such-command"],
                ] {
                    let result = try await FwdProcess.run(arguments, directory: directory)
                    #expect(result.exitCode == 2, "\(result)")
                    #expect(!result.standardError.isEmpty)
                }
                let help = try await FwdProcess.run(["--help"], directory: directory)
                #expect(help.exitCode == 0, "\(help)")
            }
        }

        @Test("kernel refusal: exit 3 naming each refused rule, nothing applied")
        func kernelRefusal() async throws {
            try await CLIScenario.with { scenario in
                try scenario.writeConfig(Configs.allowing(port: 2201))
                try await scenario.apply(.nftables)
                let before = try await Readback.nftables(scenario.namespace)

                let deep = try scenario.writeConfig(Configs.deepJumps, name: "deep.yaml")
                let offline = try await scenario.fwd(["check", "--offline", "--config", deep])
                #expect(offline.exitCode == 0, "the model accepts it: \(offline)")
                for command in ["check", "apply"] {
                    let result = try await scenario.fwd(
                        [command] + scenario.kernelOptions(config: deep) + ["--backend", "nftables"])
                    #expect(result.exitCode == 3, "\(result)")
                    let lines = result.standardError.split(separator: "\n")
                    #expect(
                        lines.first?.hasPrefix("\(deep):50:11: chain c15: kernel refused rule: ") == true, "\(result)")
                    #expect(lines.allSatisfy { $0.hasPrefix("\(deep):") }, "\(result)")
                }
                #expect(try await Readback.nftables(scenario.namespace) == before)
            }
        }

        @Test("environment problems exit 4: no daemon, nothing to confirm, no such namespace")
        func environmentProblems() async throws {
            try await CLIScenario.with { scenario in
                let reload = try await scenario.fwd(["reload", "--runtime-dir", scenario.directory.runtime])
                #expect(reload.exitCode == 4, "\(reload)")
                #expect(reload.standardError.contains("fwd daemon is not running"), "\(reload)")

                let confirm = try await scenario.fwd(["confirm", "--runtime-dir", scenario.directory.runtime])
                #expect(confirm.exitCode == 4, "\(confirm)")
                #expect(confirm.standardError.contains("nothing to confirm"), "\(confirm)")

                try scenario.writeConfig(Configs.allowing(port: 2201))
                let missing = try await scenario.fwd([
                    "apply", "--config", scenario.directory.file("fwd.yaml"), "--netns", "fwdt-no-such-namespace",
                    "--runtime-dir", scenario.directory.runtime,
                ])
                #expect(missing.exitCode == 4, "\(missing)")
                #expect(missing.standardError.contains("fwdt-no-such-namespace does not exist"), "\(missing)")
            }
        }
    }
}
