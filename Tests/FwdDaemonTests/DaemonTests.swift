import Foundation
import FwdDaemon
import FwdModel
import Glibc
import Testing

@Suite struct DaemonTests {
    let badConfig = ValidationError([Diagnostic("unknown target 'ACCPET' (did you mean 'ACCEPT'?)",
        at: SourceLocation(file: "/etc/fwd/fwd.yaml", line: 3, column: 5), table: .filter, chain: "INPUT", ruleNumber: 1)])

    @Test func startsCommitsThenSignalsReadyAndReloadsOnRequest() async throws {
        let harness = try DaemonHarness(source: ScriptedSource(sampleLoaded(rules: 2)))
        defer { harness.cleanUp() }

        let ready = try #require(await harness.notify.receive())
        #expect(harness.backend.current == sampleRuleset(rules: 2), "READY=1 must come after the commit")
        #expect(ready.contains("READY=1"))
        #expect(ready.contains("STATUS=enforcing 2 rules with fake (config digest-2)"))

        harness.source.set(.success(sampleLoaded(rules: 3)))
        let reloaded = try await harness.client.reload()
        #expect(reloaded.succeeded, "\(reloaded.message)")
        #expect(harness.backend.current == sampleRuleset(rules: 3))
        #expect(harness.notify.drain().contains { $0.contains("STATUS=enforcing 3 rules with fake (config digest-3)") })

        try await harness.stop()
        #expect(harness.backend.current == sampleRuleset(rules: 3), "stopping must leave the rules in place")
        #expect(harness.backend.kernel.withLock { $0.removals } == 0)
        #expect(!FileManager.default.fileExists(atPath: harness.options.controlSocketPath))
    }

    @Test func aBadConfigKeepsThePreviousRulesetAndTheDaemonRunning() async throws {
        let harness = try DaemonHarness(source: ScriptedSource(sampleLoaded(rules: 2)))
        defer { harness.cleanUp() }
        _ = await harness.notify.receive()

        harness.source.set(.failure(badConfig))
        let failed = try await harness.client.reload()
        #expect(failed.exitCode == .invalidConfig)
        #expect(failed.message.contains("/etc/fwd/fwd.yaml:3:5: chain filter/INPUT, rule 1: unknown target 'ACCPET'"))
        #expect(harness.backend.current == sampleRuleset(rules: 2))
        #expect(harness.backend.kernel.withLock { $0.applies } == 1)
        let status = harness.notify.drain().joined(separator: "\n")
        #expect(status.contains("STATUS=enforcing 2 rules with fake (config digest-2); last reload failed: /etc/fwd/fwd.yaml:3:5"))
        #expect(harness.logs.all.contains { $0.hasPrefix("<3>reload failed, the previous ruleset stays in force:\n<3>/etc/fwd/fwd.yaml:3:5") },
            "\(harness.logs.all)")

        // Still alive: a good config goes in, and the failure is cleared from the status.
        harness.source.set(.success(sampleLoaded(rules: 4)))
        #expect(try await harness.client.reload().succeeded)
        let details = try await harness.client.send(.status)
        #expect(details.message.hasPrefix("enforcing 4 rules with fake (config digest-4)\n"))
        #expect(details.message.contains("reloads: 3, failed: 1"))
        try await harness.stop()
    }

    @Test func aKernelRefusalIsReportedWithItsExitCode() async throws {
        let harness = try DaemonHarness(source: ScriptedSource(sampleLoaded(rules: 2)), backend: FakeBackend(refusedRuleCount: 5))
        defer { harness.cleanUp() }
        _ = await harness.notify.receive()
        harness.source.set(.success(sampleLoaded(rules: 5)))
        let refused = try await harness.client.reload()
        #expect(refused.exitCode == .kernelRefused)
        #expect(refused.message.contains("fake.yaml:3:5: kernel refused the ruleset"))
        #expect(harness.backend.current == sampleRuleset(rules: 2))
        try await harness.stop()
    }

    @Test func flushOnStopRemovesFwdsTables() async throws {
        let harness = try DaemonHarness(source: ScriptedSource(sampleLoaded(rules: 2)), flushOnStop: true)
        defer { harness.cleanUp() }
        _ = await harness.notify.receive()
        try await harness.stop()
        #expect(harness.backend.current == nil)
        #expect(harness.notify.drain().contains { $0.hasPrefix("STOPPING=1") })
    }

    @Test func aFailedFirstCommitFailsTheStart() async throws {
        let source = ScriptedSource(sampleLoaded(rules: 1))
        source.set(.failure(badConfig))
        let harness = try DaemonHarness(source: source)
        defer { harness.cleanUp() }
        await #expect(throws: ValidationError.self) { try await harness.running.value }
        #expect(await harness.notify.receive()?.hasPrefix("STATUS=no ruleset applied; last reload failed") == true)
        #expect(harness.backend.current == nil)
    }

    @Test func worldWritableConfigIsRefused() async throws {
        let config = try TemporaryDirectory()
        defer { config.remove() }
        let path = config.file("fwd.yaml")
        try "x".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o644)
        let harness = try DaemonHarness(
            source: ScriptedSource(sampleLoaded(rules: 1), primaryPath: path),
            configSecurity: ConfigFileSecurity(requiredOwner: getuid()))
        defer { harness.cleanUp() }
        #expect(await harness.notify.receive()?.contains("READY=1") == true)

        chmod(path, 0o646)
        harness.source.set(.success(sampleLoaded(rules: 2)))
        let refused = try await harness.client.reload()
        #expect(refused.exitCode == .invalidConfig)
        #expect(refused.message == "\(path): refusing config file: it is writable by every user (mode 0646); run chmod o-w \(path)")
        #expect(harness.backend.current == sampleRuleset(rules: 1))
        try await harness.stop()
    }

    @Test func theDaemonWaitsForConfirmationWhenArmed() async throws {
        let harness = try DaemonHarness(source: ScriptedSource(sampleLoaded(rules: 1)))
        defer { harness.cleanUp() }
        _ = await harness.notify.receive()
        let coordinator = CommitCoordinator(backend: harness.backend, directory: harness.options.runtimeDirectory)
        let arming = RollbackArming(controlSocketPath: harness.options.controlSocketPath,
            helperExecutable: "/nonexistent/must-not-be-used") { _ in [] }
        _ = try await coordinator.apply(sampleLoaded(rules: 2), options: CommitOptions(confirm: .milliseconds(300),
            armRollback: arming.closure))
        #expect(harness.backend.current == sampleRuleset(rules: 2))
        #expect(await eventually { harness.backend.current == sampleRuleset(rules: 1) }, "the daemon did not roll back")
        try await harness.stop()
    }

    @Test func sighupReloads() async throws {
        let harness = try DaemonHarness(source: ScriptedSource(sampleLoaded(rules: 1)), reloadOnHangup: true)
        defer { harness.cleanUp() }
        #expect(await harness.notify.receive()?.contains("READY=1") == true)
        harness.source.set(.success(sampleLoaded(rules: 2)))
        kill(getpid(), SIGHUP)
        #expect(await eventually { harness.backend.current == sampleRuleset(rules: 2) })
        try await harness.stop()
    }
}
