import Subprocess

/// Runs programs to completion with a time limit, collecting their output.
public enum Command {
    /// The most output collected from one stream.
    static let outputLimit = 64 * 1024 * 1024

    /// Runs `tool` (a name found by ``Tool/path(_:)``, or a path) with `arguments`, giving it
    /// `input` on standard input when given, and killing it after `timeout`. A non-zero exit is a
    /// normal result; check ``CommandResult/succeeded``.
    /// - Throws: ``CommandError`` when the tool is missing or the time limit passes.
    public static func run(
        _ tool: String, _ arguments: [String], input: String? = nil, timeout: Duration = .seconds(60)
    ) async throws -> CommandResult {
        let executable = try Tool.require(tool)
        let commandLine = [executable] + arguments
        let options = PlatformOptions.tearingDownGracefully
        return try await withTimeout(timeout, commandLine: commandLine) {
            let result = if let input {
                try await Subprocess.run(
                    .path(.init(executable)), arguments: .init(arguments), platformOptions: options,
                    input: .string(input), output: .string(limit: outputLimit), error: .string(limit: outputLimit))
            } else {
                try await Subprocess.run(
                    .path(.init(executable)), arguments: .init(arguments), platformOptions: options,
                    output: .string(limit: outputLimit), error: .string(limit: outputLimit))
            }
            return CommandResult(
                commandLine: commandLine, exitCode: result.terminationStatus.exitCode,
                standardOutput: result.standardOutput, standardError: result.standardError)
        }
    }

    /// Runs `body`, cancelling it (which tears down its subprocess) after `limit`.
    static func withTimeout<Result: Sendable>(
        _ limit: Duration, commandLine: [String], _ body: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let result = first else {
                throw CommandError.timedOut(commandLine: commandLine, after: limit)
            }
            return result
        }
    }
}

extension PlatformOptions {
    /// Options whose teardown (on cancellation or timeout) sends SIGTERM, then SIGKILL after 0.5 s.
    static var tearingDownGracefully: PlatformOptions {
        var options = PlatformOptions()
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .milliseconds(500))]
        return options
    }
}

extension TerminationStatus {
    /// The exit code, or 128 + the signal number for a process a signal ended.
    var exitCode: Int32 {
        switch self {
        case .exited(let code): code
        case .signaled(let signal): 128 + signal
        }
    }
}
