import FwdIptables
import FwdModel
import FwdPolicy
import FwdTestKit
import Testing

/// The router policies expanded, rendered for both families, compared with the golden files:
/// every generated rule shows its policy's location and a comment naming policy and service.
@Suite struct ExpansionGoldenTests {
    @Test("the router policies expand without problems into a valid ruleset")
    func expandsToValidRuleset() {
        let (ruleset, problems) = PolicyFixtures.ruleset()
        #expect(problems.isEmpty, "\(problems)")
        #expect(ruleset.validate().isEmpty, "\(ruleset.validate())")
        #expect(ruleset.tables.map(\.kind) == [.filter])
    }

    @Test("expansion matches the golden files", arguments: IPFamily.allCases)
    func golden(_ family: IPFamily) {
        let (ruleset, _) = PolicyFixtures.ruleset()
        assertGolden(IptablesRenderer().render(ruleset, family: family).text, named: "router.\(family.rawValue).rules")
    }

    @Test("each rule is located at its policy and names it")
    func rulesNameTheirPolicy() throws {
        let (ruleset, _) = PolicyFixtures.ruleset()
        let filter = try #require(ruleset[.filter])
        for policy in PolicyFixtures.policies {
            let rules = filter.chains.flatMap(\.rules).filter { $0.location == policy.location }
            #expect(!rules.isEmpty, "\(policy.name) generated nothing")
            #expect(rules.allSatisfy { $0.comment?.hasPrefix("policy \(policy.name)") == true })
        }
    }

    @Test("chains: zone to host is INPUT, host to zone OUTPUT, zone to zone FORWARD")
    func chainsFollowDirection() throws {
        let (ruleset, _) = PolicyFixtures.ruleset()
        let filter = try #require(ruleset[.filter])
        func comments(_ chain: String) -> Set<String> { Set(filter[chain]?.rules.compactMap(\.comment) ?? []) }
        #expect(comments("INPUT").contains("policy admin-ssh: service ssh"))
        #expect(comments("OUTPUT") == ["policy host-out"])
        #expect(comments("FORWARD").contains("policy lan-out: service dns"))
        #expect(!comments("FORWARD").contains("policy admin-ssh: service ssh"))
    }

    @Test("a logging policy puts a LOG rule with the same matches before each verdict")
    func logBeforeVerdict() throws {
        let (ruleset, _) = PolicyFixtures.ruleset()
        let rules = try #require(ruleset[.filter]?["FORWARD"]?.rules.filter { $0.comment == "policy wan-to-lan" })
        #expect(rules.count == 8)  // 2 wan interfaces × 2 lan families × (LOG + DROP)
        for pair in stride(from: 0, to: rules.count, by: 2) {
            #expect(rules[pair].target == .log(prefix: "wan-to-lan: ", level: nil))
            #expect(rules[pair].limit == RateLimit(5, per: .minute))
            #expect(rules[pair + 1].target == .drop)
            #expect(rules[pair + 1].limit == nil)
            var matches = rules[pair]
            matches.target = .drop
            matches.limit = nil
            #expect(matches == rules[pair + 1])
        }
    }
}
