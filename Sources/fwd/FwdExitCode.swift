import ArgumentParser
import FwdIptables

#if canImport(Glibc)
import Glibc
#endif

/// The exit codes of `fwd`, as its help lists them.
enum FwdExitCode: Int32 {
    /// Everything worked.
    case success = 0
    /// The ruleset or configuration is invalid.
    case invalidRuleset = 1
    /// The command line is wrong.
    case usage = 2
    /// The kernel or the loading tool refused the rules.
    case refused = 3
    /// The environment is not fit: a tool is missing, not root, no such namespace.
    case environment = 4

    /// The code for a failed load or check.
    init(_ error: IptablesLoadError) {
        switch error {
        case .invalidRuleset: self = .invalidRuleset
        case .refused, .toolFailed: self = .refused
        case .environment: self = .environment
        }
    }

    /// The error that makes argument-parser exit with this code.
    var exit: ExitCode { ExitCode(rawValue) }
}

/// Writing diagnostics to standard error, one per line.
enum StandardError {
    /// Writes `text` and a newline to standard error.
    static func write(_ text: String) {
        let bytes = Array((text.hasSuffix("\n") ? text : text + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            offset += written
        }
    }

    /// Writes `error` to standard error and returns the exit code to end with.
    static func report(_ error: IptablesLoadError) -> ExitCode {
        write(error.description)
        return FwdExitCode(error).exit
    }
}

/// Whether this process runs as root.
func isRoot() -> Bool { geteuid() == 0 }

/// Whether standard output is a terminal.
func standardOutputIsTerminal() -> Bool { isatty(1) == 1 }
