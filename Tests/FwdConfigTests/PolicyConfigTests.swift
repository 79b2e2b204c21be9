import FwdConfig
import FwdModel
import Testing

/// Loading named sets, marks, zones, services and policies into the model.
@Suite struct PolicyConfigTests {
    static let router = """
        sets:
          blocklist: [192.0.2.0/24, 198.51.100.7, 203.0.113.1-203.0.113.9]
          blocklist6: {type: ipv6, elements: ["2001:db8::/32"]}
          webports: {type: port, elements: [80, 443, 8000-8100]}
          live: {type: ipv4, interval: true}
        marks:
          vpn: 0x1/0xff
        zones:
          lan: {interfaces: eth1, addresses: [192.168.1.0/24, "fd00:1::/64"]}
          wan: {interfaces: [eth0, "ppp+"]}
        services:
          ipp: {proto: tcp, dport: 631, ctstate: NEW}
          dns: [{proto: udp, dport: 53}]
        policies:
          - {from: lan, to: wan, services: [web, dns], verdict: accept}
          - {name: ssh-in, from: any, to: host, services: ssh, verdict: accept, log: {prefix: "ssh: ", level: info}}
          - {from: wan, to: lan, verdict: drop, log: true}
          - {from: lan, to: host, services: ipp, source: 192.168.1.20, verdict: reject, reject-with: tcp-reset}
        tables:
          filter:
            INPUT:
              policy: DROP
              rules:
                - {ctstate: [ESTABLISHED, RELATED], jump: ACCEPT}
                - {source: "@blocklist", jump: DROP}
                - {source: "!@live", proto: tcp, dport: "@webports", jump: ACCEPT}
          mangle:
            PREROUTING:
              rules:
                - {in: wg0, jump: MARK, set-mark: vpn}
                - {mark: "!vpn", jump: ACCEPT}
        """

    @Test("sets, set references and marks load into the model")
    func setsAndMarks() throws {
        let config = try #require(loadValid(Self.router, fileName: "router.yaml"))
        let ruleset = config.ruleset
        #expect(ruleset.sets.map(\.name) == ["blocklist", "blocklist6", "webports", "live"])
        #expect(ruleset.set(named: "blocklist")?.type == .ipv4)
        #expect(ruleset.set(named: "blocklist")?.isInterval == true)
        #expect(ruleset.set(named: "live")?.allowsIntervals == true)
        #expect(ruleset.set(named: "webports")?.elements == [80, 443, .port(PortRange(8000, 8100))])
        let input = try #require(ruleset[.filter]?["INPUT"]?.rules)
        #expect(input[1].setMatches == [SetMatch(.source, set: "blocklist", type: .ipv4)])
        #expect(input[1].families == .ipv4)
        #expect(input[2].setMatches == [
            SetMatch(.source, set: "live", type: .ipv4, negated: true),
            SetMatch(.destinationPort, set: "webports", type: .port),
        ])
        let mangle = try #require(ruleset[.mangle]?["PREROUTING"]?.rules)
        #expect(mangle[0].target == .mark(set: MarkValue(1, mask: 0xff)))
        #expect(mangle[1].mark == .not(MarkValue(1, mask: 0xff)))
    }

    @Test("policies come after the rules written under tables:, located at the policy")
    func policiesAppendToFilter() throws {
        let config = try #require(loadValid(Self.router, fileName: "router.yaml"))
        let input = try #require(config.ruleset[.filter]?["INPUT"]?.rules)
        #expect(input.prefix(3).allSatisfy { $0.comment == nil })
        let ssh = input.filter { $0.comment == "policy ssh-in: service ssh" }
        #expect(ssh.map(\.target) == [.log(prefix: "ssh: ", level: .info), .accept])
        #expect(ssh.allSatisfy { $0.location == SourceLocation(file: "router.yaml", line: 16, column: 5) })
        let printer = try #require(input.last)
        #expect(printer.comment == "policy lan-to-host: service ipp")
        #expect(printer.source == Negatable(AddressList(["192.168.1.20"])))
        #expect(printer.connectionState == Negatable(.new))
        #expect(printer.target == .reject(with: .tcpReset))
        let forward = try #require(config.ruleset[.filter]?["FORWARD"]?.rules)
        // lan-to-wan: web (1 channel) + dns (overridden: udp only), 2 wan interfaces, 2 lan families.
        #expect(forward.filter { $0.comment?.hasPrefix("policy lan-to-wan") == true }.count == 8)
        #expect(!forward.contains { $0.comment == "policy lan-to-wan: service dns" && $0.proto == .tcp })
    }

    @Test("the canonical form prints the sets and set matches, and loads back to the same ruleset")
    func canonicalRoundTrip() throws {
        let config = try #require(loadValid(Self.router, fileName: "router.yaml"))
        let text = config.ruleset.canonicalYAML()
        #expect(text.hasPrefix("sets:\n  blocklist: {type: ipv4, elements: [192.0.2.0/24, 198.51.100.7, 203.0.113.1-203.0.113.9]}\n"))
        #expect(text.contains("live: {type: ipv4, interval: true, elements: []}"))
        #expect(text.contains("source: \"!@live\""))
        let again = try #require(loadValid(text, fileName: "canonical.yaml"))
        func withoutLocations(_ ruleset: Ruleset) -> String { ruleset.canonicalYAML() }
        #expect(withoutLocations(again.ruleset) == text)
        #expect(again.ruleset.sets.map(\.elements) == config.ruleset.sets.map(\.elements))
    }

    @Test("a set and a mark may be declared in a file read after the rule using them")
    func laterDeclarations() throws {
        let directory = try temporaryDirectory()
        defer { directory.remove() }
        try write("""
            tables:
              filter:
                INPUT:
                  rules: [{source: "@late", mark: late, jump: DROP}]
            include: later.yaml
            """, to: "fwd.yaml", in: directory.path)
        try write("sets: {late: [10.0.0.0/8]}\nmarks: {late: 7}\n", to: "later.yaml", in: directory.path)
        let config = try ConfigLoader().load(path: directory.path + "/fwd.yaml")
        let rule = try #require(config.ruleset[.filter]?["INPUT"]?.rules.first)
        #expect(rule.setMatches.map(\.set) == ["late"])
        #expect(rule.mark == Negatable(MarkValue(7)))
    }
}
