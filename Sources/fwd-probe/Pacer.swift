#if canImport(Glibc)
import Glibc
#endif

/// Spreads sends over time at a fixed rate: each tick says how many are due now, in bursts of at
/// most `maximumBurst`. When the process falls behind (it was not scheduled), the schedule slips
/// instead of catching up in one huge burst that would overflow the kernel's queues.
struct Pacer {
    /// Sends per second.
    let rate: Double
    /// The most sends one tick allows.
    let maximumBurst: Int
    private var start = Lifetime.now()
    private var credited = 0
    /// How many sends were given up to keep bursts bounded (the schedule slipped by that many).
    private(set) var slipped = 0

    /// A pacer for `rate` sends per second, bursts capped at `maximumBurst`.
    init(rate: Double, maximumBurst: Int = 32) {
        self.rate = max(rate, 1)
        self.maximumBurst = max(maximumBurst, 1)
    }

    /// How many sends are due now; after that many, call ``pause()``.
    mutating func due() -> Int {
        let total = Int((Lifetime.now() - start) * rate)
        var count = total - credited
        if count > maximumBurst {
            slipped += count - maximumBurst
            count = maximumBurst
        }
        credited = total
        return max(count, 0)
    }

    /// Sleeps until about the next send is due (at most 1 ms, at least 50 µs).
    func pause() {
        let interval = min(max(1 / rate, 0.000_05), 0.001)
        usleep(UInt32(interval * 1_000_000))
    }
}
