import Foundation
import Glibc

/// What a finished `fwd` run left.
struct FwdResult: CustomStringConvertible {
    var arguments: [String]
    var exitCode: Int32
    var standardOutput: String
    var standardError: String

    var description: String {
        "`fwd \(arguments.joined(separator: " "))` exited with \(exitCode)\n"
            + "stdout:\n\(standardOutput)\nstderr:\n\(standardError)"
    }
}

/// The `fwd` binary run as a subprocess, its output going to files in `directory` (so that a
/// detached helper it starts cannot hold a pipe open). The environment is the test's, without
/// `SSH_CONNECTION` and `NOTIFY_SOCKET` unless `environment` sets them.
final class FwdProcess {
    let process = Process()
    let arguments: [String]
    private let outputPath: String
    private let errorPath: String

    /// Starts `fwd arguments…`.
    init(_ arguments: [String], environment: [String: String] = [:], directory: TestDirectory) throws {
        self.arguments = arguments
        let id = UUID().uuidString.prefix(8)
        outputPath = directory.file("fwd-\(id).out")
        errorPath = directory.file("fwd-\(id).err")
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        var merged = ProcessInfo.processInfo.environment
        merged["SSH_CONNECTION"] = nil
        merged["NOTIFY_SOCKET"] = nil
        merged["JOURNAL_STREAM"] = nil
        merged.merge(environment) { _, new in new }
        process.executableURL = URL(fileURLWithPath: try FwdBinary.require())
        process.arguments = arguments
        process.environment = merged
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        try process.run()
    }

    /// Runs `fwd arguments…` to completion (killed after `timeout`).
    static func run(
        _ arguments: [String], environment: [String: String] = [:], directory: TestDirectory,
        timeout: Duration = .seconds(120)
    ) async throws -> FwdResult {
        let running = try FwdProcess(arguments, environment: environment, directory: directory)
        return try await running.wait(timeout: timeout)
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// Sends `signal`.
    func send(_ signal: Int32) { kill(pid, signal) }

    /// Waits for the process to end, killing it after `timeout` (then throwing).
    func wait(timeout: Duration) async throws -> FwdResult {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                kill(pid, SIGKILL)
                process.waitUntilExit()
                throw CLITestFailure(
                    "`fwd \(arguments.joined(separator: " "))` ran longer than \(timeout)\n"
                        + "stderr:\n\(read(errorPath))")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        process.waitUntilExit()
        return FwdResult(
            arguments: arguments, exitCode: process.terminationStatus,
            standardOutput: read(outputPath), standardError: read(errorPath))
    }

    /// Standard error so far.
    var standardErrorSoFar: String { read(errorPath) }

    /// Kills the process if it still runs (cleanup on failure paths).
    func killIfRunning() {
        guard process.isRunning else { return }
        kill(pid, SIGKILL)
        process.waitUntilExit()
    }

    private func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }
}
