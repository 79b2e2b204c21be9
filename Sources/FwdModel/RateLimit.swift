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

    /// The longest time, in seconds, a full burst may take to refill: xt_limit's 32-bit credit
    /// counter is sized for one day (`MAX_CPJ`); longer buckets overflow and the kernel refuses
    /// them (`1/day` with the default burst of 5, `1/hour` burst 120).
    public static let maximumRefillSeconds = 86_400

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
