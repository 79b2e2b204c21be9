public import FwdModel

/// What a policy does with the traffic it describes.
public enum PolicyVerdict: Hashable, Sendable, CustomStringConvertible {
    /// Let it through.
    case accept
    /// Discard it silently.
    case drop
    /// Discard it and answer with an error (nil: the default ICMP port unreachable).
    case reject(RejectType?)

    /// The rule target.
    public var target: Target {
        switch self {
        case .accept: .accept
        case .drop: .drop
        case .reject(let type): .reject(with: type)
        }
    }

    /// `accept`, `drop` or `reject`.
    public var description: String {
        switch self {
        case .accept: "accept"
        case .drop: "drop"
        case .reject: "reject"
        }
    }
}

/// Logging before a policy's verdict: a `LOG` rule with the same matches right before each
/// verdict rule.
public struct PolicyLog: Hashable, Sendable {
    /// The log prefix; nil gives `<policy name>: `, cut to the 29 bytes LOG takes.
    public var prefix: String?
    /// The syslog level; nil is the kernel's default (warning).
    public var level: LogLevel?
    /// A rate limit on the log lines (the verdict is not limited).
    public var limit: RateLimit?

    /// Logging with the given prefix, level and rate limit.
    public init(prefix: String? = nil, level: LogLevel? = nil, limit: RateLimit? = nil) {
        self.prefix = prefix
        self.level = level
        self.limit = limit
    }
}

/// Narrower addresses for one side of a policy than its zone's, replacing the zone's addresses
/// (or address set): addresses, which must lie inside the zone's when it lists some, or a named
/// set.
public struct PolicyAddresses: Hashable, Sendable {
    /// Addresses replacing the zone's.
    public var addresses: AddressList?
    /// A named set replacing the zone's addresses.
    public var set: SetReference?

    /// Addresses and/or a set.
    public init(addresses: AddressList? = nil, set: SetReference? = nil) {
        self.addresses = addresses
        self.set = set
    }
}

/// Traffic from some zones to others, of some services, and what to do with it: the firewall as
/// PyPTables' forwarding and input rules describe it. ``expansion()`` turns it into ordinary
/// rules of the filter table: INPUT for traffic to the host, OUTPUT for traffic from it,
/// FORWARD between zones.
///
/// ```swift
/// let lan = Zone("lan", interfaces: ["eth1"], addresses: ["192.168.1.0/24"])
/// let wan = Zone("wan", interfaces: ["eth0"])
/// let policy = ZonePolicy("lan-out", from: [.zone(lan)], to: [.zone(wan)],
///     services: [ServiceCatalogue.builtin["web"]!], verdict: .accept)
/// var ruleset = Ruleset()
/// let problems = ruleset.add([policy])   // appends FORWARD rules to table filter
/// ```
public struct ZonePolicy: Hashable, Sendable {
    /// The policy's name, used in the generated rules' comments and default log prefix.
    public var name: String
    /// Where the traffic comes from.
    public var from: [PolicyEndpoint]
    /// Where it goes.
    public var to: [PolicyEndpoint]
    /// The services it covers; empty means all traffic.
    public var services: [Service]
    /// What happens to it.
    public var verdict: PolicyVerdict
    /// Logging before the verdict, if any.
    public var log: PolicyLog?
    /// Narrower source addresses than the `from` zones'.
    public var source: PolicyAddresses?
    /// Narrower destination addresses than the `to` zones'.
    public var destination: PolicyAddresses?
    /// Where the policy was written: every rule it generates is located here.
    public var location: SourceLocation

    /// A policy written at `location`.
    public init(
        _ name: String, from: [PolicyEndpoint], to: [PolicyEndpoint], services: [Service] = [],
        verdict: PolicyVerdict, log: PolicyLog? = nil, source: PolicyAddresses? = nil,
        destination: PolicyAddresses? = nil, location: SourceLocation
    ) {
        self.name = name
        self.from = from
        self.to = to
        self.services = services
        self.verdict = verdict
        self.log = log
        self.source = source
        self.destination = destination
        self.location = location
    }

    /// A policy written at the caller's position.
    public init(
        _ name: String, from: [PolicyEndpoint], to: [PolicyEndpoint], services: [Service] = [],
        verdict: PolicyVerdict, log: PolicyLog? = nil, source: PolicyAddresses? = nil,
        destination: PolicyAddresses? = nil, file: String = #fileID, line: Int = #line
    ) {
        self.init(name, from: from, to: to, services: services, verdict: verdict, log: log, source: source,
            destination: destination, location: SourceLocation(file: file, line: line))
    }
}
