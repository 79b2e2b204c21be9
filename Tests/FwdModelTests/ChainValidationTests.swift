@testable import FwdModel
import Testing

@Suite("Validation: chains and jumps")
struct ChainValidationTests {
    @Test("A jump to a missing chain suggests the closest name")
    func missingChainWithSuggestion() throws {
        let table = Table(.filter, chains: [
            Chain("INPUT", rules: [rule(line: 10) { $0.target = .jump("servces") }], location: at(9)),
            Chain("services", location: at(20)),
        ])
        let problem = try #require(diagnostics(table).first)
        #expect(diagnostics(table).count == 1)
        #expect(problem.message == "jump to chain 'servces', which table filter does not have (did you mean 'services'?)")
        #expect(problem.location == at(10))
        #expect(problem.table == .filter && problem.chain == "INPUT" && problem.ruleNumber == 1)
        #expect(problem.description == "rules.swift:10: chain filter/INPUT, rule 1: " + problem.message)
    }

    @Test("A jump or goto to a missing chain with no close name has no suggestion")
    func missingChainWithoutSuggestion() {
        let table = Table(.nat, chains: [
            Chain("PREROUTING", rules: [Rule(jump: .goto("zzz")), Rule(jump: .jump("abc"))]),
            Chain("port-forwards"),
        ])
        #expect(messages(table) == [
            "jump to chain 'zzz', which table nat does not have",
            "jump to chain 'abc', which table nat does not have",
        ].sorted())
    }

    @Test("A jump to a builtin chain")
    func jumpToBuiltin() throws {
        let table = Table(.filter, chains: [
            Chain("INPUT"), Chain("OUTPUT", rules: [rule(line: 5) { $0.target = .jump("INPUT") }]),
        ])
        let problem = try #require(diagnostics(table).first)
        #expect(messages(table) == ["cannot jump to builtin chain 'INPUT'"])
        #expect(problem.location == at(5) && problem.chain == "OUTPUT")
    }

    @Test("Jump loops are reported once, at the rule closing the loop")
    func loops() throws {
        let table = Table(.filter, chains: [
            Chain("INPUT", rules: [Rule(jump: .jump("a"))]),
            Chain("a", rules: [rule(line: 30) { $0.target = .jump("b") }]),
            Chain("b", rules: [Rule(jump: .accept), rule(line: 40) { $0.target = .goto("a") }]),
            Chain("self", rules: [rule(line: 50) { $0.target = .jump("self") }]),
        ])
        let problems = diagnostics(table)
        #expect(problems.map(\.message) == ["jump loop: a → b → a", "jump loop: self → self"])
        #expect(problems.map(\.location) == [at(40), at(50)])
        #expect(problems.map(\.ruleNumber) == [2, 1])
    }

    @Test("A loop that no builtin chain reaches is still a loop")
    func unreachableLoop() {
        let table = Table(.filter, chains: [
            Chain("x", rules: [Rule(jump: .jump("y"))]), Chain("y", rules: [Rule(jump: .jump("x"))]),
        ])
        #expect(messages(table) == ["jump loop: x → y → x"])
    }

    @Test("A policy on a user chain names the builtin chains")
    func policyOnUserChain() throws {
        let table = Table(.filter, chains: [Chain("web", policy: .drop, location: at(7))])
        let problem = try #require(diagnostics(table).first)
        #expect(problem.message
            == "a user chain cannot have a policy: 'web' is not a builtin chain of table filter (builtin: INPUT, FORWARD, OUTPUT)")
        #expect(problem.location == at(7) && problem.chain == "web" && problem.ruleNumber == nil)
        #expect(problem.description.hasPrefix("rules.swift:7: chain filter/web: "))
        let nat = Table(.nat, chains: [Chain("FORWARD", policy: .accept)])
        #expect(messages(nat) == [
            "a user chain cannot have a policy: 'FORWARD' is not a builtin chain of table nat"
                + " (builtin: PREROUTING, INPUT, OUTPUT, POSTROUTING)",
        ])
    }

    @Test("Chain names: length, characters, reserved names", arguments: [
        (String(repeating: "c", count: 29), "chain name is 29 bytes; xtables allows at most 28"),
        (String(repeating: "é", count: 15), "chain name is 30 bytes; xtables allows at most 28"),
        ("", "a chain name cannot be empty"),
        ("my chain", "a chain name cannot hold blanks or quotes"),
        ("it's", "a chain name cannot hold blanks or quotes"),
        ("-x", "a chain name cannot start with '-' or '!'"),
        ("!x", "a chain name cannot start with '-' or '!'"),
        ("ACCEPT", "'ACCEPT' is a target name and cannot name a chain"),
        ("DROP", "'DROP' is a target name and cannot name a chain"),
        ("RETURN", "'RETURN' is a target name and cannot name a chain"),
        ("MASQUERADE", "'MASQUERADE' is a target name and cannot name a chain"),
    ])
    func chainNames(name: String, message: String) {
        #expect(messages(Table(.filter, chains: [Chain(name)])) == [message])
    }

    @Test("Names that are fine")
    func goodNames() {
        let names = [String(repeating: "c", count: 28), "web-in", "LOGDROP", "a_b.c", "accept"]
        #expect(messages(Table(.filter, chains: names.map { Chain($0) })).isEmpty)
    }
}
