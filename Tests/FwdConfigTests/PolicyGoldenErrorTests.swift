import FwdConfig
import Testing

/// Errors of the keys for named sets, marks, zones, services and policies, each at its
/// `file:line:column` with a suggestion where one helps, against golden files in Golden/.
@Suite("Golden error messages: sets, marks, zones, services, policies")
struct PolicyGoldenErrorTests {
    static let cases: [(name: String, input: String)] = [
        ("sets-broken", """
            sets:
              blocklist: [192.0.2.1, "fd00::1", 10.0.0.300]
              ports: {type: port, elements: [80, 70000, http], intervals: true}
              empty: []
              kind: {type: ipv5}
              fwd_mine: [10.0.0.1]
              blocklist: [10.0.0.2]
              live: {type: ipv4, interval: maybe}
            tables:
              filter:
                INPUT:
                  rules:
                    - {source: "@blocklst", jump: DROP}
                    - {proto: tcp, dport: "@blocklist", jump: DROP}
                    - {source: ["@blocklist", 10.0.0.1], jump: DROP}
                    - {dport: "@ports", jump: ACCEPT}
            """),
        ("set-unquoted", """
            sets: {bad: [10.0.0.1]}
            tables:
              filter:
                INPUT:
                  rules:
                    - {source: @bad, jump: DROP}
            """),
        ("marks-broken", """
            marks:
              vpn: 0x1/0xff
              bulk: lots
              vpn: 0x2
            tables:
              mangle:
                PREROUTING:
                  rules:
                    - {mark: vnp, jump: ACCEPT}
                    - {jump: MARK, set-mark: bluk}
            """),
        ("zones-broken", """
            zones:
              lan: {interfaces: eth1, addresses: [192.168.1.0/24, 10.0.0.300]}
              wan: {interface: eth0}
              host: {interfaces: lo}
              dmz: {interfaces: "eth 2", addresses: "@nosuch"}
              ports: {interfaces: eth3, addresses: "@web"}
            sets:
              web: {type: port, elements: [80]}
            """),
        ("services-broken", """
            services:
              app: {proto: tcp, dport: 8080, jump: ACCEPT}
              bad: {dport: 22}
              neg: {proto: "!tcp"}
              empty: []
              icmpish: {proto: udp, icmp-type: echo-request}
            policies:
              - {from: any, to: host, services: [app], verdict: accept}
            """),
        ("policies-broken", """
            zones:
              lan: {interfaces: eth1, addresses: [192.168.1.0/24]}
              wan: {interfaces: eth0}
            policies:
              - {from: lna, to: wan, verdict: accept}
              - {from: lan, to: wan, services: [htps], verdict: accept}
              - {from: lan, to: host, verdict: alow}
              - {from: lan, to: host, verdict: accept, reject-with: tcp-reset}
              - {from: host, to: self, verdict: accept}
              - {from: lan, to: host, source: 10.0.0.1, verdict: drop}
              - {to: wan, verdict: drop}
              - {from: wan, to: lan, verdict: drop, log: {prefix: "this prefix is far too long for LOG", levle: info}}
              - {from: lan, to: host, services: [ntp], verdict: reject, reject-with: tcp-reset}
              - {from: lan, to: wan, verdict: accept, direction: out}
            """),
    ]

    @Test(arguments: cases.map(\.name))
    func golden(name: String) throws {
        let input = try #require(Self.cases.first { $0.name == name }?.input)
        let found = problems(input, fileName: "\(name).yaml")
        #expect(!found.isEmpty)
        assertGolden(input + "\n--- errors ---\n" + found.joined(separator: "\n") + "\n", named: name)
    }
}
