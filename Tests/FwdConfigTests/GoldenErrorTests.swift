import FwdConfig
import Testing

/// Each kind of error, with its exact message and location, against golden files in Golden/
/// (re-record with RECORD_SNAPSHOTS=1). Each golden file holds the input, then the errors.
@Suite("Golden error messages")
struct GoldenErrorTests {
    static let cases: [(name: String, input: String)] = [
        ("syntax-error", """
            tables:
              filter:
                INPUT:
                  rules:
                    - {proto: tcp, dport: 22
                    - {jump: DROP}
            """),
        ("unknown-keys", """
            tabels: {}
            tables:
              fliter: {}
              filter:
                INPUT:
                  polcy: DROP
                  proto: tcp
                  rules:
                    - {protocol: tcp, dprot: 22, jump: ACCEPT, destination-port: 80}
            """),
        ("duplicate-keys", """
            tables:
              filter:
                INPUT:
                  rules:
                    - {proto: tcp, dport: 22, dport: 23, jump: ACCEPT}
                    - {in: eth0, in-interface: eth1, jump: ACCEPT}
                INPUT: {policy: DROP}
            """),
        ("wrong-types", """
            define: [a, b]
            tables:
              filter:
                INPUT: [a]
                OUTPUT:
                  policy: [DROP]
                  rules: {proto: tcp}
                FORWARD:
                  rules:
                    - just text
                    - {dport: {a: 1}, source: [[10.0.0.1]], jump: ACCEPT}
                    -
            """),
        ("bad-values", """
            tables:
              filter:
                INPUT:
                  rules:
                    - {source: 10.0.0.300, destination: "10.0.0.0/33", jump: ACCEPT}
                    - {proto: tpc, dport: 70000, jump: ACCEPT}
                    - {proto: tcp, dport: [80, "90-80", http], sport: "1,,2", jump: ACCEPT}
                    - {proto: 300, ctstate: [NEW, ESTABLISHD], jump: ACCEPT}
                    - {proto: icmp, icmp-type: echo-requst, jump: ACCEPT}
                    - {in: "a-very-long-interface-name", out: "eth 0", jump: ACCEPT}
                    - {mark: 0xfffffffff, limit: 5/fortnight, limit-burst: 0, jump: ACCEPT}
                    - {jump: LOG, log-level: loud, log-prefix: "this prefix is far too long for the kernel"}
                    - {proto: tcp, jump: REJECT, reject-with: tcp-rst}
                    - {comment: "", jump: ACCEPT}
                    - {source: , jump: ACCEPT}
            """),
        ("undefined-names", """
            define:
              admins: 10.0.0.0/8
            templates:
              ssh: {proto: tcp, dport: 22}
            tables:
              filter:
                INPUT:
                  rules:
                    - {source: $admin, jump: ACCEPT}
                    - {use: shh, jump: ACCEPT}
                    - {jump: sevices}
                services:
                  rules: [{use: ssh, jump: ACCEPT}]
            """),
        ("negation-misuse", """
            define:
              nets: [10.0.0.0/8, "!10.1.0.0/16"]
              neg: "!10.2.0.0/16"
            tables:
              filter:
                INPUT:
                  rules:
                    - {source: ["!10.0.0.1", 10.0.0.2], jump: ACCEPT}
                    - {source: $nets, jump: ACCEPT}
                    - {source: "!$neg", jump: ACCEPT}
                    - {jump: "!ACCEPT"}
                    - {comment: !text, jump: ACCEPT}
                    - {source: "!!10.0.0.1", jump: ACCEPT}
                    - {source: !foo bar, jump: ACCEPT}
            """),
        ("target-options", """
            tables:
              nat:
                POSTROUTING:
                  rules:
                    - {jump: SNAT}
                    - {jump: MASQUERADE, reject-with: tcp-reset}
                    - {limit-burst: 5, jump: ACCEPT}
                    - {jump: ACCEPT, goto: other}
                    - {goto: ACCEPT}
                    - {log-prefix: "x"}
                    - {jump: DNAT, to-destination: "10.0.0.1-10.0.0.0"}
            """),
        ("anchors-aliases-tags", """
            define:
              web: &web [80, 443]
              other: *web
            tables: !!map
              filter:
                INPUT:
                  rules:
                    - {proto: !!str tcp, dport: !custom 22, jump: ACCEPT}
                    - !ruletag {jump: ACCEPT}
            """),
        ("several-documents", """
            tables: {}
            ---
            tables: {}
            """),
        ("not-a-mapping", """
            - tables
            """),
        ("policies", """
            tables:
              filter:
                INPUT: {policy: REJECT}
                mychain: {policy: DROP}
                OUTPUT: {policy: }
            """),
        ("validation", """
            tables:
              filter:
                INPUT:
                  rules:
                    - {jump: REJECT, reject-with: tcp-reset}
                    - {source: 10.0.0.1, destination: "fd00::1", jump: ACCEPT}
                    - {dport: 22, jump: ACCEPT}
                    - {proto: tcp, jump: DNAT, to-destination: 10.0.0.1}
                    - {jump: a}
                    - {out: eth0, jump: ACCEPT}
                a:
                  rules: [{jump: b}]
                b:
                  rules: [{jump: a}]
                DROP:
            """),
        ("defines-and-templates-broken", """
            define:
              1bad: 10.0.0.1
              loop: [$loop]
              uses-missing: [$nothing]
              negates: ["!$loop"]
            templates:
              t: {prot: tcp}
              u: {use: nothing}
              v: {dport: 99999}
              w: []
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
