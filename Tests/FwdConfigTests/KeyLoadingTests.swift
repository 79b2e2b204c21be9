import FwdConfig
import FwdModel
import Testing

@Suite("Loading every rule key")
struct KeyLoadingTests {
    @Test func matchKeys() throws {
        let rule = try #require(singleRule(
            "{proto: tcp, source: 10.0.0.0/8, destination: [192.168.1.1, 192.168.2.0/24], in-interface: eth0,"
                + " out: \"eth1+\", sport: 1024-65535, dport: [80, 443, 8000-8100], ctstate: [NEW, ESTABLISHED],"
                + " mark: 0x10/0xff, comment: web, jump: ACCEPT}", chain: "FORWARD"))
        #expect(rule.proto == Negatable(.tcp))
        #expect(rule.source == Negatable(AddressList(["10.0.0.0/8"])))
        #expect(rule.destination?.value.addresses == ["192.168.1.1", "192.168.2.0/24"])
        #expect(rule.inInterface == Negatable(Interface("eth0")))
        #expect(rule.outInterface == Negatable(Interface("eth1+")))
        #expect(rule.sourcePort == Negatable(PortList([PortRange(1024, 65535)])))
        #expect(rule.destinationPort == Negatable(PortList([80, 443, PortRange(8000, 8100)])))
        #expect(rule.connectionState == Negatable([ConnectionStates.new, .established]))
        #expect(rule.mark == Negatable(MarkValue(0x10, mask: 0xff)))
        #expect(rule.comment == "web")
        #expect(rule.target == .accept)
    }

    @Test func negationInEveryForm() throws {
        let quoted = try #require(singleRule(#"{source: "!10.0.0.0/8", jump: DROP}"#))
        #expect(quoted.source == .not(AddressList(["10.0.0.0/8"])))
        let tagged = try #require(singleRule("{source: !10.0.0.0/8, jump: DROP}"))
        #expect(tagged.source == quoted.source)
        let spaced = try #require(singleRule("{source: ! 10.0.0.0/8, jump: DROP}"))
        #expect(spaced.source == quoted.source)
        let ports = try #require(singleRule(#"{proto: tcp, dport: "!22,80", jump: DROP}"#))
        #expect(ports.destinationPort == .not(PortList([22, 80])))
        let proto = try #require(singleRule(#"{proto: "!udp", ctstate: "!NEW", in: "!lo", jump: DROP}"#))
        #expect(proto.proto == .not(.udp))
        #expect(proto.connectionState == .not(ConnectionStates.new))
        #expect(proto.inInterface == .not(Interface("lo")))
        let comment = try #require(singleRule(#"{comment: "!important", jump: ACCEPT}"#))
        #expect(comment.comment == "!important")
    }

    @Test func icmpAndLimits() throws {
        let rule = try #require(singleRule("{proto: icmp, icmp-type: echo-request, limit: 5/second, limit-burst: 10, jump: ACCEPT}"))
        #expect(rule.icmpType == Negatable(ICMPType.echoRequest))
        #expect(rule.limit == RateLimit(5, per: .second, burst: 10))
        let minute = try #require(singleRule("{limit: 3/min, jump: ACCEPT}"))
        #expect(minute.limit == RateLimit(3, per: .minute))
    }

    @Test func targets() throws {
        let cases: [(String, Target, String, String)] = [
            ("{jump: DROP}", .drop, "filter", "INPUT"),
            ("{jump: RETURN}", .return, "filter", "INPUT"),
            ("{proto: tcp, jump: REJECT, reject-with: tcp-reset}", .reject(with: .tcpReset), "filter", "INPUT"),
            ("{jump: REJECT}", .reject, "filter", "INPUT"),
            (#"{jump: LOG, log-prefix: "in: ", log-level: warn}"#, .log(prefix: "in: ", level: .warning), "filter", "INPUT"),
            ("{jump: MASQUERADE}", .masquerade, "nat", "POSTROUTING"),
            ("{proto: tcp, jump: MASQUERADE, to-ports: 1024-2048}", .masquerade(ports: PortRange(1024, 2048)), "nat", "POSTROUTING"),
            ("{jump: SNAT, to-source: 192.0.2.1}", .snat(to: "192.0.2.1"), "nat", "POSTROUTING"),
            (#"{proto: tcp, jump: DNAT, to-destination: "[fd00::5]:8080"}"#, .dnat(to: "[fd00::5]:8080"), "nat", "PREROUTING"),
            ("{proto: tcp, jump: REDIRECT, to-ports: 3128}", .redirect(ports: PortRange(3128)), "nat", "PREROUTING"),
            ("{jump: MARK, set-mark: 0x1/0xff}", .mark(set: MarkValue(1, mask: 0xff)), "mangle", "PREROUTING"),
        ]
        for (text, target, table, chain) in cases {
            let rule = singleRule(text, table: table, chain: chain)
            #expect(rule?.target == target, "\(text)")
        }
    }

    @Test func userChainsJumpAndGoto() throws {
        let config = try #require(loadValid("""
            tables:
              filter:
                INPUT:
                  rules:
                    - {proto: tcp, jump: services}
                    - {goto: services}
                services:
                  rules: [{proto: tcp, dport: 22, jump: ACCEPT}]
            """))
        let input = try #require(config.ruleset[.filter]?["INPUT"])
        #expect(input.rules.map(\.target) == [.jump("services"), .goto("services")])
        #expect(config.ruleset[.filter]?["services"]?.policy == nil)
    }

    @Test func policiesAndEmptyChains() throws {
        let config = try #require(loadValid("""
            tables:
              filter:
                INPUT: {policy: drop}
                OUTPUT:
              nat:
            """))
        #expect(config.ruleset[.filter]?["INPUT"]?.policy == .drop)
        #expect(config.ruleset[.filter]?["OUTPUT"]?.rules == [])
        #expect(config.ruleset[.nat]?.chains == [])
    }

    @Test func jsonInput() throws {
        let config = try #require(loadValid("""
            {"define": {"web": [80, 443]},
             "tables": {"filter": {"INPUT": {"policy": "DROP",
               "rules": [{"proto": "tcp", "dport": "$web", "jump": "ACCEPT"}, {"source":"!10.0.0.1","jump":"DROP"}]}}}}
            """, fileName: "fwd.json"))
        let rules = try #require(config.ruleset[.filter]?["INPUT"]?.rules)
        #expect(rules.count == 2)
        #expect(rules[0].destinationPort == Negatable(PortList([80, 443])))
        #expect(rules[1].source == .not(AddressList(["10.0.0.1"])))
    }

    @Test func multiLineAndQuotedScalars() throws {
        let config = try #require(loadValid("""
            tables:
              filter:
                INPUT:
                  rules:
                    - comment: a comment written
                        over two lines
                      jump: ACCEPT
                    - {comment: 'it''s quoted', jump: ACCEPT}
                    - {comment: "tab\\there", jump: ACCEPT}
                    - comment: >-
                        folded
                        text
                      jump: ACCEPT
            """))
        let comments = config.ruleset[.filter]?["INPUT"]?.rules.map(\.comment)
        #expect(comments == ["a comment written over two lines", "it's quoted", "tab\there", "folded text"])
    }

    @Test func emptyFileIsAnEmptyRuleset() throws {
        #expect(loadValid("")?.ruleset == Ruleset())
        #expect(loadValid("# only a comment\n")?.ruleset == Ruleset())
    }

    @Test func digestAndFiles() throws {
        let first = try #require(loadValid("tables: {filter: {INPUT: {policy: DROP}}}\n"))
        let same = try #require(loadValid("tables: {filter: {INPUT: {policy: DROP}}}\n"))
        let other = try #require(loadValid("tables: {filter: {INPUT: {policy: ACCEPT}}}\n"))
        #expect(first.files == ["test.yaml"])
        #expect(first.digest.count == 64)
        #expect(first.digest == same.digest)
        #expect(first.digest != other.digest)
        // SHA-256 of "name NUL length NUL bytes", as Python's hashlib computes it for this file.
        #expect(first.digest == "230cae415ab216a2f8de70e9147385f38e8344e15b32288ad540abec8d171aea")
    }
}
