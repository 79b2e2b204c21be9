/// What a finished command left: its exit status and its output.
public struct CommandResult: Sendable, CustomStringConvertible {
    /// The command line, for messages.
    public var commandLine: [String]
    /// The exit code; 128 + N when signal N ended the process.
    public var exitCode: Int32
    /// Everything the command wrote to standard output.
    public var standardOutput: String
    /// Everything the command wrote to standard error.
    public var standardError: String

    /// A result from its parts.
    public init(commandLine: [String], exitCode: Int32, standardOutput: String, standardError: String) {
        self.commandLine = commandLine
        self.exitCode = exitCode
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    /// Whether the command exited with status 0.
    public var succeeded: Bool { exitCode == 0 }

    /// The result itself when the command succeeded.
    /// - Throws: ``CommandError/failed(_:)`` otherwise.
    @discardableResult
    public func checked() throws(CommandError) -> CommandResult {
        guard succeeded else { throw .failed(self) }
        return self
    }

    /// The command line, exit code and both outputs, for failure messages.
    public var description: String {
        var text = "`\(commandLine.joined(separator: " "))` exited with \(exitCode)"
        if !standardOutput.isEmpty { text += "\nstdout:\n\(standardOutput)" }
        if !standardError.isEmpty { text += "\nstderr:\n\(standardError)" }
        return text
    }
}

/// Why a command could not give a usable result.
public enum CommandError: Error, Sendable, CustomStringConvertible {
    /// The tool is not installed.
    case toolMissing(String)
    /// The command ran and exited with a non-zero status.
    case failed(CommandResult)
    /// The command ran longer than allowed and was killed.
    case timedOut(commandLine: [String], after: Duration)
    /// A helper program (a probe) printed something the kit cannot read.
    case unexpectedOutput(commandLine: [String], output: String)

    /// What went wrong, with the command line and its output.
    public var description: String {
        switch self {
        case .toolMissing(let name):
            "'\(name)' is not installed (run `make deps` as root)"
        case .failed(let result):
            result.description
        case .timedOut(let commandLine, let limit):
            "`\(commandLine.joined(separator: " "))` did not finish within \(limit) and was killed"
        case .unexpectedOutput(let commandLine, let output):
            "`\(commandLine.joined(separator: " "))` printed output the kit cannot read:\n\(output)"
        }
    }
}
