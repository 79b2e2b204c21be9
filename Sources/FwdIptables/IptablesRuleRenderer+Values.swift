import FwdModel

extension IptablesRuleRenderer {
    /// The protocols iptables knows by name without `/etc/protocols`, as iptables-save names them.
    static let builtinProtocolNames: [Int: String] = [
        6: "tcp", 17: "udp", 1: "icmp", 58: "ipv6-icmp", 132: "sctp", 136: "udplite", 50: "esp", 51: "ah",
        135: "mh",
    ]

    /// The word after `-p`: the name iptables knows without `/etc/protocols`, else the number
    /// (iptables-save then prints the host's name for it).
    static func protocolName(_ proto: IPProtocol) -> String {
        builtinProtocolNames[proto.number] ?? proto.unknownName ?? String(proto.number)
    }

    /// `0x1` or `0x1/0xff`, as iptables-save prints a mark match (no mask when it is all ones).
    static func markText(_ mark: MarkValue) -> String {
        let value = "0x" + String(mark.value, radix: 16)
        guard let mask = mark.mask, mask != .max else { return value }
        return value + "/0x" + String(mask, radix: 16)
    }

    /// The rate in the unit iptables-save prints it in: the finest unit that keeps the count
    /// whole (`60/minute` is `1/sec`).
    static func rateText(_ limit: RateLimit) -> String {
        var count = limit.count
        var unit = limit.unit
        while let finer = finerUnit(unit), count % (unit.seconds / finer.seconds) == 0 {
            count /= unit.seconds / finer.seconds
            unit = finer
        }
        return "\(count)/\(unitName(unit))"
    }

    private static func finerUnit(_ unit: RateLimit.Unit) -> RateLimit.Unit? {
        switch unit {
        case .second: nil
        case .minute: .second
        case .hour: .minute
        case .day: .hour
        }
    }

    private static func unitName(_ unit: RateLimit.Unit) -> String {
        switch unit {
        case .second: "sec"
        case .minute: "min"
        case .hour: "hour"
        case .day: "day"
        }
    }
}
