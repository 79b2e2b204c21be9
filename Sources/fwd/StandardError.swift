import FwdDaemon
import Glibc
import Logging

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
}

/// Fails with exit code 4 unless running as root.
func requireRoot(for command: String) throws {
    guard geteuid() == 0 else {
        throw EnvironmentError("fwd \(command): must run as root (it talks to the kernel's firewall)")
    }
}

/// Whether standard output is a terminal.
func standardOutputIsTerminal() -> Bool { isatty(1) == 1 }

/// A logger writing to standard error: warnings and worse for the commands, `level` for the
/// daemon and the rollback helper; with journald's priority prefixes when systemd connected
/// standard error to the journal (`$JOURNAL_STREAM`).
func commandLogger(level: Logger.Level = .warning) -> Logger {
    let toJournal = getenv("JOURNAL_STREAM") != nil
    return Logger(label: "fwd") { label in
        JournalLogHandler(label: label, logLevel: level, priorityPrefixes: toJournal)
    }
}

/// An error already reported (logged by the daemon): `fwd` exits with its code, printing nothing.
struct AlreadyReported: Error {
    /// The exit code.
    var exitCode: FwdExitCode
}
