import Foundation
import Testing

/// Whether kernel tests can run here: root plus `ip` and `nft`. Elsewhere they are skipped with
/// the reason, except under `CI=true`, where they run and fail on ``KernelTestGate/require()``.
enum KernelTestGate {
    /// What is missing; empty when kernel tests can run.
    static let missing: [String] = {
        var missing: [String] = []
        if geteuid() != 0 { missing.append("root (running as uid \(geteuid()))") }
        for tool in ["ip", "nft"] where Command.resolve(tool) == nil { missing.append("'\(tool)'") }
        return missing
    }()

    /// Whether this is a CI run, where kernel tests must not be skipped.
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"]?.lowercased() == "true" }

    /// Why kernel tests cannot run.
    static var explanation: String { "SKIPPED kernel test: needs " + missing.joined(separator: ", ") }

    /// Fails the test (under CI) when something is missing.
    static func require() throws {
        guard missing.isEmpty else { throw CommandError(message: explanation) }
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test where kernel tests can run or under CI; skips it loudly elsewhere.
    static var kernel: Self {
        if !KernelTestGate.missing.isEmpty && !KernelTestGate.isCI {
            FileHandle.standardError.write(Data((KernelTestGate.explanation + "\n").utf8))
        }
        return .enabled(
            if: KernelTestGate.missing.isEmpty || KernelTestGate.isCI, Comment(rawValue: KernelTestGate.explanation))
    }
}

/// Runs the kernel suites one at a time across the whole test process. Their tests are
/// synchronous: each holds one of Swift concurrency's few threads (two on a 2-core machine) while
/// the kernel works, for up to a minute with 100k rules. Several suites at once starved every
/// asynchronous test elsewhere in the process (sockets timing out, time limits overrun); a suite
/// waiting for its turn here is suspended and holds no thread.
struct OneKernelSuiteAtATime: SuiteTrait, TestScoping {
    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        await KernelSuiteTurns.shared.wait()
        do {
            try await function()
        } catch {
            await KernelSuiteTurns.shared.next()
            throw error
        }
        await KernelSuiteTurns.shared.next()
    }
}

/// The queue of suites waiting for their turn.
actor KernelSuiteTurns {
    static let shared = KernelSuiteTurns()
    private var running = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Returns when it is the caller's turn.
    func wait() async {
        guard running else {
            running = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the turn to the next suite waiting, if any.
    func next() {
        if waiting.isEmpty {
            running = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}

extension Trait where Self == OneKernelSuiteAtATime {
    /// One kernel suite at a time (see ``OneKernelSuiteAtATime``).
    static var oneKernelSuiteAtATime: Self { OneKernelSuiteAtATime() }
}
