import Foundation
import FwdDaemon
import FwdModel
import Synchronization
import Testing

/// The rollback waiters a test started.
final class WatcherTasks: Sendable {
    let tasks = Mutex<[Task<RollbackWatcher.Outcome, any Error>]>([])
    func append(_ task: Task<RollbackWatcher.Outcome, any Error>) { tasks.withLock { $0.append(task) } }
    var first: Task<RollbackWatcher.Outcome, any Error>? { tasks.withLock { $0.first } }
    var last: Task<RollbackWatcher.Outcome, any Error>? { tasks.withLock { $0.last } }
}

@Suite struct CommitConfirmedTests {
    /// A coordinator on a fresh runtime directory whose rollback waiter runs in this process, as
    /// the daemon's does.
    struct Fixture {
        let directory: TemporaryDirectory
        let backend: FakeBackend
        let coordinator: CommitCoordinator
        let watchers = WatcherTasks()

        init(backend: FakeBackend = FakeBackend()) throws {
            directory = try TemporaryDirectory()
            self.backend = backend
            coordinator = CommitCoordinator(backend: backend, directory: RuntimeDirectory(directory.path))
        }

        func options(confirm: Duration) -> CommitOptions {
            let coordinator = self.coordinator
            let watchers = self.watchers
            return CommitOptions(confirm: confirm) { pending in
                let task = Task {
                    try await RollbackWatcher(coordinator: coordinator, id: pending.id, pollInterval: .milliseconds(20)).run()
                }
                watchers.append(task)
            }
        }

        func lastWatcherOutcome() async throws -> RollbackWatcher.Outcome? {
            guard let task = watchers.last else { return nil }
            return try await task.value
        }

        var store: PendingCommitStore { PendingCommitStore(directory: RuntimeDirectory(directory.path)) }
        var applied: AppliedRecord? {
            try? AppliedRulesetStore(directory: RuntimeDirectory(directory.path)).record(backend: "fake", networkNamespace: nil)
        }
    }

    @Test func confirmedInTimeKeepsTheNewState() async throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        _ = try await fixture.coordinator.apply(sampleLoaded(rules: 1))
        let report = try await fixture.coordinator.apply(sampleLoaded(rules: 2), options: fixture.options(confirm: .seconds(1)))
        #expect(report.pending != nil)
        #expect(try fixture.store.pending()?.id == report.pending?.id)

        let confirmed = try await fixture.coordinator.confirm()
        #expect(confirmed.id == report.pending?.id)
        #expect(try await fixture.lastWatcherOutcome() == .confirmedOrSuperseded)
        try await Task.sleep(for: .milliseconds(1200))
        #expect(fixture.backend.current == sampleRuleset(rules: 2))
        #expect(fixture.backend.kernel.withLock { $0.restores } == 0)
        #expect(fixture.applied?.digest == "digest-2")
        await #expect(throws: NothingToConfirm.self) { try await fixture.coordinator.confirm() }
    }

    @Test func timeoutRestoresThePreviousStateExactly() async throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        _ = try await fixture.coordinator.apply(sampleLoaded(rules: 1))
        let before = fixture.backend.current
        let recordBefore = fixture.applied
        _ = try await fixture.coordinator.apply(sampleLoaded(rules: 2), options: fixture.options(confirm: .milliseconds(300)))
        #expect(fixture.backend.current == sampleRuleset(rules: 2))

        #expect(try await fixture.lastWatcherOutcome() == .rolledBack)
        #expect(fixture.backend.current == before)
        #expect(fixture.backend.kernel.withLock { $0.restores } == 1)
        #expect(fixture.applied == recordBefore, "the copy of what was applied must be the old one again")
        #expect(try fixture.store.pending() == nil)
        let late = await #expect(throws: NothingToConfirm.self) { try await fixture.coordinator.confirm() }
        #expect(late?.description.contains("timed out") == true)
    }

    @Test func timeoutAfterAFirstCommitRemovesFwdsTables() async throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        _ = try await fixture.coordinator.apply(sampleLoaded(rules: 2), options: fixture.options(confirm: .milliseconds(100)))
        #expect(try await fixture.lastWatcherOutcome() == .rolledBack)
        #expect(fixture.backend.current == nil)
        #expect(fixture.applied == nil)
    }

    @Test func aSecondConfirmCommitStillRollsBackToTheStateBeforeTheFirst() async throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        _ = try await fixture.coordinator.apply(sampleLoaded(rules: 1))
        _ = try await fixture.coordinator.apply(sampleLoaded(rules: 2), options: fixture.options(confirm: .seconds(30)))
        _ = try await fixture.coordinator.apply(sampleLoaded(rules: 3), options: fixture.options(confirm: .milliseconds(200)))
        #expect(try await fixture.lastWatcherOutcome() == .rolledBack)
        #expect(fixture.backend.current == sampleRuleset(rules: 1))
        #expect(fixture.applied?.digest == "digest-1")
        let first = try #require(fixture.watchers.first)
        #expect(try await first.value == .confirmedOrSuperseded)
    }

    @Test func aPlainCommitSupersedesThePendingOne() async throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        _ = try await fixture.coordinator.apply(sampleLoaded(rules: 1))
        let trial = try await fixture.coordinator.apply(sampleLoaded(rules: 2), options: fixture.options(confirm: .seconds(1)))
        let plain = try await fixture.coordinator.apply(sampleLoaded(rules: 3))
        #expect(plain.supersededPending?.id == trial.pending?.id)
        #expect(try await fixture.lastWatcherOutcome() == .confirmedOrSuperseded)
        #expect(fixture.backend.current == sampleRuleset(rules: 3))
    }

    @Test func aRollbackWaiterThatCannotStartAbortsTheCommit() async throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        _ = try await fixture.coordinator.apply(sampleLoaded(rules: 1))
        let failing = CommitOptions(confirm: .seconds(5)) { _ in throw EnvironmentError("no helper") }
        await #expect(throws: EnvironmentError.self) { try await fixture.coordinator.apply(sampleLoaded(rules: 2), options: failing) }
        #expect(fixture.backend.current == sampleRuleset(rules: 1))
        #expect(try fixture.store.pending() == nil)
    }

    @Test func aKernelRefusalAfterArmingLeavesNothingPending() async throws {
        let fixture = try Fixture(backend: FakeBackend(refusedRuleCount: 2))
        defer { fixture.directory.remove() }
        _ = try await fixture.coordinator.apply(sampleLoaded(rules: 1))
        await #expect(throws: KernelRefusal.self) {
            try await fixture.coordinator.apply(sampleLoaded(rules: 2), options: fixture.options(confirm: .seconds(5)))
        }
        #expect(try fixture.store.pending() == nil)
        #expect(try await fixture.lastWatcherOutcome() == .confirmedOrSuperseded)
        #expect(fixture.backend.current == sampleRuleset(rules: 1))
    }

    @Test func aNonAtomicBackendFailingHalfWayIsPutBack() async throws {
        let fixture = try Fixture(backend: FakeBackend(atomic: false, refusedRuleCount: 4, checkSeesRefusal: false))
        defer { fixture.directory.remove() }
        _ = try await fixture.coordinator.apply(sampleLoaded(rules: 1))
        var twoTables = sampleRuleset(rules: 3)
        twoTables[.raw] = Table(.raw, chains: [Chain("PREROUTING", policy: .accept, rules: [Rule(jump: .accept)])])
        #expect(twoTables.ruleCount == 4)
        await #expect(throws: KernelRefusal.self) {
            try await fixture.coordinator.apply(LoadedRuleset(ruleset: twoTables, files: [], digest: "x"))
        }
        #expect(fixture.backend.current == sampleRuleset(rules: 1), "the half-applied state must be undone")
        #expect(fixture.backend.kernel.withLock { ($0.checks, $0.restores) } == (2, 1))
    }

    @Test func aConfirmCommitWithAnotherBackendWaitsForThePendingOne() async throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        _ = try await fixture.coordinator.apply(sampleLoaded(rules: 2), options: fixture.options(confirm: .seconds(30)))
        let other = FakeBackend(name: "other")
        let coordinator = CommitCoordinator(backend: other, directory: RuntimeDirectory(fixture.directory.path))
        let refusal = await #expect(throws: EnvironmentError.self) {
            try await coordinator.apply(sampleLoaded(rules: 3), options: CommitOptions(confirm: .seconds(5)))
        }
        #expect(refusal?.message.contains("a commit-confirmed made with fake is pending") == true)
        #expect(other.current == nil)
        #expect(try fixture.store.pending() != nil)
        _ = try await fixture.coordinator.confirm()
        #expect(try await fixture.lastWatcherOutcome() == .confirmedOrSuperseded)
    }
}
