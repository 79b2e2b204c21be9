/// A token-bucket rate limit, as `-m limit --limit 5/second --limit-burst 10`.
public struct RateLimit: Hashable, Sendable, CustomStringConvertible {
    /// The time unit of a rate.
    public enum Unit: String, Hashable, Sendable, CaseIterable {
        case second, minute, hour, day

        /// The unit's length in seconds.
        public var seconds: Int {
            switch self {
            case .second: 1
            case .minute: 60
            case .hour: 3600
            case .day: 86400
            }
        }
    }

    /// Packets allowed per `unit` on average.
    public var count: Int
    /// The unit of the rate.
    public var unit: Unit
    /// The bucket size: packets allowed in a burst (iptables' default is 5).
    public var burst: Int?

    /// `count` packets per `unit`, with bursts up to `burst`.
    public init(_ count: Int, per unit: Unit, burst: Int? = nil) {
        self.count = count
        self.unit = unit
        self.burst = burst
    }

    /// iptables' default burst.
    public static let defaultBurst = 5

    /// The largest rate the kernel's limit match takes, per second (`XT_LIMIT_SCALE`).
    public static let maximumPerSecond = 10_000

    /// Whether xt_limit can hold the bucket: it keeps the average interval in units of
    /// 1/``maximumPerSecond`` second times the burst in 32 bits, and refuses what overflows.
    public var bucketFitsKernel: Bool {
        guard count >= 1 else { return false }
        let interval = UInt64(RateLimit.maximumPerSecond) * UInt64(unit.seconds) / UInt64(count)
        return interval * UInt64(burst ?? RateLimit.defaultBurst) <= UInt64(UInt32.max)
    }

    /// Parses `5/second`, `5/s`, `10/min`, `100/hour`, `1/day`; nil for anything else.
    public init?(parsing text: some StringProtocol, burst: Int? = nil) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 9, parts[0].allSatisfy(\.isASCIIDigit),
            let count = Int(parts[0])
        else { return nil }
        let unitText = parts[1].lowercased()
        guard let unit = Unit.allCases.first(where: { $0.rawValue.hasPrefix(unitText) && !unitText.isEmpty })
        else { return nil }
        self.init(count, per: unit, burst: burst)
    }

    /// `5/second`.
    public var rateText: String { "\(count)/\(unit.rawValue)" }

    public var description: String {
        burst.map { "\(rateText) burst \($0)" } ?? rateText
    }
}
