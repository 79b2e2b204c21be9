import FwdModel
import Testing

/// The examples of README.md and docs/guide.md, so that the documentation keeps compiling and
/// saying true things. Keep them in step when either changes.
@Suite("Guide examples")
struct GuideExamplesTests {
    @Test("The README example")
    func readme() {
        var ruleset = Ruleset.defaultTables()
        ruleset[.filter]?["INPUT"]?.policy = .drop
        ruleset[.filter]?["INPUT"]?.append(Rule(ctstate: Negatable([.established, .related]), jump: .accept))
        ruleset[.filter]?["INPUT"]?.append(Rule(proto: "tcp", dport: 22, comment: "Allow SSH", jump: .accept))
        let web = Rule(proto: "tcp", dport: [80, 443])
        ruleset[.filter]?["INPUT"]?.append(web(source: "!10.0.0.0/8", jump: .accept))
        #expect(ruleset.validate().isEmpty)
        ruleset[.filter]?["INPUT"]?.insert(Rule(dport: 22, jump: .accept), at: 1)
        #expect(ruleset.validate().map { "\($0.table!)/\($0.chain!) rule \($0.ruleNumber!): \($0.message)" }
            == ["filter/INPUT rule 2: dport needs proto tcp, udp, sctp, udplite or dccp"])
    }

    @Test("Building tables, chains and rules")
    func building() {
        var ruleset = Ruleset.defaultTables()
        ruleset[.filter]?["INPUT"]?.policy = .drop
        ruleset[.filter]?["INPUT"]?.append(
            Rule(ctstate: Negatable([.established, .related]), comment: "replies", jump: .accept))
        ruleset[.filter]?["INPUT"]?.append(Rule(inInterface: "lo", jump: .accept))
        ruleset[.filter]?["INPUT"]?.append(Rule(proto: "tcp", dport: 22, comment: "Allow SSH", jump: .accept))

        var services = Chain("services")
        services.append(Rule(proto: "tcp", dport: [80, 443], jump: .accept))
        services.append(Rule(proto: "udp", source: "192.168.0.0/16", dport: 53, jump: .accept))
        ruleset[.filter]?.add(services)
        ruleset[.filter]?["INPUT"]?.append(Rule(jump: .jump("services")))
        ruleset[.filter]?["INPUT"]?.insert(Rule(proto: "icmp", icmpType: "echo-request", jump: .accept), at: 0)

        #expect(ruleset.validate().isEmpty)
        #expect(ruleset[.filter]?["INPUT"]?.rules.count == 5)
        #expect(ruleset.ruleCount == 7)
    }

    @Test("Templates")
    func templates() {
        let ssh = Rule(proto: "tcp", dport: 22, ctstate: Negatable([.new]))
        let fromAdmins = ssh(source: "10.0.0.0/8", comment: "SSH from admins", jump: .accept)
        let fromBastion = ssh(source: "192.0.2.10", jump: .accept)
        let everyoneElse = ssh(jump: .reject(with: .tcpReset))
        #expect(fromAdmins.destinationPort == 22 && fromAdmins.source == "10.0.0.0/8")
        #expect(fromBastion.connectionState == Negatable([.new]))
        #expect(everyoneElse.target == .reject(with: .tcpReset))
    }

    @Test("Composite rules and families")
    func composite() {
        let rule = Rule(source: ["10.0.0.1", "10.0.0.2"], destination: ["192.0.2.1", "192.0.2.2", "192.0.2.3"], jump: .drop)
        #expect(rule.expandedAddresses().count == 6)
        #expect(Rule(proto: "tcp", dport: 80, jump: .accept).families == .both)
        #expect(Rule(source: "fd00::/8", jump: .accept).families == .ipv6)
        #expect(Rule(proto: "icmp", jump: .accept).families == .ipv4)
        #expect(Rule(source: "!10.0.0.0/8", jump: .drop).source?.isNegated == true)
    }

    @Test("Validation reports every problem with its location")
    func validation() throws {
        var filter = Table(.filter)
        filter.add(Chain("INPUT", policy: .drop, rules: [
            Rule(dport: 22, jump: .accept),  // no protocol
            Rule(jump: .jump("servics")),  // typo
        ]))
        filter.add(Chain("services"))
        let problems = Ruleset([filter]).validate()
        #expect(problems.map(\.message) == [
            "dport needs proto tcp, udp, sctp, udplite or dccp",
            "jump to chain 'servics', which table filter does not have (did you mean 'services'?)",
        ])
        #expect(problems[0].description.hasPrefix("FwdModelTests/GuideExamplesTests.swift:"))
        #expect(problems[0].description.contains(": chain filter/INPUT, rule 1: dport needs proto"))
        #expect(throws: ValidationError.self) { try Ruleset([filter]).validated() }
    }

    @Test("NAT")
    func nat() {
        var nat = Table(.nat)
        nat.append(Rule(outInterface: "eth0", jump: .masquerade), to: "POSTROUTING")
        nat.append(Rule(proto: "tcp", inInterface: "eth0", dport: 8080, jump: .dnat(to: "10.0.0.5:80")), to: "PREROUTING")
        #expect(Ruleset([nat]).validate().isEmpty)
        var wrong = Table(.nat)
        wrong.append(Rule(jump: .masquerade), to: "PREROUTING")
        #expect(Ruleset([wrong]).validate().map(\.message)
            == ["MASQUERADE is only valid in POSTROUTING, but packets reach this chain from PREROUTING"])
    }
}
