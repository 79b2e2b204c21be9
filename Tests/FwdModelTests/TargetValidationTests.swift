@testable import FwdModel
import Testing

@Suite("Validation: targets and where they stand")
struct TargetValidationTests {
    @Test("MASQUERADE and SNAT only in nat POSTROUTING (SNAT also INPUT)")
    func sourceNAT() {
        #expect(messages(for: Rule(jump: .masquerade), in: .nat, chain: "POSTROUTING").isEmpty)
        #expect(messages(for: Rule(jump: .masquerade), in: .filter, chain: "OUTPUT")
            == ["MASQUERADE is only valid in the nat table"])
        #expect(messages(for: Rule(jump: .masquerade), in: .nat, chain: "PREROUTING")
            == ["MASQUERADE is only valid in POSTROUTING, but packets reach this chain from PREROUTING"])
        #expect(messages(for: Rule(jump: .snat(to: "10.0.0.1")), in: .nat, chain: "INPUT").isEmpty)
        #expect(messages(for: Rule(jump: .snat(to: "10.0.0.1")), in: .nat, chain: "OUTPUT")
            == ["SNAT is only valid in INPUT/POSTROUTING, but packets reach this chain from OUTPUT"])
        #expect(messages(for: Rule(jump: .snat(to: "10.0.0.1")), in: .mangle, chain: "POSTROUTING")
            == ["SNAT is only valid in the nat table"])
    }

    @Test("DNAT and REDIRECT only in nat PREROUTING/OUTPUT")
    func destinationNAT() {
        for chain in ["PREROUTING", "OUTPUT"] {
            #expect(messages(for: Rule(jump: .dnat(to: "10.0.0.5")), in: .nat, chain: chain).isEmpty)
            #expect(messages(for: Rule(proto: "tcp", jump: .redirect(ports: PortRange(8080))), in: .nat, chain: chain).isEmpty)
        }
        #expect(messages(for: Rule(jump: .dnat(to: "10.0.0.5")), in: .nat, chain: "POSTROUTING")
            == ["DNAT is only valid in OUTPUT/PREROUTING, but packets reach this chain from POSTROUTING"])
        #expect(messages(for: Rule(jump: .redirect), in: .nat, chain: "INPUT")
            == ["REDIRECT is only valid in OUTPUT/PREROUTING, but packets reach this chain from INPUT"])
        #expect(messages(for: Rule(jump: .dnat(to: "10.0.0.5")), in: .filter, chain: "INPUT")
            == ["DNAT is only valid in the nat table"])
    }

    @Test("DNAT in a user chain is checked against every hook that reaches it")
    func destinationNATThroughUserChain() throws {
        let dnat = rule(line: 60) { $0.target = .dnat(to: "10.0.0.5") }
        #expect(messages(for: dnat, in: .nat, chain: "forwards", reachedFrom: ["PREROUTING", "OUTPUT"]).isEmpty)
        #expect(messages(for: dnat, in: .nat, chain: "forwards", reachedFrom: ["PREROUTING", "POSTROUTING", "INPUT"])
            == ["DNAT is only valid in OUTPUT/PREROUTING, but packets reach this chain from INPUT/POSTROUTING"])
        #expect(messages(for: dnat, in: .nat, chain: "orphan").isEmpty, "a chain nothing reaches has no hook")

        // Two jumps deep, and reported at the DNAT rule itself.
        let table = Table(.nat, chains: [
            Chain("POSTROUTING", rules: [Rule(jump: .jump("outer"))]),
            Chain("outer", rules: [Rule(jump: .jump("inner"))]),
            Chain("inner", rules: [Rule(jump: .accept), dnat]),
        ])
        let problem = try #require(diagnostics(table).first)
        #expect(diagnostics(table).count == 1)
        #expect(problem.location == at(60) && problem.chain == "inner" && problem.ruleNumber == 2)
    }

    @Test("DROP is not allowed in nat; REJECT only in filter")
    func dropAndReject() {
        #expect(messages(for: Rule(jump: .drop), in: .nat, chain: "PREROUTING")
            == ["DROP is not allowed in the nat table; filter instead"])
        #expect(messages(for: Rule(jump: .drop), in: .mangle, chain: "PREROUTING").isEmpty)
        #expect(messages(for: Rule(jump: .drop), in: .raw, chain: "PREROUTING").isEmpty)
        for chain in ["INPUT", "FORWARD", "OUTPUT"] {
            #expect(messages(for: Rule(jump: .reject), in: .filter, chain: chain).isEmpty)
        }
        for table in [TableKind.mangle, .raw, .nat, .security] {
            #expect(messages(for: Rule(jump: .reject), in: table, chain: "OUTPUT")
                == ["REJECT is only valid in the filter table"])
        }
    }

    @Test("tcp-reset needs TCP")
    func tcpReset() {
        #expect(inputMessages(Rule(proto: "tcp", jump: .reject(with: .tcpReset))).isEmpty)
        #expect(inputMessages(Rule(jump: .reject(with: .tcpReset))) == ["reject-with tcp-reset needs proto tcp"])
        #expect(inputMessages(Rule(proto: "udp", jump: .reject(with: .tcpReset))) == ["reject-with tcp-reset needs proto tcp"])
        #expect(inputMessages(Rule(proto: "!tcp", jump: .reject(with: .tcpReset))) == ["reject-with tcp-reset needs proto tcp"])
    }

    @Test("LOG prefix length and characters")
    func logPrefix() {
        let fits = String(repeating: "p", count: 29)
        #expect(inputMessages(Rule(jump: .log(prefix: fits, level: .info))).isEmpty)
        #expect(inputMessages(Rule(jump: .log(prefix: fits + "p", level: nil)))
            == ["log-prefix is 30 bytes; at most 29 fit"])
        #expect(inputMessages(Rule(jump: .log(prefix: "ü" + String(repeating: "p", count: 28), level: nil)))
            == ["log-prefix is 30 bytes; at most 29 fit"])
        #expect(inputMessages(Rule(jump: .log(prefix: "a\nb", level: nil))) == ["log-prefix cannot hold a line break or NUL"])
        #expect(inputMessages(Rule(jump: .log(prefix: "a\0b", level: nil))) == ["log-prefix cannot hold a line break or NUL"])
    }

    @Test("NAT ports and addresses")
    func natArguments() {
        let nat: (Rule) -> [String] = { messages(for: $0, in: .nat, chain: "PREROUTING") }
        let post: (Rule) -> [String] = { messages(for: $0, in: .nat, chain: "POSTROUTING") }
        #expect(nat(Rule(proto: "tcp", dport: 80, jump: .dnat(to: "10.0.0.5:8080"))).isEmpty)
        #expect(nat(Rule(proto: "udp", jump: .dnat(to: "[fd00::5]:53"))).isEmpty)
        #expect(nat(Rule(jump: .dnat(to: "10.0.0.5-10.0.0.9"))).isEmpty)
        #expect(nat(Rule(jump: .dnat(to: "10.0.0.5:8080")))
            == ["to-destination with a port needs proto tcp, udp, sctp, udplite or dccp"])
        #expect(nat(Rule(proto: "tcp", jump: .dnat(to: "10.0.0.5:70000")))
            == ["to-destination: port 70000 is out of range 1...65535"])
        #expect(nat(Rule(proto: "tcp", jump: .dnat(to: "10.0.0.5:0"))) == ["to-destination: port 0 is out of range 1...65535"])
        #expect(nat(Rule(proto: "tcp", jump: .dnat(to: "10.0.0.5:90-80")))
            == ["to-destination: port range 90-80 ends before it starts"])
        #expect(nat(Rule(jump: .dnat(to: "10.0.0.0/24")))
            == ["to-destination takes an address or a range a-b, not the network 10.0.0.0/24"])
        #expect(nat(Rule(jump: .dnat(to: "server"))) == ["to-destination: 'server' is not an IPv4 or IPv6 address"])
        #expect(nat(Rule(jump: .dnat(to: "10.0.0.5:http"))) == ["to-destination: 'http' is not a port or port range"])
        #expect(post(Rule(jump: .snat(to: "10.0.0.999"))) == ["to-source: '10.0.0.999' is not an IPv4 or IPv6 address"])
        #expect(post(Rule(proto: "tcp", jump: .masquerade(ports: PortRange(1024, 65535)))).isEmpty)
        #expect(post(Rule(jump: .masquerade(ports: PortRange(1024, 2048))))
            == ["to-ports needs proto tcp, udp, sctp, udplite or dccp"])
        #expect(post(Rule(proto: "udp", jump: .masquerade(ports: PortRange(0, 10)))) == ["to-ports: port 0-10 is out of range 1...65535"])
        #expect(nat(Rule(proto: "tcp", jump: .redirect(ports: PortRange(90, 80))))
            == ["to-ports: port range 90-80 ends before it starts"])
        #expect(nat(Rule(jump: .redirect(ports: PortRange(8080)))) == ["to-ports needs proto tcp, udp, sctp, udplite or dccp"])
    }

    @Test("Targets without placement rules are valid anywhere")
    func freeTargets() {
        for table in TableKind.allCases {
            let chain = table.builtinChains[0]
            for target in [Target.accept, .return, .log, .mark(set: MarkValue(1, mask: 0xff))] {
                #expect(messages(for: Rule(jump: target), in: table, chain: chain).isEmpty, "\(target) in \(table)")
            }
        }
    }
}
