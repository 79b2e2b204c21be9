@testable import FwdModel
import Testing

@Suite("Validation reports")
struct ValidationReportTests {
    /// A ruleset with one problem of each kind, written on known lines.
    var broken: Ruleset {
        let filter = Table(.filter, chains: [
            Chain("INPUT", policy: .drop, rules: [
                rule(line: 12) { $0.destinationPort = 22; $0.target = .accept },
                rule(line: 13) { $0.target = .jump("missing") },
                rule(line: 14) { $0.source = "10.0.0.1"; $0.destination = "fd00::1"; $0.inInterface = "averyverylongname0" },
            ], location: at(11)),
            Chain("web", policy: .accept, location: at(20)),
        ], location: at(10))
        let nat = Table(.nat, chains: [
            Chain("PREROUTING", rules: [rule(line: 31) { $0.target = .masquerade }], location: at(30)),
        ], location: at(29))
        return Ruleset([filter, nat])
    }

    @Test("Every problem is reported at once, sorted by location")
    func allAtOnce() {
        let problems = broken.validate()
        #expect(problems.map(\.description) == [
            "rules.swift:12: chain filter/INPUT, rule 1: dport needs proto tcp, udp, sctp, udplite or dccp",
            "rules.swift:13: chain filter/INPUT, rule 2: jump to chain 'missing', which table filter does not have",
            "rules.swift:14: chain filter/INPUT, rule 3: in-interface 'averyverylongname0' is 18 bytes; interface names have at most 15",
            "rules.swift:14: chain filter/INPUT, rule 3: mixes IPv4 and IPv6: source 10.0.0.1 is IPv4 but destination fd00::1 is IPv6",
            "rules.swift:20: chain filter/web: a user chain cannot have a policy: 'web' is not a builtin chain of table filter"
                + " (builtin: INPUT, FORWARD, OUTPUT)",
            "rules.swift:31: chain nat/PREROUTING, rule 1: MASQUERADE is only valid in POSTROUTING,"
                + " but packets reach this chain from PREROUTING",
        ])
    }

    @Test("validated() throws every problem, one per line")
    func validatedThrows() throws {
        let error = #expect(throws: ValidationError.self) { try broken.validated() }
        #expect(error?.diagnostics == broken.validate())
        #expect(error?.description.split(separator: "\n").count == 6)
        let good = Ruleset([Table(.filter, chains: [Chain("INPUT", rules: [Rule(proto: "tcp", dport: 22, jump: .accept)])])])
        #expect(try good.validated() == good)
    }

    @Test("A config file's column is part of the location")
    func columns() {
        let table = Table(.filter, chains: [Chain("INPUT", rules: [rule(line: 3) { $0.sourcePort = 1 }])])
        var located = table
        located.add(Chain("INPUT", rules: [{ var r = Rule(at: at(3, 9)); r.sourcePort = 1; return r }()]))
        #expect(diagnostics(located).first?.description
            == "rules.swift:3:9: chain filter/INPUT, rule 1: sport needs proto tcp, udp, sctp, udplite or dccp")
        #expect(at(3) < at(3, 1) && at(3, 1) < at(3, 2) && at(3, 9) < at(4))
        #expect(FwdModel.SourceLocation(file: "a", line: 9) < FwdModel.SourceLocation(file: "b", line: 1))
    }

    @Test("Diagnostics describe their context")
    func diagnosticText() {
        #expect(Diagnostic("bad", at: at(1)).description == "rules.swift:1: bad")
        #expect(Diagnostic("bad", at: at(1), table: .nat).description == "rules.swift:1: table nat: bad")
        #expect(Diagnostic("bad", at: at(1), chain: "x").description == "rules.swift:1: chain x: bad")
        #expect(Diagnostic("bad", at: at(1), table: .raw, chain: "x", ruleNumber: 2).description
            == "rules.swift:1: chain raw/x, rule 2: bad")
        #expect(Diagnostic("b", at: at(1)) < Diagnostic("a", at: at(2)))
        #expect(Diagnostic("a", at: at(1)) < Diagnostic("b", at: at(1)))
    }

    @Test("The same problem in several tables is reported in each")
    func perTable() {
        let loop = [Chain("a", rules: [Rule(jump: .jump("a"))])]
        let ruleset = Ruleset([Table(.filter, chains: loop), Table(.mangle, chains: loop)])
        let problems = ruleset.validate()
        #expect(problems.count == 2)
        #expect(Set(problems.compactMap(\.table)) == [.filter, .mangle])
        #expect(problems.allSatisfy { $0.message == "jump loop: a → a" })
    }

    @Test("Edit distance for suggestions")
    func editDistance() {
        #expect("services".editDistance(to: "servces") == 1)
        #expect("".editDistance(to: "abc") == 3)
        #expect("abc".editDistance(to: "") == 3)
        #expect("kitten".editDistance(to: "sitting") == 3)
        #expect("same".editDistance(to: "same") == 0)
    }
}
