import FwdConfig
import FwdModel
import Testing

@Suite("Defines and templates")
struct DefinitionTests {
    @Test func definesUsedAnywhere() throws {
        let config = try #require(loadValid("""
            tables:
              filter:
                INPUT:
                  rules:
                    - {source: [$admins, 192.0.2.1], in: $lan, proto: tcp, dport: [$web, 8080], jump: ACCEPT}
                    - {source: "!$host", jump: DROP}
                    - {source: $negated, jump: DROP}
                    - {jump: $verdict, comment: $note}
            define:
              office: [10.1.0.0/16, 10.2.0.0/16]
              admins: [$office, 10.99.0.5]
              web: [80, 443]
              lan: eth1
              host: 10.1.2.3
              negated: "!10.9.0.0/16"
              verdict: ACCEPT
              note: from a define
            """))
        let rules = try #require(config.ruleset[.filter]?["INPUT"]?.rules)
        #expect(rules[0].source?.value.addresses == ["10.1.0.0/16", "10.2.0.0/16", "10.99.0.5", "192.0.2.1"])
        #expect(rules[0].inInterface == Negatable(Interface("eth1")))
        #expect(rules[0].destinationPort == Negatable(PortList([80, 443, 8080])))
        #expect(rules[1].source == .not(AddressList(["10.1.2.3"])))
        #expect(rules[2].source == .not(AddressList(["10.9.0.0/16"])))
        #expect(rules[3].target == .accept)
        #expect(rules[3].comment == "from a define")
    }

    @Test func templatesOverrideAndChain() throws {
        let config = try #require(loadValid("""
            templates:
              tcp-new: {proto: tcp, ctstate: NEW}
              ssh: {use: tcp-new, dport: 22, jump: ACCEPT}
              logged: {jump: LOG, log-level: info}
            tables:
              filter:
                INPUT:
                  rules:
                    - {use: ssh, source: 10.99.0.0/24}
                    - {use: ssh, dport: 2222}
                    - {use: [tcp-new, logged], log-prefix: "new: "}
            """))
        let rules = try #require(config.ruleset[.filter]?["INPUT"]?.rules)
        #expect(rules[0].proto == Negatable(.tcp))
        #expect(rules[0].connectionState == Negatable(ConnectionStates.new))
        #expect(rules[0].destinationPort == Negatable(PortList([22])))
        #expect(rules[0].source == Negatable(AddressList(["10.99.0.0/24"])))
        #expect(rules[0].target == .accept)
        #expect(rules[1].destinationPort == Negatable(PortList([2222])))
        #expect(rules[2].target == .log(prefix: "new: ", level: .info))
        #expect(rules[2].location.line == 11)
    }

    @Test func templateDefinedAfterUseAndInAnotherOrder() throws {
        let rule = try #require(loadValid("""
            tables:
              filter:
                INPUT:
                  rules: [{use: b, jump: ACCEPT}]
            templates:
              b: {use: a, dport: $port}
              a: {proto: udp}
            define:
              port: 53
            """)?.ruleset[.filter]?["INPUT"]?.rules.first)
        #expect(rule.proto == Negatable(.udp))
        #expect(rule.destinationPort == Negatable(PortList([53])))
    }

    @Test func cyclesAndUndefinedNamesAreErrors() {
        let found = problems("""
            define:
              a: [$b]
              b: [$a]
            templates:
              x: {use: y}
              y: {use: x}
            tables:
              filter:
                INPUT:
                  rules:
                    - {source: $a, jump: ACCEPT}
                    - {use: x, jump: ACCEPT}
                    - {source: $nope, use: missing, jump: ACCEPT}
            """)
        #expect(found.contains("test.yaml:3:7: define: cycle $a → $b → $a"))
        #expect(found.contains("test.yaml:6:12: use: template cycle x → y → x"))
        #expect(found.contains("test.yaml:13:20: source: '$nope' is not defined"))
        #expect(found.contains("test.yaml:13:32: use: template 'missing' is not defined"))
        #expect(found.count == 4, "\(found)")
    }
}
