@testable import FwdModel
import Testing

@Suite("Chains, tables and rulesets")
struct ChainTableRulesetTests {
    let ssh = Rule(proto: "tcp", dport: 22, jump: .accept)
    let web = Rule(proto: "tcp", dport: [80, 443], jump: .accept)
    let icmp = Rule(proto: "icmp", jump: .accept)

    @Test("Append, insert and remove rules")
    func chainEditing() {
        var chain = Chain("INPUT", policy: .drop)
        chain.append(ssh)
        chain.append(contentsOf: [web, icmp])
        #expect(chain.rules == [ssh, web, icmp])
        chain.insert(icmp, at: 0)
        #expect(chain.rules == [icmp, ssh, web, icmp])
        chain.insert(web, at: 99)
        #expect(chain.rules.last == web && chain.rules.count == 5)
        chain.insert(ssh, at: -3)
        #expect(chain.rules.first == ssh)

        #expect(chain.remove(at: 0) == ssh)
        #expect(chain.remove(at: 99) == nil)
        #expect(chain.remove(at: -1) == nil)
        #expect(chain.rules == [icmp, ssh, web, icmp, web])
        // Removing by behaviour ignores where the rule was written, and removes every copy.
        #expect(chain.remove(Rule(proto: "icmp", jump: .accept, file: "elsewhere", line: 1)) == 2)
        #expect(chain.rules == [ssh, web, web])
        #expect(chain.remove(Rule(proto: "udp", jump: .accept)) == 0)
    }

    @Test("Tables keep chains by name, in definition order")
    func tables() {
        var table = Table(.filter, chains: [Chain("INPUT", policy: .drop), Chain("services")])
        #expect(table.chains.map(\.name) == ["INPUT", "services"])
        #expect(table["INPUT"]?.policy == .drop)
        #expect(table["nope"] == nil)

        table.append(ssh, to: "services")
        table.append(web, to: "new-chain")
        #expect(table["services"]?.rules == [ssh])
        #expect(table["new-chain"]?.rules == [web])
        #expect(table["new-chain"]?.policy == nil)
        #expect(table["new-chain"]?.location == web.location)
        #expect(table.chains.map(\.name) == ["INPUT", "services", "new-chain"])

        table.add(Chain("INPUT", policy: .accept))
        #expect(table["INPUT"]?.policy == .accept)
        #expect(table.chains.map(\.name) == ["INPUT", "services", "new-chain"], "replaced in place")

        table["renamed"] = Chain("other-name")
        #expect(table["renamed"] != nil && table["other-name"] == nil, "the subscript's name wins")
        table["services"] = nil
        #expect(table.chains.map(\.name) == ["INPUT", "new-chain", "renamed"])
        table["absent"] = nil
        #expect(table.ruleCount == 1)
        #expect(table.isBuiltin(Chain("INPUT")) && !table.isBuiltin(Chain("renamed")))
    }

    @Test("A later chain of the same name replaces an earlier one")
    func duplicateChains() {
        let table = Table(.filter, chains: [Chain("x", rules: [ssh]), Chain("x", rules: [web])])
        #expect(table.chains.count == 1)
        #expect(table["x"]?.rules == [web])
    }

    @Test("Builtin chains per table, in hook order")
    func builtinChains() {
        #expect(TableKind.filter.builtinChains == ["INPUT", "FORWARD", "OUTPUT"])
        #expect(TableKind.nat.builtinChains == ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"])
        #expect(TableKind.mangle.builtinChains == ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"])
        #expect(TableKind.raw.builtinChains == ["PREROUTING", "OUTPUT"])
        #expect(TableKind.security.builtinChains == ["INPUT", "FORWARD", "OUTPUT"])
        #expect(TableKind.nat.isBuiltin("POSTROUTING") && !TableKind.filter.isBuiltin("POSTROUTING"))
        let table = Table.withBuiltinChains(.raw, policy: .drop)
        #expect(table.chains.map(\.name) == ["PREROUTING", "OUTPUT"])
        #expect(table.chains.allSatisfy { $0.policy == .drop && $0.rules.isEmpty })
    }

    @Test("defaultTables() is what the kernel starts with, and is valid")
    func defaultTables() {
        let line = #line + 1
        let ruleset = Ruleset.defaultTables()
        #expect(ruleset.tables.map(\.kind) == [.raw, .mangle, .nat, .filter, .security])
        for table in ruleset.tables {
            #expect(table.chains.map(\.name) == table.kind.builtinChains)
            #expect(table.chains.allSatisfy { $0.policy == .accept && $0.rules.isEmpty })
            #expect(table.location == FwdModel.SourceLocation(file: #fileID, line: line))
        }
        #expect(ruleset.ruleCount == 0)
        #expect(ruleset.validate().isEmpty)
    }

    @Test("Rulesets keep one table per kind, in kernel order")
    func rulesets() {
        var ruleset = Ruleset([Table(.filter), Table(.nat), Table(.raw)])
        #expect(ruleset.tables.map(\.kind) == [.raw, .nat, .filter])
        ruleset[.mangle] = Table(.mangle)
        #expect(ruleset.tables.map(\.kind) == [.raw, .mangle, .nat, .filter])
        var filter = Table(.filter)
        filter.append(ssh, to: "INPUT")
        ruleset[.filter] = filter
        #expect(ruleset.tables.count == 4 && ruleset.ruleCount == 1)
        ruleset[.security] = Table(.filter)
        #expect(ruleset[.security]?.kind == .security, "the subscript's kind wins")
        ruleset[.raw] = nil
        #expect(ruleset.tables.map(\.kind) == [.mangle, .nat, .filter, .security])
        let replaced = Ruleset([Table(.filter, chains: [Chain("a")]), Table(.filter, chains: [Chain("b")])])
        #expect(replaced.tables.count == 1 && replaced[.filter]?["b"] != nil)
    }

    @Test("Hooks reaching each chain through jumps")
    func hooks() {
        let table = Table(.filter, chains: [
            Chain("INPUT", rules: [Rule(jump: .jump("common"))]),
            Chain("OUTPUT", rules: [Rule(jump: .goto("common")), Rule(jump: .jump("out-only"))]),
            Chain("common", rules: [Rule(jump: .jump("leaf"))]),
            Chain("leaf"), Chain("out-only"), Chain("orphan"),
        ])
        let hooks = table.hooksReaching()
        #expect(hooks["common"] == ["INPUT", "OUTPUT"])
        #expect(hooks["leaf"] == ["INPUT", "OUTPUT"])
        #expect(hooks["out-only"] == ["OUTPUT"])
        #expect(hooks["INPUT"] == ["INPUT"])
        #expect(hooks["orphan"] == nil)
        #expect(hooks["FORWARD"] == nil, "a builtin chain the table does not define")
    }
}
