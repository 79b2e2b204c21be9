import FwdModel

/// A ruleset and the verdicts real packets must get once it is loaded on the server of the
/// ``FirewallTestbed``, whatever backend loads it.
struct PacketScenario: Sendable, CustomStringConvertible {
    /// The scenario's name in reports.
    let name: String
    /// The ruleset loaded on the server.
    let ruleset: Ruleset
    /// What every observation must give (and, through its rows, which observations are made).
    let expected: VerdictTable

    /// Every scenario of the suite.
    static let all: [PacketScenario] = [host, hostRejectingAlternateHTTP, hostWithLists]

    /// ``ExampleRulesets/host()`` as it is.
    static let host = PacketScenario(name: "host firewall", ruleset: ExampleRulesets.host(), expected: hostVerdicts)

    /// ``ExampleRulesets/host()`` with tcp 8080 rejected (ICMP port unreachable) instead of
    /// dropped: the connection is refused at once instead of timing out.
    static let hostRejectingAlternateHTTP = PacketScenario(
        name: "host firewall rejecting tcp 8080", ruleset: rejectingAlternateHTTP(ExampleRulesets.host()),
        expected: hostVerdicts
            .replacing(alternateHTTPConnect(.ipv4), with: "refused")
            .replacing(alternateHTTPConnect(.ipv6), with: "refused"))

    /// A TCP connect from the admin client to the server's port 8080, waiting long enough to tell
    /// an ICMP rejection from a drop (see ``PacketProbe/rejectionTimeout``).
    static func alternateHTTPConnect(_ family: IPFamily) -> Observation {
        .probe(.toServer(.tcpConnect(8080), from: .admin, family, timeout: PacketProbe.rejectionTimeout))
    }

    /// `ruleset` with a rule rejecting tcp 8080 (default reply: ICMP port unreachable) placed in
    /// INPUT just before its last rule (the jump to LOGDROP).
    static func rejectingAlternateHTTP(_ ruleset: Ruleset) -> Ruleset {
        var ruleset = ruleset
        guard var filter = ruleset[.filter], var input = filter["INPUT"] else { return ruleset }
        input.insert(
            Rule(proto: "tcp", dport: 8080, comment: "refuse the alternate HTTP port", jump: .reject),
            at: input.rules.count - 1)
        filter["INPUT"] = input
        ruleset[.filter] = filter
        return ruleset
    }

    /// The verdicts of ``ExampleRulesets/host()`` (see its documentation for the rules).
    static let hostVerdicts: VerdictTable = {
        func toServer(_ kind: PacketProbe.Kind, from host: TestbedHost, _ family: IPFamily) -> Observation {
            .probe(.toServer(kind, from: host, family))
        }
        func fromServer(_ kind: PacketProbe.Kind, _ family: IPFamily) -> Observation {
            .probe(PacketProbe(kind: kind, from: .server, to: .admin, family: family))
        }
        return VerdictTable([
            // Without a firewall everything gets through: the drops below are the firewall's.
            (.beforeFirewall(.toServer(.tcpConnect(8080), from: .admin, .ipv4)), "connected"),
            (.beforeFirewall(.toServer(.udpExchange(5353), from: .admin, .ipv4)), "echoed"),
            // SSH: the admin subnet only, and only over IPv4 (the subnet is IPv4).
            (toServer(.tcpConnect(22), from: .admin, .ipv4), "connected"),
            (toServer(.tcpConnect(22), from: .outsider, .ipv4), "timed-out"),
            (toServer(.tcpConnect(22), from: .admin, .ipv6), "timed-out"),
            (toServer(.tcpConnect(22), from: .outsider, .ipv6), "timed-out"),
            // HTTP from anywhere, and data keeps flowing both ways on an accepted connection.
            (toServer(.tcpConnect(80), from: .admin, .ipv4), "connected"),
            (toServer(.tcpConnect(80), from: .admin, .ipv6), "connected"),
            (toServer(.tcpConnect(80), from: .outsider, .ipv4), "connected"),
            (toServer(.tcpConnect(80), from: .outsider, .ipv6), "connected"),
            (toServer(.tcpExchange(80), from: .admin, .ipv4), "echoed"),
            (toServer(.tcpExchange(80), from: .outsider, .ipv6), "echoed"),
            // Telnet: REJECT with tcp-reset, so refused at once although a listener is there.
            (toServer(.tcpConnect(23), from: .admin, .ipv4), "refused"),
            (toServer(.tcpConnect(23), from: .admin, .ipv6), "refused"),
            // Everything else: LOGDROP.
            (alternateHTTPConnect(.ipv4), "timed-out"),
            (alternateHTTPConnect(.ipv6), "timed-out"),
            (toServer(.udpExchange(5353), from: .admin, .ipv4), "timed-out"),
            (toServer(.udpExchange(5353), from: .admin, .ipv6), "timed-out"),
            // Ping, both families.
            (toServer(.ping, from: .admin, .ipv4), "replied"),
            (toServer(.ping, from: .admin, .ipv6), "replied"),
            (toServer(.ping, from: .outsider, .ipv6), "replied"),
            // Connections the server opens: the answers come in only as established/related.
            (fromServer(.ping, .ipv4), "replied"),
            (fromServer(.ping, .ipv6), "replied"),
            (fromServer(.tcpExchange(TestbedListener.adminEcho.port), .ipv4), "echoed"),
            (fromServer(.tcpExchange(TestbedListener.adminEcho.port), .ipv6), "echoed"),
            // What the listeners heard once the firewall was loaded.
            (.peersHeard(by: .ssh), "admin IPv4"),
            (.peersHeard(by: .http), "admin IPv4, admin IPv6, outsider IPv4, outsider IPv6"),
            (.peersHeard(by: .telnet), "nobody"),
            (.peersHeard(by: .alternateHTTP), "nobody"),
            (.peersHeard(by: .multicastDNS), "nobody"),
            (.peersHeard(by: .adminEcho), "server IPv4, server IPv6"),
        ])
    }()

    /// The name.
    var description: String { name }
}
