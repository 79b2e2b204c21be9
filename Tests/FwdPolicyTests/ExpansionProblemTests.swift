import FwdModel
import FwdPolicy
import Testing

/// Policies that cannot expand, each reported at the policy with the reason.
@Suite struct ExpansionProblemTests {
    let lan4 = Zone("lan", interfaces: ["eth1"], addresses: ["192.168.1.0/24"], file: "p.yaml", line: 1)

    @Test("host to host is refused")
    func hostToHost() {
        let policy = ZonePolicy("loop", from: [.host], to: [.host], verdict: .accept, file: "p.yaml", line: 7)
        let expansion = policy.expansion()
        #expect(expansion.rules.isEmpty)
        #expect(expansion.problems.map(\.description) == [
            "p.yaml:7: policy 'loop': from host to host is the loopback interface, not a policy;"
                + " write a rule with in-interface: lo",
        ])
    }

    @Test("an IPv4-only zone and an ICMPv6-only service generate nothing, which is reported")
    func familiesNeverMeet() {
        let service = Service("nd", channels: [.icmpv6("neighbour-solicitation")])
        let policy = ZonePolicy("nd", from: [.zone(lan4)], to: [.host], services: [service], verdict: .accept,
            file: "p.yaml", line: 9)
        let expansion = policy.expansion()
        #expect(expansion.rules.isEmpty)
        #expect(expansion.problems.count == 1)
        #expect(expansion.problems.first?.description.contains("policy 'nd' generates no rule") == true)
    }

    @Test("a service with an ICMP and an ICMPv6 channel keeps only the zone's family")
    func mixedServiceKeepsZoneFamily() {
        let ping = Service("ping", channels: [.icmp(.echoRequest), .icmpv6(.echoRequest)])
        let policy = ZonePolicy("ping", from: [.zone(lan4)], to: [.host], services: [ping], verdict: .accept)
        let expansion = policy.expansion()
        #expect(expansion.problems.isEmpty)
        #expect(expansion.rules.map(\.rule.proto) == [Negatable(.icmp)])
    }

    @Test("policy addresses outside the zone's are reported")
    func narrowingOutsideZone() {
        let policy = ZonePolicy("x", from: [.zone(lan4)], to: [.host], verdict: .accept,
            source: PolicyAddresses(addresses: ["192.168.1.0/25", "10.0.0.1"]), file: "p.yaml", line: 4)
        let problems = policy.expansion().problems.map(\.message)
        #expect(problems == ["policy 'x': source 10.0.0.1 is outside zone 'lan' (192.168.1.0/24)"])
    }

    @Test("a zone with two interfaces gives one rule per interface pair")
    func interfaceProduct() {
        let wan = Zone("wan", interfaces: ["eth0", "ppp0"])
        let dmz = Zone("dmz", interfaces: ["eth2", "eth3"])
        let rules = ZonePolicy("p", from: [.zone(wan)], to: [.zone(dmz)], verdict: .drop).expansion().rules
        #expect(rules.count == 4)
        #expect(Set(rules.map { "\($0.rule.inInterface!.value)>\($0.rule.outInterface!.value)" })
            == ["eth0>eth2", "eth0>eth3", "ppp0>eth2", "ppp0>eth3"])
    }

    @Test("the catalogue's services are valid channels")
    func catalogueIsValid() {
        for name in ServiceCatalogue.names {
            let service = ServiceCatalogue.builtin[name]!
            let policy = ZonePolicy("p", from: [.zone(.any)], to: [.host], services: [service], verdict: .accept)
            var ruleset = Ruleset()
            #expect(ruleset.add([policy]).isEmpty, "\(name)")
            #expect(ruleset.validate().isEmpty, "\(name): \(ruleset.validate())")
        }
    }
}

/// The examples of docs/guide.md's sections on named sets and policies, kept compiling and true.
@Suite struct GuidePolicyExamplesTests {
    @Test("named sets")
    func namedSets() throws {
        let blocklist = NamedSet("blocklist", type: .ipv4, elements: ["192.0.2.0/24", "198.51.100.7"])
        let webports = NamedSet("webports", type: .port, elements: [80, 443, "8000-8100"])
        let input = Chain("INPUT", policy: .drop, rules: [
            Rule(sets: [.source(in: blocklist)], jump: .drop),
            Rule(proto: .tcp, sets: [.destinationPort(in: webports)], jump: .accept),
        ])
        let ruleset = Ruleset([Table(.filter, chains: [input])], sets: [blocklist, webports])
        #expect(ruleset.validate().isEmpty)
        #expect(input.rules[0].families == .ipv4)
        let change = try ruleset.setElementChange(.add, set: "blocklist", elements: ["203.0.113.7"])
        #expect(change.elements == ["203.0.113.7"])
    }

    @Test("zones, services and policies")
    func policies() throws {
        let lan = Zone("lan", interfaces: ["eth1"], addresses: ["192.168.1.0/24"])
        let wan = Zone("wan", interfaces: ["eth0"])
        let web = try #require(ServiceCatalogue.builtin["web"])
        let ipp = Service("ipp", channels: [.tcp(631)])
        let policies = [
            ZonePolicy("lan-out", from: [.zone(lan)], to: [.zone(wan)], services: [web], verdict: .accept),
            ZonePolicy("printing", from: [.zone(lan)], to: [.host], services: [ipp], verdict: .accept),
            ZonePolicy("wan-in", from: [.zone(wan)], to: [.host], verdict: .drop, log: PolicyLog(prefix: "wan-in: ")),
        ]
        var ruleset = Ruleset()
        #expect(ruleset.add(policies).isEmpty)
        let forward = try #require(ruleset[.filter]?["FORWARD"]?.rules.first)
        #expect(forward.comment == "policy lan-out: service web")
        #expect(forward.destinationPort == Negatable([80, 443]))
        #expect(forward.location == policies[0].location)
        #expect(ruleset[.filter]?["INPUT"]?.rules.map(\.target) == [.accept, .log(prefix: "wan-in: ", level: nil), .drop])
        #expect(ruleset.validate().isEmpty)
    }
}
