@testable import FwdIptables
import FwdModel
import FwdTestKit
import Testing

/// Rulesets the model accepts but the kernel refuses: the error names the user's location and
/// the namespace keeps the tables it had.
///
/// These rulesets hold two things validation refuses — REJECT outside the filter table (the
/// kernel's REJECT is filter-only) and `limit 1/day` with the default burst (xt_limit overflows) —
/// and reach the kernel through the loader's internal unvalidated path, so that the kernel's own
/// refusal and its mapping back to the rule are what is tested.
@Suite struct KernelRefusalTests {
    /// The state the namespace holds before each bad apply: the host firewall and a mangle rule.
    static func before() -> Ruleset {
        var ruleset = ExampleRulesets.host()
        ruleset[.mangle] = Table(.mangle, chains: [
            Chain("PREROUTING", rules: [Rule(inInterface: "eth9", comment: "before", jump: .mark(set: MarkValue(9)))]),
        ])
        return ruleset
    }

    /// REJECT in mangle/INPUT, after a good rule, with a good filter table behind it.
    static func rejectInMangle() -> Ruleset {
        let mangle = Table(.mangle, chains: [
            Chain("INPUT", rules: [
                Rule(proto: "udp", jump: .accept),
                Rule(proto: "tcp", jump: .reject),
            ]),
        ])
        let filter = Table(.filter, chains: [Chain("INPUT", rules: [Rule(comment: "new", jump: .accept)])])
        return GoldenRulesets.relocated(Ruleset([mangle, filter]), file: "bad.fwd")
    }

    /// Good for IPv4; for IPv6 the filter table holds a rule the kernel refuses at commit. The
    /// IPv4 load deletes LOGDROP and adds `added`: the rollback must undo both.
    static func failsOnlyForIPv6() -> Ruleset {
        let mangle = Table(.mangle, chains: [
            Chain("PREROUTING", rules: [Rule(inInterface: "eth7", comment: "after", jump: .mark(set: MarkValue(7)))]),
        ])
        let filter = Table(.filter, chains: [
            Chain("INPUT", rules: [
                Rule(comment: "new", jump: .jump("added")),
                Rule(source: "fd00::1", limit: RateLimit(1, per: .day), jump: .accept),
            ]),
            Chain("added", rules: [Rule(proto: "udp", jump: .accept)]),
        ])
        return GoldenRulesets.relocated(Ruleset([mangle, filter]), file: "v6bad.fwd")
    }

    private func state(in namespace: NetworkNamespace, tool: IptablesTool) async throws -> [IPFamily: SavedRules] {
        var state: [IPFamily: SavedRules] = [:]
        for family in IPFamily.allCases {
            var text = ""
            for table in [TableKind.mangle, .filter] {
                text += try await namespace.runChecked(tool.saveCommand(for: family), ["-t", table.rawValue])
            }
            state[family] = SavedRules(text)
        }
        return state
    }

    private func refusal(applying ruleset: Ruleset, in namespace: NetworkNamespace, tool: IptablesTool) async throws -> IptablesRefusal? {
        #expect(!ruleset.validate().isEmpty, "validation should catch this ruleset before the kernel does")
        do {
            let loader = IptablesLoader(tool: tool, networkNamespace: namespace.name)
            try await loader.applyUnvalidated(ruleset)
            Issue.record("the kernel accepted a ruleset it should refuse")
            return nil
        } catch {
            guard case .refused(let refusal) = error else {
                Issue.record("expected a refusal, got: \(error)")
                return nil
            }
            return refusal
        }
    }

    @Test(
        "legacy: a table refused at COMMIT names the table and changes nothing",
        .kernelAccess(tools: IptablesTool.legacy.restoreAndSaveCommands))
    func legacyCommitRefusal() async throws {
        let tool = IptablesTool.legacy
        try requireKernelAccess(tools: tool.restoreAndSaveCommands)
        try await withNetworkNamespace { namespace in
            try await IptablesLoader(tool: tool, networkNamespace: namespace.name).apply(Self.before())
            let before = try await state(in: namespace, tool: tool)
            let bad = Self.rejectInMangle()
            let refusal = try #require(try await refusal(applying: bad, in: namespace, tool: tool))
            #expect(refusal.family == .ipv4)
            #expect(refusal.origin?.kind == .table)
            #expect(refusal.origin?.location == bad[.mangle]?.location)
            #expect(refusal.description.hasPrefix("bad.fwd:1: table mangle: iptables-legacy-restore refused the table"))
            #expect(refusal.rollback == .restored([.ipv4]))
            let after = try await state(in: namespace, tool: tool)
            #expect(after == before, "\(before[.ipv4]?.firstDifference(from: after[.ipv4] ?? SavedRules("")) ?? "")")
        }
    }

    @Test(
        "nft: a refused rule names the rule's file and line and changes nothing",
        .kernelAccess(tools: IptablesTool.nft.restoreAndSaveCommands))
    func nftRuleRefusal() async throws {
        let tool = IptablesTool.nft
        try requireKernelAccess(tools: tool.restoreAndSaveCommands)
        try await withNetworkNamespace { namespace in
            try await IptablesLoader(tool: tool, networkNamespace: namespace.name).apply(Self.before())
            let before = try await state(in: namespace, tool: tool)
            let bad = Self.rejectInMangle()
            let refusal = try #require(try await refusal(applying: bad, in: namespace, tool: tool))
            let rejectRule = try #require(bad[.mangle]?["INPUT"]?.rules[1])
            #expect(refusal.origin?.location == rejectRule.location)
            #expect(refusal.scriptLine?.contains("-j REJECT") == true)
            #expect(refusal.description.hasPrefix("\(rejectRule.location): chain mangle/INPUT: iptables-nft-restore refused rule: "))
            #expect(!refusal.standardError.isEmpty)
            let after = try await state(in: namespace, tool: tool)
            #expect(after == before)
        }
    }

    @Test(
        "legacy: IPv6 failing after IPv4 was loaded rolls IPv4 back",
        .kernelAccess(tools: IptablesTool.legacy.restoreAndSaveCommands))
    func ipv6FailureRollsBackIPv4() async throws {
        let tool = IptablesTool.legacy
        try requireKernelAccess(tools: tool.restoreAndSaveCommands)
        try await withNetworkNamespace { namespace in
            try await IptablesLoader(tool: tool, networkNamespace: namespace.name).apply(Self.before())
            let before = try await state(in: namespace, tool: tool)
            let bad = Self.failsOnlyForIPv6()
            let v4 = IptablesRenderer().render(bad, family: .ipv4)
            try await namespace.runChecked("iptables-legacy-restore", ["--test"], input: v4.text)
            let refusal = try #require(try await refusal(applying: bad, in: namespace, tool: tool))
            #expect(refusal.family == .ipv6)
            #expect(refusal.command == "ip6tables-legacy-restore")
            #expect(refusal.origin?.location == bad[.filter]?.location)
            #expect(refusal.rollback == .restored([.ipv4, .ipv6]))
            #expect(refusal.description.contains("IPv4 and IPv6 tables were restored"))
            let after = try await state(in: namespace, tool: tool)
            #expect(after[.ipv4] == before[.ipv4], "\(before[.ipv4]?.firstDifference(from: after[.ipv4] ?? SavedRules("")) ?? "")")
            #expect(after[.ipv6] == before[.ipv6], "\(before[.ipv6]?.firstDifference(from: after[.ipv6] ?? SavedRules("")) ?? "")")
            #expect(after[.ipv4]?.tables["mangle"]?.contains { $0.contains("eth9") } == true)
        }
    }
}
