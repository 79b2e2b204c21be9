@testable import FwdIptables
import FwdModel
import Testing

/// `location(ofLine:)` maps every line of a script back to the table, chain or rule it came from.
@Suite struct ScriptLocationTests {
    @Test("every rule line maps to the rule it came from", arguments: IPFamily.allCases)
    func ruleLinesMapToTheirRule(family: IPFamily) throws {
        for (name, ruleset) in GoldenRulesets.all {
            let script = IptablesRenderer().render(ruleset, family: family)
            let lines = script.text.split(separator: "\n", omittingEmptySubsequences: false)
            var ruleLines = 0
            for (index, line) in lines.enumerated() where line.hasPrefix("-A ") {
                ruleLines += 1
                let origin = try #require(script.origin(ofLine: index + 1), "\(name) line \(index + 1)")
                guard case .rule(let number) = origin.kind else {
                    Issue.record("\(name) line \(index + 1) maps to \(origin.kind), not a rule")
                    continue
                }
                let chainName = try #require(origin.chain)
                let rule = try #require(ruleset[origin.table]?[chainName]?.rules[number - 1])
                #expect(rule.location == origin.location)
                #expect(line.hasPrefix("-A \(chainName) "), "\(name) line \(index + 1): \(line)")
                let mapped = try #require(script.location(ofLine: index + 1))
                #expect(mapped.location == rule.location && mapped.table == origin.table && mapped.chain == chainName)
            }
            #expect(ruleLines > 0, "\(name) rendered no rule for \(family)")
        }
    }

    @Test("table and chain lines map to the table and chain")
    func structureLinesMap() throws {
        let ruleset = try #require(GoldenRulesets.all.first { $0.name == "targets" }?.ruleset)
        let script = IptablesRenderer().render(ruleset, family: .ipv4)
        let lines = script.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, line) in lines.enumerated() {
            let mapped = script.location(ofLine: index + 1)
            if line.hasPrefix("*") || line == "COMMIT" {
                let table = try #require(mapped)
                #expect(table.chain == "")
                #expect(table.location == ruleset[table.table]?.location)
                #expect(line == "COMMIT" || line == "*\(table.table)")
            } else if line.hasPrefix(":") {
                let chain = try #require(mapped)
                let name = String(line.dropFirst().prefix { $0 != " " })
                if let defined = ruleset[chain.table]?[name] {
                    #expect(chain.chain == name && chain.location == defined.location)
                } else {
                    #expect(chain.chain == "", "an undeclared builtin chain maps to its table")
                }
            } else if line.isEmpty {
                #expect(mapped == nil || index == 0)
            }
        }
        #expect(script.location(ofLine: 0) == nil)
        #expect(script.location(ofLine: lines.count + 1) == nil)
    }

    @Test("line numbers do not change the mapping")
    func numberedTextMapsTheSame() {
        let ruleset = ExampleRulesets.host()
        let plain = IptablesRenderer().render(ruleset, family: .ipv4)
        let numbered = IptablesRenderer(lineNumbers: true, colorized: true).render(ruleset, family: .ipv4)
        #expect(plain.origins == numbered.origins)
        let plainLines = plain.text.split(separator: "\n", omittingEmptySubsequences: false)
        let numberedLines = numbered.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(plainLines.count == numberedLines.count)
        #expect(numberedLines[5].hasPrefix(" 6  "))
    }
}
