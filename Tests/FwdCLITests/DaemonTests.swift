import FwdTestKit
import Glibc
import Testing

extension CLITests {
    /// `fwd daemon` end to end: readiness on `$NOTIFY_SOCKET`, `fwd reload`, a bad config kept out,
    /// SIGHUP, and SIGTERM leaving the rules in place.
    @Suite("fwd daemon", .kernelAccess(tools: CLIScenario.tools))
    struct DaemonTests {
        @Test("ready, reload, bad config refused, SIGHUP, SIGTERM", arguments: BackendUnderTest.allCases)
        func endToEnd(backend: BackendUnderTest) async throws {
            try await CLIScenario.with { scenario in
                try scenario.writeConfig(Configs.allowing(port: 2201))
                let notify = try NotifySocketReceiver(path: scenario.directory.file("notify.sock"))
                let daemon = try FwdProcess(
                    ["daemon"] + scenario.kernelOptions() + backend.options,
                    environment: ["NOTIFY_SOCKET": notify.path], directory: scenario.directory)
                defer { daemon.killIfRunning() }

                let ready = await notify.waitFor("READY=1")
                #expect(ready.found, "no READY=1 (got \(ready.received)); stderr:\n\(daemon.standardErrorSoFar)")
                guard ready.found else { return }
                #expect(ready.received.last?.contains("STATUS=enforcing 4 rules with") == true, "\(ready.received)")
                #expect(try await scenario.readback(backend).contains(backend.allowsLine(port: 2201)))

                let reload = ["reload", "--runtime-dir", scenario.directory.runtime]
                try scenario.writeConfig(Configs.allowing(port: 2202))
                let reloaded = try await scenario.fwd(reload)
                #expect(reloaded.exitCode == 0, "\(reloaded)")
                let second = try await scenario.readback(backend)
                #expect(
                    second.contains(backend.allowsLine(port: 2202)) && !second.contains(backend.allowsLine(port: 2201)))

                let config = try scenario.writeConfig(Configs.invalid)
                let refused = try await scenario.fwd(reload)
                #expect(refused.exitCode == 1, "\(refused)")
                #expect(refused.standardError.hasPrefix("\(config):\(Configs.invalidLine):"), "\(refused)")
                #expect(try await scenario.readback(backend) == second, "the previous ruleset stays")
                #expect(daemon.isRunning)
                let status = await notify.waitFor("last reload failed", within: .seconds(5))
                #expect(status.found, "\(status.received)")

                try scenario.writeConfig(Configs.allowing(port: 2203))
                daemon.send(SIGHUP)
                let third = try await Readback.eventually(
                    { try await scenario.readback(backend) },
                    until: {
                        backend.allowsEverywhere(port: 2203, in: $0)
                    })
                #expect(
                    backend.allowsEverywhere(port: 2203, in: third),
                    "SIGHUP did not reload:\n\(daemon.standardErrorSoFar)")
                let afterHangup = await notify.waitFor("STATUS=enforcing", within: .seconds(30))
                #expect(afterHangup.found, "no status after the SIGHUP reload: \(afterHangup.received)")
                #expect(afterHangup.received.last?.contains("failed") == false, "\(afterHangup.received)")

                daemon.send(SIGTERM)
                let ended = try await daemon.wait(timeout: .seconds(30))
                #expect(ended.exitCode == 0, "\(ended)")
                #expect(try await scenario.readback(backend) == third, "the rules stay after SIGTERM")
            }
        }
    }
}
