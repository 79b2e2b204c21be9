import FwdConfig
import FwdModel
import Testing

@Suite("Exact locations")
struct LocationTests {
    static let text = """
        tables:
          filter:
            INPUT:
              rules:
                - proto: tcp
                  dport: 22
                  jump: ACCEPT
                -   {proto: udp, dport: 53, jump: ACCEPT}
            mychain:
              rules: [{jump: RETURN}]
          nat: {POSTROUTING: {rules: [{jump: MASQUERADE}]}}
        """

    @Test func tablesChainsAndRulesKeepLineAndColumn() throws {
        let config = try ConfigLoader().load(text: Self.text, fileName: "where.yaml")
        let filter = try #require(config.ruleset[.filter])
        #expect(filter.location == SourceLocation(file: "where.yaml", line: 2, column: 3))
        let input = try #require(filter["INPUT"])
        #expect(input.location == SourceLocation(file: "where.yaml", line: 3, column: 5))
        #expect(input.rules.map(\.location) == [
            SourceLocation(file: "where.yaml", line: 5, column: 11),
            SourceLocation(file: "where.yaml", line: 8, column: 13),
        ])
        #expect(filter["mychain"]?.rules.first?.location == SourceLocation(file: "where.yaml", line: 10, column: 15))
        #expect(config.ruleset[.nat]?["POSTROUTING"]?.rules.first?.location
            == SourceLocation(file: "where.yaml", line: 11, column: 31))
        #expect(config.ruleset[.nat]?["POSTROUTING"]?.location == SourceLocation(file: "where.yaml", line: 11, column: 9))
    }

    @Test func valueErrorsPointAtTheValue() {
        let found = problems("""
            define:
              ports: [22, 99999]
            tables:
              filter:
                INPUT:
                  rules:
                    - dport:
                        - 80
                        - "eighty"
                      proto: tcp
                      jump: ACCEPT
                    - {proto: tcp, dport: $ports, source: [10.0.0.1,   10.0.0.256], jump: ACCEPT}
                    - comment: ok
                      in: "bad/name"
                      jump: ACCEPT
            """, fileName: "v.yaml")
        #expect(found == [
            "v.yaml:9:15: dport: 'eighty' is not a port or port range (22, 8000-8100)",
            "v.yaml:12:31: dport: '99999' (from $ports, defined at v.yaml:2:15) is out of range: ports are 0...65535",
            "v.yaml:12:60: source: '10.0.0.256' is not an IPv4 or IPv6 address",
            "v.yaml:14:15: in-interface: 'bad/name' holds a character interface names cannot have (blank, '/' or line break)",
        ])
    }

    @Test func validationDiagnosticsCarryTheRuleColumn() {
        let found = problems("""
            tables:
              filter:
                INPUT:
                  rules:
                    -   {dport: 22, jump: ACCEPT}
            """, fileName: "r.yaml")
        #expect(found == ["r.yaml:5:13: chain filter/INPUT, rule 1: dport needs proto tcp, udp, sctp, udplite or dccp"])
    }

    @Test func errorsAreSortedAcrossKinds() {
        let found = problems("""
            tables:
              filter:
                INPUT:
                  rules:
                    - {dport: 22, jump: ACCEPT}
                    - {bogus: 1}
                    - {proto: tcp, dport: x}
            """, fileName: "s.yaml")
        #expect(found.map { $0.split(separator: ":").prefix(3).joined(separator: ":") }
            == ["s.yaml:5:11", "s.yaml:6:12", "s.yaml:7:31"])
    }
}
