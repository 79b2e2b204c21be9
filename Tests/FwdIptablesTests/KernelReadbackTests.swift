@testable import FwdIptables
import FwdModel
import FwdTestKit
import Testing

/// After a real apply inside a namespace, iptables-save shows exactly the rules fwd generated.
@Suite struct KernelReadbackTests {
    @Test(
        "applied rules read back as generated",
        .kernelAccess(tools: IptablesTool.commandsUnderTest),
        arguments: GoldenRulesets.all.map(\.name), IptablesTool.underTest)
    func appliedRulesReadBack(name: String, tool: IptablesTool) async throws {
        try requireKernelAccess(tools: tool.restoreAndSaveCommands)
        let ruleset = try #require(GoldenRulesets.all.first { $0.name == name }?.ruleset)
        try await withNetworkNamespace { namespace in
            try await IptablesLoader(tool: tool, networkNamespace: namespace.name).apply(ruleset)
            for family in IPFamily.allCases {
                let expected = SavedRules(IptablesRenderer().render(ruleset, family: family).text)
                var saved = ""
                for table in ruleset.tables {
                    saved += try await namespace.runChecked(tool.saveCommand(for: family), ["-t", table.kind.rawValue])
                }
                let actual = SavedRules(saved)
                #expect(expected.tables.count == ruleset.tables.count)
                #expect(expected.tables.values.allSatisfy { !$0.isEmpty })
                #expect(expected == actual, "\(name) \(family) via \(tool): \(expected.firstDifference(from: actual) ?? "")")
            }
        }
    }

    @Test(
        "apply replaces only the tables the ruleset names",
        .kernelAccess(tools: IptablesTool.legacy.restoreAndSaveCommands))
    func untouchedTablesStay() async throws {
        try requireKernelAccess(tools: IptablesTool.legacy.restoreAndSaveCommands)
        try await withNetworkNamespace { namespace in
            let natRules = "*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -p tcp -j ACCEPT\nCOMMIT\n"
            try await namespace.runChecked("iptables-legacy-restore", ["-w"], input: natRules)
            let loader = IptablesLoader(tool: .legacy, networkNamespace: namespace.name)
            try await loader.apply(ExampleRulesets.host())
            let nat = try await namespace.runChecked("iptables-legacy-save", ["-t", "nat"])
            #expect(SavedRules(nat).tables["nat"]?.contains("-A PREROUTING -p tcp -j ACCEPT") == true)
            let filter = try await namespace.runChecked("iptables-legacy-save", ["-t", "filter"])
            #expect(SavedRules(filter).tables["filter"]?.first == ":INPUT DROP")
        }
    }

    @Test(
        "re-applying deletes the user chains the new ruleset no longer has, and keeps the table",
        .kernelAccess(tools: IptablesTool.commandsUnderTest), arguments: IptablesTool.underTest)
    func staleUserChainsAreDeleted(tool: IptablesTool) async throws {
        try requireKernelAccess(tools: tool.restoreAndSaveCommands)
        try await withNetworkNamespace { namespace in
            let loader = IptablesLoader(tool: tool, networkNamespace: namespace.name)
            try await loader.apply(ExampleRulesets.host())
            let replacement = Ruleset([Table(.filter, chains: [
                Chain("INPUT", policy: .drop, rules: [Rule(proto: "udp", jump: .jump("fresh"))]),
                Chain("fresh", rules: [Rule(proto: "udp", jump: .accept)]),
            ])])
            try await loader.apply(replacement)
            for family in IPFamily.allCases {
                let saved = try await namespace.runChecked(tool.saveCommand(for: family), ["-t", "filter"])
                let expected = SavedRules(IptablesRenderer().render(replacement, family: family).text)
                #expect(expected == SavedRules(saved), "\(family) via \(tool): \(saved)")
                #expect(!saved.contains("LOGDROP"))
            }
        }
    }
}
