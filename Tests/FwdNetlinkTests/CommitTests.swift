import Foundation
import FwdNetlink
import FwdNftables
import Testing

/// Commits hand-built rulesets into a fresh namespace and reads them back with nft.
@Suite(.kernel, .serialized, .oneKernelSuiteAtATime)
struct CommitTests {
    @Test func committedRulesetListsAsIdiomaticNft() throws {
        try TestNamespace.with { namespace in
            let report = try namespace.kernel().commit(NftRuleset(tables: [Rulesets.filter()]))
            #expect(report.attempts == 1)
            #expect(report.ruleCount == 6)
            #expect(report.createdTables == ["inet fwd_filter"])

            let text = try namespace.listRuleset()
            for line in [
                "table inet fwd_filter {",
                "comment \"managed by fwd\"",
                "type filter hook input priority filter; policy drop;",
                "ct state established,related accept",
                "tcp dport 22 accept comment \"ssh from anywhere\"",
                "iifname \"eth*\" jump services",
                "tcp dport @ssh_ports accept",
                "tcp dport 80 accept comment \"web\"",
                "ip saddr 192.0.2.1 drop",
                "elements = { 2222, 2223 }",
            ] {
                #expect(text.contains(line), "missing `\(line)` in:\n\(text)")
            }
            for symptom in ["th dport", "@nh,", "meta l4proto tcp", "0x"] {
                #expect(!text.contains(symptom), "unidiomatic `\(symptom)` in:\n\(text)")
            }
        }
    }

    @Test func jsonListingHasTheCommittedStructure() throws {
        try TestNamespace.with { namespace in
            _ = try namespace.kernel().commit(NftRuleset(tables: [Rulesets.filter()]))
            let objects = try namespace.jsonRuleset()
            let chains = objects.compactMap { $0["chain"] as? [String: Any] }
            let input = try #require(chains.first { $0["name"] as? String == "input" })
            #expect(input["table"] as? String == "fwd_filter")
            #expect(input["family"] as? String == "inet")
            #expect(input["hook"] as? String == "input")
            #expect(input["policy"] as? String == "drop")
            #expect(input["prio"] as? Int == 0)
            #expect(chains.contains { $0["name"] as? String == "services" && $0["hook"] == nil })

            let rules = objects.compactMap { $0["rule"] as? [String: Any] }
            #expect(rules.filter { $0["chain"] as? String == "input" }.count == 4)
            #expect(rules.filter { $0["chain"] as? String == "services" }.count == 2)
            #expect(rules.contains { $0["comment"] as? String == "ssh from anywhere" })

            let sets = objects.compactMap { $0["set"] as? [String: Any] }
            let ports = try #require(sets.first { $0["name"] as? String == "ssh_ports" })
            #expect(ports["type"] as? String == "inet_service")
            #expect((ports["elem"] as? [Int])?.sorted() == [2222, 2223])
        }
    }

    @Test func ownedTablesReadsBackChainsAndRuleCounts() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            #expect(kernel.isAvailable())
            #expect(try kernel.ownedTables().isEmpty)
            _ = try kernel.commit(NftRuleset(tables: [Rulesets.filter(), Rulesets.extra]))
            let tables = try kernel.ownedTables().sorted { $0.name < $1.name }
            #expect(tables.map(\.name) == ["fwd_extra", "fwd_filter"])
            let filter = tables[1]
            #expect(filter.family == .inet)
            #expect(filter.setNames == ["ssh_ports"])
            let input = try #require(filter.chains.first { $0.name == "input" })
            #expect(input.base == NftBaseChain(type: .filter, hook: .input, priority: 0, policy: .drop))
            #expect(input.ruleCount == 4)
            #expect(filter.chains.first { $0.name == "services" }?.ruleCount == 2)
            #expect(tables[0].chains.first?.base?.hook == .output)
        }
    }
}
