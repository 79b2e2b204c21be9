import Foundation
import FwdConfig
import FwdModel
import Testing

@Suite("Examples and the canonical form")
struct ExampleTests {
    @Test(arguments: ["host.yaml", "router.yaml", "server.yaml"])
    func exampleLoadsAndValidates(name: String) throws {
        let config = try ConfigLoader().load(path: repositoryRoot + "/examples/" + name)
        #expect(config.ruleset.validate().isEmpty)
        #expect(config.ruleset.ruleCount > 5)
        let again = try ConfigLoader().load(text: config.ruleset.canonicalYAML(), fileName: "canonical.yaml")
        #expect(again.ruleset.canonicalYAML() == config.ruleset.canonicalYAML())
    }

    @Test func hostExampleIsTheStatefulHostFirewall() throws {
        let config = try ConfigLoader().load(path: repositoryRoot + "/examples/host.yaml")
        let input = try #require(config.ruleset[.filter]?["INPUT"])
        #expect(input.policy == .drop)
        let rules = input.rules
        #expect(rules.contains { $0.connectionState?.value == [.established, .related] && $0.target == .accept })
        #expect(rules.contains { $0.inInterface?.value.name == "lo" && $0.target == .accept })
        #expect(rules.contains {
            $0.destinationPort == Negatable(PortList([22])) && $0.source == Negatable(AddressList(["10.99.0.0/24"]))
        })
        #expect(rules.contains { $0.destinationPort == Negatable(PortList([80, 443])) && $0.source == nil })
        #expect(rules.contains { $0.proto == Negatable(.icmp) && $0.icmpType?.value == .echoRequest })
        #expect(rules.contains { $0.proto == Negatable(.icmpv6) && $0.icmpType?.value == .echoRequest })
        #expect(rules.contains { $0.destinationPort == Negatable(PortList([23])) && $0.target == .reject(with: .tcpReset) })
    }

    @Test func routerMasqueradesAndForwards() throws {
        let config = try ConfigLoader().load(path: repositoryRoot + "/examples/router.yaml")
        #expect(config.ruleset[.nat]?["POSTROUTING"]?.rules.first?.target == .masquerade)
        #expect(config.ruleset[.nat]?["PREROUTING"]?.rules.first?.target == .dnat(to: "192.168.10.20:80"))
    }

    @Test func canonicalFormOfEveryKey() throws {
        let text = """
            tables:
              filter:
                INPUT:
                  policy: DROP
                  rules:
                    - {proto: tcp, source: "!10.0.0.0/8", destination: [192.168.1.1, 192.168.2.0/24], in-interface: eth0, sport: 1024-65535, dport: [80, 443], ctstate: [RELATED, ESTABLISHED], limit: 5/second, limit-burst: 10, mark: 0x10/0xff, comment: "web: \\"quoted\\"", jump: LOG, log-prefix: "in: ", log-level: info}
                    - {proto: icmp, icmp-type: echo-request, jump: REJECT, reject-with: icmp-host-prohibited}
                    - {goto: odd:chain}
                odd:chain: {}
              nat:
                POSTROUTING:
                  rules:
                    - {out-interface: eth0, jump: SNAT, to-source: 192.0.2.1}
                    - {proto: tcp, jump: MASQUERADE, to-ports: 1024-2048}

            """
        let config = try ConfigLoader().load(text: text, fileName: "canonical.yaml")
        let expected = text.replacingOccurrences(of: "\n\n", with: "\n")
        let nat = expected.components(separatedBy: "  nat:")
        // The printer puts nat before filter (the kernel's table order).
        let reordered = "tables:\n  nat:" + nat[1] + nat[0].dropFirst("tables:\n".count)
        #expect(config.ruleset.canonicalYAML() == reordered)
        let reloaded = try ConfigLoader().load(text: config.ruleset.canonicalYAML(), fileName: "again.yaml")
        #expect(reloaded.ruleset.canonicalYAML() == reordered)
    }
}
