#if canImport(Glibc)
import Glibc
#endif

/// Set by SIGTERM/SIGINT: the listener loops check it between short polls and stop cleanly.
nonisolated(unsafe) private var stopRequested: sig_atomic_t = 0

/// How long a probe may still run: until its deadline passes or it is asked to stop.
struct Lifetime {
    private let deadline: Double

    /// A lifetime of `seconds` from now; SIGTERM and SIGINT end it early.
    init(seconds: Double) {
        deadline = Lifetime.now() + max(0, seconds)
        signal(SIGTERM) { _ in stopRequested = 1 }
        signal(SIGINT) { _ in stopRequested = 1 }
    }

    /// Whether the probe should stop.
    var isOver: Bool { stopRequested != 0 || Lifetime.now() >= deadline }

    /// Milliseconds left, capped at `cap` so that loops notice a stop request quickly.
    func remainingMilliseconds(cap: Int32 = 100) -> Int32 {
        let left = (deadline - Lifetime.now()) * 1000
        return left <= 0 ? 0 : Int32(min(Double(cap), left.rounded(.up)))
    }

    /// Seconds on the monotonic clock.
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
