import Foundation

/// Runs blocking system calls on a thread of their own, so that waiting on a socket never holds
/// one of the few threads Swift concurrency runs tasks on.
public enum BlockingWork {
    /// Runs `work` on a new thread and returns its result.
    public static func run<Result: Sendable>(
        _ name: String, _ work: @escaping @Sendable () throws -> Result
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do { continuation.resume(returning: try work()) } catch { continuation.resume(throwing: error) }
            }
            thread.name = name
            thread.start()
        }
    }
}
