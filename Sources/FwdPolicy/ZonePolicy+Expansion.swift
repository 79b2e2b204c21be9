public import FwdModel

/// A rule a policy generated, with the builtin chain of table filter it goes to.
public struct PolicyRule: Hashable, Sendable {
    /// `INPUT`, `FORWARD` or `OUTPUT`.
    public var chain: String
    /// The rule, located at its policy, commented with the policy's and service's names.
    public var rule: Rule
}

/// What expanding a policy gave: its rules, and the problems that kept some from being made.
public struct PolicyExpansion: Hashable, Sendable {
    /// The rules, in order.
    public var rules: [PolicyRule] = []
    /// Problems, each located at the policy.
    public var problems: [Diagnostic] = []
}

extension ZonePolicy {
    /// The rules this policy stands for: for each `from` × `to` pair, each channel of each
    /// service (or all traffic), each interface of the source zone × each of the destination
    /// zone, and each family the addresses and protocol allow, one rule with the verdict —
    /// preceded by a `LOG` rule with the same matches when the policy logs.
    ///
    /// Host → zone goes to OUTPUT, zone → host to INPUT, zone → zone to FORWARD; host → host is
    /// a problem (write a rule with `in-interface: lo` instead). A combination whose parts belong
    /// to different families (an IPv4-only zone and an ICMPv6 channel) is left out; a policy all
    /// of whose combinations are left out is a problem.
    public func expansion() -> PolicyExpansion {
        var expansion = PolicyExpansion()
        var skippedFamilies: [String] = []
        for origin in from {
            for target in to {
                guard let chain = ZonePolicy.chain(from: origin, to: target) else {
                    expansion.problems.append(Diagnostic(
                        "policy '\(name)': from host to host is the loopback interface, not a policy;"
                            + " write a rule with in-interface: lo", at: location))
                    continue
                }
                expansion.problems += addressProblems(origin: origin, target: target)
                for (service, channel) in channels {
                    let skipped = appendRules(
                        chain: chain, origin: origin, target: target, service: service, channel: channel,
                        into: &expansion.rules)
                    if let skipped { skippedFamilies.append(skipped) }
                }
            }
        }
        if expansion.rules.isEmpty, expansion.problems.isEmpty, let reason = skippedFamilies.first {
            expansion.problems.append(Diagnostic(
                "policy '\(name)' generates no rule: \(reason)", at: location))
        }
        return expansion
    }

    /// The builtin chain for traffic from `origin` to `target`, nil for host → host.
    static func chain(from origin: PolicyEndpoint, to target: PolicyEndpoint) -> String? {
        switch (origin, target) {
        case (.host, .host): nil
        case (.host, .zone): "OUTPUT"
        case (.zone, .host): "INPUT"
        case (.zone, .zone): "FORWARD"
        }
    }

    /// Each channel with the name of its service; one channel matching everything when the
    /// policy names no service.
    var channels: [(service: String?, channel: Channel)] {
        if services.isEmpty { return [(nil, Channel())] }
        return services.flatMap { service in service.channels.map { (service.name, $0) } }
    }

    /// Policy addresses outside their zone's addresses.
    private func addressProblems(origin: PolicyEndpoint, target: PolicyEndpoint) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for (side, endpoint, narrowing) in [("source", origin, source), ("destination", target, destination)] {
            guard case .zone(let zone) = endpoint, let zoneAddresses = zone.addresses,
                let addresses = narrowing?.addresses
            else { continue }
            for address in addresses.addresses where !zoneAddresses.covers(address) {
                problems.append(Diagnostic(
                    "policy '\(name)': \(side) \(address) is outside zone '\(zone.name)' (\(zoneAddresses))",
                    at: location))
            }
        }
        return problems
    }
}

extension AddressList {
    /// Whether `address` lies entirely inside one of the list's addresses.
    func covers(_ address: AddressSpec) -> Bool {
        let (low, high): (IPAddress, IPAddress)
        switch address {
        case .network(let network, let prefixLength):
            low = network
            high = network.lastAddress(prefixLength: prefixLength)
        case .range(let first, let last):
            (low, high) = (first, last)
        case .invalid:
            return true  // reported elsewhere
        }
        return addresses.contains { $0.contains(low) && $0.contains(high) }
    }
}

extension IPAddress {
    /// The last address of the network of `prefixLength` starting here.
    func lastAddress(prefixLength: Int) -> IPAddress {
        switch self {
        case .v4(let value):
            let hostBits = UInt32(32 - max(0, min(prefixLength, 32)))
            return .v4(hostBits == 32 ? .max : value | ((1 << hostBits) - 1))
        case .v6(let high, let low):
            let length = max(0, min(prefixLength, 128))
            let highOnes: UInt64 = length >= 64 ? 0 : (length == 0 ? .max : (1 << UInt64(64 - length)) - 1)
            let lowOnes: UInt64 = length <= 64 ? .max : (length == 128 ? 0 : (1 << UInt64(128 - length)) - 1)
            return .v6(high: high | highOnes, low: low | lowOnes)
        }
    }
}
