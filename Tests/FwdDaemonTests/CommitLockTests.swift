import Foundation
import FwdDaemon
import Logging
import Testing

@Suite struct CommitLockTests {
    @Test func twoConcurrentCommitsSerialiseAndBothSucceed() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let backend = FakeBackend(applyDelay: .milliseconds(300))
        let runtime = RuntimeDirectory(directory.path)
        // Two coordinators, each with its own CommitLock value: like two processes.
        let first = CommitCoordinator(backend: backend, directory: runtime)
        let second = CommitCoordinator(backend: backend, directory: runtime)

        async let a = first.apply(sampleLoaded(rules: 1))
        async let b = second.apply(sampleLoaded(rules: 2))
        let reports = try await [a, b]

        #expect(reports.map(\.ruleCount).sorted() == [1, 2])
        let kernel = backend.kernel.withLock { $0 }
        #expect(kernel.applies == 2)
        #expect(kernel.maximumInFlight == 1, "the commits overlapped")
        let record = try AppliedRulesetStore(directory: runtime).record(backend: "fake", networkNamespace: nil)
        #expect(record?.ruleCount == kernel.ruleset?.ruleCount, "the record must describe the commit that won last")
    }

    @Test func aLockHeldByAnotherProcessMakesUsWait() async throws {
        guard require(exists("/usr/bin/flock"), "needs util-linux flock(1)") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let lockPath = directory.file("lock")
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [lockPath, "-c",
            "echo locked > \(directory.file("held")); sleep 1; echo done > \(directory.file("done"))"]
        try holder.run()
        #expect(await eventually { FileManager.default.fileExists(atPath: directory.file("held")) })

        try await CommitLock(path: lockPath).withLock(timeout: .seconds(10)) {
            #expect(FileManager.default.fileExists(atPath: directory.file("done")),
                "we got the lock while the other process still held it")
        }
        holder.waitUntilExit()
    }

    @Test func givingUpNamesTheHolder() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let lock = CommitLock(path: directory.file("lock"))
        try await lock.withLock {
            do {
                try await CommitLock(path: directory.file("lock")).withLock(timeout: .milliseconds(100)) {}
                Issue.record("a second holder got the lock")
            } catch let timeout as LockTimeout {
                #expect(timeout.holder == getpid())
                #expect(timeout.exitCode == .environment)
            }
        }
        // Released: takes it at once.
        try await CommitLock(path: directory.file("lock")).withLock(timeout: .milliseconds(100)) {}
    }
}
