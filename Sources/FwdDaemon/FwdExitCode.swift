import FwdModel

/// fwd's exit codes, the same for every subcommand (documented in fwd(8)).
public enum FwdExitCode: Int32, Hashable, Sendable, CaseIterable, Codable {
    /// Done.
    case success = 0
    /// The config is invalid (bad YAML, an unknown field, a ruleset that fails validation, unsafe
    /// file permissions); nothing was changed.
    case invalidConfig = 1
    /// The command line is wrong.
    case usage = 2
    /// The kernel refused the ruleset; nothing was changed.
    case kernelRefused = 3
    /// The environment is not as needed: no daemon running, not root, a missing tool or
    /// namespace, a lock that could not be taken, nothing to confirm.
    case environment = 4
    /// Refused for safety: the ruleset would cut the SSH connection the command runs from
    /// (give `--confirm` or `--force`); nothing was changed.
    case lockoutRefused = 5
}

/// An error that knows which exit code it calls for.
public protocol ExitCodeProviding: Error {
    /// The exit code the CLI should end with.
    var exitCode: FwdExitCode { get }
}

extension FwdExitCode {
    /// The exit code for any error: its own when it provides one, 1 for validation errors, 3 for
    /// kernel refusals, 4 otherwise.
    public static func classifying(_ error: any Error) -> FwdExitCode {
        switch error {
        case let error as any ExitCodeProviding: error.exitCode
        case is ValidationError, is Diagnostic: .invalidConfig
        case is KernelRefusal: .kernelRefused
        default: .environment
        }
    }
}

extension KernelRefusal: ExitCodeProviding {
    /// 3.
    public var exitCode: FwdExitCode { .kernelRefused }
}

/// A failure of the environment fwd runs in (a system call, a missing directory), with what was
/// being done.
public struct EnvironmentError: Error, Hashable, Sendable, CustomStringConvertible, ExitCodeProviding {
    /// What went wrong, in a sentence.
    public var message: String

    /// An error saying `message`.
    public init(_ message: String) { self.message = message }

    /// An error for a failed system call: `what: strerror(errno)`.
    static func systemCall(_ what: String, errno code: Int32) -> EnvironmentError {
        EnvironmentError("\(what): \(SystemError.text(code))")
    }

    /// The message.
    public var description: String { message }
    /// 4.
    public var exitCode: FwdExitCode { .environment }
}
