@testable import FwdModel
import Testing

@Suite("Rules, templates and composite rules")
struct RuleTests {
    @Test("A rule records where it was written")
    func location() {
        let line = #line + 1
        let rule = Rule(proto: "tcp", dport: 22, jump: .accept)
        #expect(rule.location == FwdModel.SourceLocation(file: #fileID, line: line))
        #expect(rule.location.description == "\(#fileID):\(line)")
        #expect(Rule(file: "x.swift", line: 9).location.description == "x.swift:9")
        #expect(FwdModel.SourceLocation(file: "fw.yaml", line: 3, column: 7).description == "fw.yaml:3:7")
    }

    @Test("Matches come in iptables-save order")
    func matchOrder() {
        let rule = Rule(
            proto: "tcp", source: "10.0.0.1", destination: "10.0.0.2", inInterface: "eth0", outInterface: "eth1",
            sport: 1000, dport: 22, ctstate: Negatable([.new]), limit: RateLimit(5, per: .second), mark: 1,
            comment: "c", jump: .accept)
        #expect(rule.matches == [
            .source("10.0.0.1"), .destination("10.0.0.2"), .inInterface("eth0"), .outInterface("eth1"),
            .proto(Negatable(.tcp)), .sourcePort(1000), .destinationPort(22), .connectionState(Negatable([.new])),
            .mark(1), .limit(RateLimit(5, per: .second)), .comment("c"),
        ])
        #expect(Rule().matches.isEmpty)
        #expect(Rule(proto: "icmp", icmpType: "echo-request").matches.last == .icmpType("echo-request"))
    }

    @Test("Calling a template adds and overrides fields, and is located at the call")
    func templates() {
        let web = Rule(proto: "tcp", dport: [80, 443], ctstate: Negatable([.new]), comment: "web", file: "t.swift", line: 1)
        let line = #line + 1
        let fromLAN = web(source: "192.168.0.0/16", comment: "web from LAN", jump: .accept)
        #expect(fromLAN.proto == Negatable(.tcp))
        #expect(fromLAN.destinationPort == [80, 443])
        #expect(fromLAN.connectionState == Negatable([.new]))
        #expect(fromLAN.source == "192.168.0.0/16")
        #expect(fromLAN.comment == "web from LAN")
        #expect(fromLAN.target == .accept)
        #expect(fromLAN.location == FwdModel.SourceLocation(file: #fileID, line: line))
        #expect(web.target == nil && web.source == nil, "the template itself is unchanged")

        let https = fromLAN(dport: 443, jump: .drop)
        #expect(https.destinationPort == 443 && https.target == .drop && https.source == "192.168.0.0/16")
        let unchanged = web()
        #expect(unchanged.sameBehaviour(as: web))
        #expect(unchanged.location != web.location)
    }

    @Test("Composite rules expand to the product of their address lists")
    func expansion() {
        let rule = Rule(source: ["10.0.0.1", "10.0.0.2"], destination: ["10.1.0.0/16", "10.2.0.0/16", "10.3.0.1"],
            jump: .accept)
        let expanded = rule.expandedAddresses()
        #expect(expanded.count == 6)
        #expect(expanded.map { "\($0.source!) > \($0.destination!)" } == [
            "10.0.0.1 > 10.1.0.0/16", "10.0.0.1 > 10.2.0.0/16", "10.0.0.1 > 10.3.0.1",
            "10.0.0.2 > 10.1.0.0/16", "10.0.0.2 > 10.2.0.0/16", "10.0.0.2 > 10.3.0.1",
        ])
        #expect(expanded.allSatisfy { $0.target == .accept && $0.location == rule.location })

        let single = Rule(source: "10.0.0.1", jump: .drop)
        #expect(single.expandedAddresses() == [single])
        #expect(Rule(jump: .drop).expandedAddresses().count == 1)
        let sourcesOnly = Rule(source: "10.0.0.1,10.0.0.2,10.0.0.3").expandedAddresses()
        #expect(sourcesOnly.map { $0.destination == nil } == [true, true, true])
        let negated = Rule(source: Negatable.not(["10.0.0.1", "10.0.0.2"]), destination: ["10.1.0.1", "10.1.0.2"])
        let expandedNegated = negated.expandedAddresses()
        #expect(expandedNegated.count == 2, "a negated list is kept whole")
        #expect(expandedNegated.allSatisfy { $0.source == negated.source })
    }

    @Test("Overlapping addresses of a composite rule merge, so a packet matches one of its rules")
    func expansionMergesOverlaps() {
        let rule = Rule(
            source: ["10.99.7.0/24", "10.99.0.0/25", "10.99.0.0/24", "10.99.7.0/24", "10.1.0.1-10.1.0.9", "10.1.0.5-10.1.0.20",
                "fd00::/64", "fd00::1"],
            jump: .log)
        #expect(rule.expandedAddresses().map { "\($0.source!)" } == [
            "10.99.7.0/24", "10.99.0.0/24", "10.1.0.1-10.1.0.20", "fd00::/64",
        ])
        let disjoint: AddressList = ["10.0.0.2", "10.0.0.1", "10.0.0.0/31"]
        #expect(disjoint.disjointAddresses == ["10.0.0.2", "10.0.0.0/31"])
        let untouched: AddressList = ["10.0.0.3", "10.0.0.1", "10.0.0.2"]
        #expect(untouched.disjointAddresses == untouched.addresses)
    }

    @Test("sameBehaviour ignores only the location")
    func sameBehaviour() {
        let a = Rule(proto: "tcp", dport: 22, jump: .accept, file: "a", line: 1)
        #expect(a.sameBehaviour(as: Rule(proto: "tcp", dport: 22, jump: .accept, file: "b", line: 2)))
        #expect(!a.sameBehaviour(as: Rule(proto: "tcp", dport: 23, jump: .accept)))
        #expect(!a.sameBehaviour(as: Rule(proto: "tcp", dport: 22, comment: "x", jump: .accept)))
    }
}

@Suite("Family inference")
struct RuleFamilyTests {
    @Test("Families from addresses, ICMP protocols, reject replies and NAT addresses", arguments: [
        (Rule(jump: .accept), IPFamilies.both),
        (Rule(proto: "tcp", dport: 22), .both),
        (Rule(source: "10.0.0.0/8"), .ipv4),
        (Rule(destination: "fd00::/8"), .ipv6),
        (Rule(source: "10.0.0.1-10.0.0.5"), .ipv4),
        (Rule(proto: "icmp"), .ipv4),
        (Rule(proto: "icmpv6"), .ipv6),
        (Rule(proto: "!icmp"), .both),
        (Rule(jump: .reject(with: .icmpHostProhibited)), .ipv4),
        (Rule(jump: .reject(with: .icmp6AdminProhibited)), .ipv6),
        (Rule(proto: "tcp", jump: .reject(with: .tcpReset)), .both),
        (Rule(jump: .dnat(to: "10.0.0.5")), .ipv4),
        (Rule(jump: .snat(to: "[fd00::5]:80")), .ipv6),
        (Rule(source: "10.0.0.1", destination: "fd00::1"), IPFamilies()),
        (Rule(proto: "icmpv6", source: "10.0.0.1"), IPFamilies()),
        (Rule(source: "not an address"), .both),
    ])
    func families(rule: Rule, expected: IPFamilies) {
        #expect(rule.families == expected)
        #expect(rule.applies(to: .ipv4) == expected.contains(.ipv4))
        #expect(rule.applies(to: .ipv6) == expected.contains(.ipv6))
    }

    @Test("Each constraint names its reason")
    func reasons() {
        let rule = Rule(proto: "icmp", source: "10.0.0.1", jump: .reject(with: .icmp6NoRoute))
        let reasons = rule.familyConstraints.map { "\($0.family): \($0.reason)" }
        #expect(reasons == ["IPv4: source 10.0.0.1", "IPv4: protocol icmp", "IPv6: reject-with icmp6-no-route"])
    }
}
