import FwdConfig
import FwdModel
import FwdNetlink
import FwdNftables
import FwdTestKit
import Testing

/// A ruleset committed while it is lowered rule by rule (``NftDeferredRuleset``, what the backend
/// sends) gives the kernel exactly what the whole lowering gives, with the same rule digests.
@Suite(.kernelAccess(tools: ["nft"]), .serialized)
struct DeferredCommitTests {
    /// Declared sets, list sets (ports past the split cap, lists kept whole by a limit), split
    /// lists, a user chain; `variant` 2 changes one rule and a declared set's elements.
    static func ruleset(variant: Int = 1) throws -> Ruleset {
        var rules = [
            #"- {source: "@blocklist", jump: DROP}"#,
            #"- {proto: tcp, dport: "@webports", jump: services}"#,
            #"- {source: "!@live", proto: tcp, dport: 22, jump: DROP}"#,
        ]
        for index in 0..<6 {
            let ports = (0..<12).map { "\(1000 + index * 20 + $0)" }.joined(separator: ", ")
            rules.append("- {proto: tcp, dport: [\(ports)], jump: ACCEPT, comment: \"list \(index)\"}")
            rules.append("- {proto: udp, source: [10.\(index).0.1, 10.\(index).0.2], dport: [1, 2, 3], jump: ACCEPT}")
            rules.append("- {proto: tcp, dport: [\(ports)], limit: 5/second, jump: ACCEPT}")
        }
        if variant == 2 { rules[2] = #"- {source: "!@live", proto: tcp, dport: 23, jump: DROP}"# }
        let text = """
            sets:
              blocklist: [192.0.2.0/24, 198.51.100.7]
              webports: {type: port, elements: [80, 443\(variant == 2 ? ", 8080" : "")]}
              live: {type: ipv4, interval: true}
            tables:
              filter:
                INPUT:
                  policy: DROP
                  rules:
            \(rules.map { "        " + $0 }.joined(separator: "\n"))
                services:
                  rules:
                    - {proto: tcp, dport: "@webports", jump: RETURN}
            """
        return try ConfigLoader().load(text: text, fileName: "deferred.yaml").ruleset
    }

    func listing(_ namespace: NetworkNamespace) async throws -> String {
        try await namespace.runChecked("nft", ["list", "ruleset"])
    }

    @Test func aDeferredCommitLoadsWhatTheWholeLoweringLoads() async throws {
        let ruleset = try Self.ruleset()
        let whole = NftablesLowering().lower(ruleset)
        let expected = try await withNetworkNamespace { namespace in
            _ = try NftablesKernel(networkNamespace: namespace.name).commit(whole)
            return try await listing(namespace)
        }
        try await withNetworkNamespace { namespace in
            let kernel = try NftablesKernel(networkNamespace: namespace.name)
            let report = try kernel.commit(NftDeferredRuleset(ruleset))
            #expect(report.ruleCount == whole.ruleCount)
            #expect(try await listing(namespace) == expected)
            // The same digests: committing the whole lowering now keeps every rule.
            let again = try kernel.commit(whole, record: report.ruleRecord)
            #expect(again.ruleCount == 0)
            #expect(again.keptRuleCount == whole.ruleCount)
        }
    }

    @Test func aDeferredReapplySendsOnlyTheChangedRule() async throws {
        let changed = try Self.ruleset(variant: 2)
        let expected = try await withNetworkNamespace { namespace in
            _ = try NftablesKernel(networkNamespace: namespace.name).commit(NftablesLowering().lower(changed))
            return try await listing(namespace)
        }
        try await withNetworkNamespace { namespace in
            let kernel = try NftablesKernel(networkNamespace: namespace.name)
            // With the record of the first commit the kernel's rules are taken from it; without
            // one they are read back.
            for withRecord in [true, false] {
                let first = try kernel.commit(NftDeferredRuleset(Self.ruleset()))
                let report = try kernel.commit(
                    NftDeferredRuleset(changed), record: withRecord ? first.ruleRecord : nil)
                #expect(report.readRulesFromKernel == !withRecord)
                #expect(report.ruleCount == 1)
                #expect(report.deletedRuleCount == 1)
                #expect(report.keptRuleCount == NftablesLowering().lower(changed).ruleCount - 1)
                #expect(try await listing(namespace) == expected)
            }
        }
    }

    @Test func aDeferredDryRunOfAnUnchangedRulesetSendsNothing() async throws {
        try await withNetworkNamespace { namespace in
            let kernel = try NftablesKernel(networkNamespace: namespace.name)
            let deferred = NftDeferredRuleset(try Self.ruleset())
            _ = try kernel.commit(deferred)
            let before = try await listing(namespace)
            let report = try kernel.commit(deferred, mode: .dryRun)
            #expect(report.ruleCount == 0)
            #expect(try await listing(namespace) == before)
        }
    }
}
