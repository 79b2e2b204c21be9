import Glibc

/// The one lock that serialises every commit on the host: `flock` on `/run/fwd/lock`. The daemon
/// takes it around each reload, `fwd apply` and `fwd confirm` around theirs, the commit-confirmed
/// helper around a rollback. Two opens of the file conflict even within one process, so
/// concurrent tasks serialise as well as processes.
public struct CommitLock: Hashable, Sendable {
    /// The lock file's path.
    public var path: String

    /// The lock at `path` (default `/run/fwd/lock`).
    public init(path: String = RuntimeDirectory().lockPath) { self.path = path }

    /// How often a waiting caller tries again.
    static let retryInterval: Duration = .milliseconds(20)

    /// Runs `body` holding the lock, waiting at most `timeout` to get it. The lock is released
    /// when `body` returns or throws (and by the kernel if the process dies).
    /// - Throws: ``LockTimeout`` when another holder keeps it longer than `timeout`.
    public func withLock<Result>(
        timeout: Duration = .seconds(600), _ body: () async throws -> Result
    ) async throws -> Result {
        let held = try await acquire(timeout: timeout)
        defer { held.release() }
        return try await body()
    }

    /// Takes the lock, polling without blocking a thread.
    func acquire(timeout: Duration) async throws -> HeldLock {
        let directory = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !directory.isEmpty { try RuntimeDirectory.makeDirectories(directory) }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw EnvironmentError.systemCall("cannot open lock \(path)", errno: errno) }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                close(descriptor)
                throw EnvironmentError.systemCall("cannot lock \(path)", errno: code)
            }
            guard clock.now < deadline else {
                let holder = HeldLock.holder(of: descriptor)
                close(descriptor)
                throw LockTimeout(path: path, holder: holder, waited: timeout)
            }
            do {
                try await Task.sleep(for: CommitLock.retryInterval)
            } catch {
                close(descriptor)
                throw error
            }
        }
        let held = HeldLock(descriptor: descriptor)
        held.recordHolder()
        return held
    }
}

/// A taken lock; released once.
final class HeldLock: Sendable {
    let descriptor: Int32

    init(descriptor: Int32) { self.descriptor = descriptor }

    /// Writes our pid into the lock file, for the message another waiter shows.
    func recordHolder() {
        let text = Array("\(getpid())\n".utf8)
        ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    /// The pid written by the current holder, if readable.
    static func holder(of descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<count], as: UTF8.self).filter(\.isNumber))
    }

    /// Unlocks and closes.
    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// The commit lock stayed taken longer than the caller would wait.
public struct LockTimeout: Error, Hashable, Sendable, CustomStringConvertible, ExitCodeProviding {
    /// The lock file.
    public var path: String
    /// The pid that held it, when it wrote one.
    public var holder: Int32?
    /// How long the caller waited.
    public var waited: Duration

    /// Who holds the lock and how long we waited.
    public var description: String {
        "another fwd commit holds \(path)" + (holder.map { " (pid \($0))" } ?? "") + "; gave up after \(waited)"
    }

    /// 4.
    public var exitCode: FwdExitCode { .environment }
}
