import FwdModel
import FwdPolicy

/// A three-zone router described with zones, services and policies, for the expansion tests.
enum PolicyFixtures {
    static let dmzHosts = NamedSet("dmzhosts", type: .ipv4, elements: ["172.16.0.10", "172.16.0.11"], file: "router.yaml", line: 3)

    static let lan = Zone("lan", interfaces: ["eth1"], addresses: ["192.168.1.0/24", "fd00:1::/64"], file: "router.yaml", line: 10)
    static let dmz = Zone("dmz", interfaces: ["eth2"], addressSet: SetReference(dmzHosts), file: "router.yaml", line: 11)
    static let wan = Zone("wan", interfaces: ["eth0", "ppp+"], file: "router.yaml", line: 12)

    static func service(_ name: String) -> Service {
        ServiceCatalogue.builtin[name] ?? Service(name, channels: [])
    }

    static let policies: [ZonePolicy] = [
        ZonePolicy("lan-out", from: [.zone(lan)], to: [.zone(wan)], services: [service("web"), service("dns")],
            verdict: .accept, file: "router.yaml", line: 20),
        ZonePolicy("admin-ssh", from: [.zone(.any)], to: [.host], services: [service("ssh")], verdict: .accept,
            log: PolicyLog(prefix: "ssh: ", level: .info), file: "router.yaml", line: 21),
        ZonePolicy("lan-ping", from: [.zone(lan)], to: [.host], services: [service("ping")], verdict: .accept,
            file: "router.yaml", line: 22),
        ZonePolicy("web-in", from: [.zone(wan)], to: [.zone(dmz)], services: [service("https")], verdict: .accept,
            file: "router.yaml", line: 23),
        ZonePolicy("host-out", from: [.host], to: [.zone(wan), .zone(lan)], verdict: .accept,
            file: "router.yaml", line: 24),
        ZonePolicy("wan-to-lan", from: [.zone(wan)], to: [.zone(lan)], verdict: .drop,
            log: PolicyLog(limit: RateLimit(5, per: .minute)), file: "router.yaml", line: 25),
        ZonePolicy("printer", from: [.zone(lan)], to: [.host], services: [Service("ipp", channels: [.tcp(631)])],
            verdict: .reject(.tcpReset), source: PolicyAddresses(addresses: ["192.168.1.20"]),
            file: "router.yaml", line: 26),
        ZonePolicy("wan-in", from: [.zone(wan)], to: [.host], verdict: .reject(nil), file: "router.yaml", line: 27),
    ]

    /// The policies expanded into a ruleset holding the set they use.
    static func ruleset() -> (Ruleset, [Diagnostic]) {
        var ruleset = Ruleset(sets: [dmzHosts])
        let problems = ruleset.add(policies)
        return (ruleset, problems)
    }
}
