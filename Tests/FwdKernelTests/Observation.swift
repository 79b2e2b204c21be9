/// Something the packet suite looks at in the ``FirewallTestbed``.
enum Observation: Hashable, Sendable, CustomStringConvertible {
    /// A probe sent before the firewall is loaded (proves the verdicts after are its doing).
    case beforeFirewall(PacketProbe)
    /// A probe sent once the firewall is loaded.
    case probe(PacketProbe)
    /// Which hosts a listener heard from once the firewall was loaded (`admin IPv4, admin IPv6`,
    /// or `nobody`).
    case peersHeard(by: TestbedListener)

    /// The row's label in a verdict table.
    var description: String {
        switch self {
        case .beforeFirewall(let probe): "without firewall: \(probe)"
        case .probe(let probe): "\(probe)"
        case .peersHeard(let listener): "heard by \(listener)"
        }
    }
}

extension Observation {
    /// The probe of a `.beforeFirewall` observation.
    var probeBeforeFirewall: PacketProbe? {
        if case .beforeFirewall(let probe) = self { probe } else { nil }
    }

    /// The probe of a `.probe` observation.
    var probeWithFirewall: PacketProbe? {
        if case .probe(let probe) = self { probe } else { nil }
    }
}
