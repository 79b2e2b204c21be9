import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

/// Runs a probe's body; a socket error becomes a `result=error` line and exit status 1, so that
/// the test reading the output always finds a result.
func reportingSocketErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as SocketError {
        Report.result("error", ("call", error.call), ("errno", "\(error.code)"), ("reason", error.description))
        throw ExitCode(1)
    }
}

/// The outcome name of a connection attempt that ended with `code` (0: success).
func outcomeName(errno code: Int32, success: String) -> String {
    switch code {
    case 0: success
    case ECONNREFUSED: "refused"
    case EHOSTUNREACH, ENETUNREACH, EACCES, EPERM: "unreachable"
    case ETIMEDOUT: "timed-out"
    default: "error"
    }
}

/// Milliseconds since `start` (a `Lifetime.now()` reading), as text.
func elapsedMilliseconds(since start: Double) -> String {
    String(Int(((Lifetime.now() - start) * 1000).rounded()))
}
