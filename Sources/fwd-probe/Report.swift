#if canImport(Glibc)
import Glibc
#endif

/// Writes the probe's machine-readable lines: `key=value` pairs separated by spaces, flushed at
/// once so that a test reading the pipe sees each event when it happens.
enum Report {
    /// Prints the probe's outcome: `result=NAME` followed by `pairs`.
    static func result(_ name: String, _ pairs: (String, String)...) {
        line([("result", name)] + pairs)
    }

    /// Prints an event: `event=NAME` followed by `pairs`.
    static func event(_ name: String, _ pairs: (String, String)...) {
        line([("event", name)] + pairs)
    }

    private static func line(_ pairs: [(String, String)]) {
        let bytes = Array((pairs.map { "\($0.0)=\(sanitized($0.1))" }.joined(separator: " ") + "\n").utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return }
            written += count
        }
    }

    /// A value with blanks replaced, so that a line always splits into pairs at spaces.
    private static func sanitized(_ value: String) -> String {
        String(value.map { $0 == " " || $0 == "\t" || $0.isNewline ? "_" : $0 })
    }
}
