@testable import FwdIptables
import FwdModel
import Testing

/// After a real apply inside a namespace, iptables-save shows exactly the rules fwd generated.
@Suite struct KernelReadbackTests {
    static let tools: [IptablesTool] = [.legacy, .nft]

    @Test("applied rules read back as generated", arguments: GoldenRulesets.all.map(\.name), tools)
    func appliedRulesReadBack(name: String, tool: IptablesTool) async throws {
        let commands = IPFamily.allCases.flatMap { [tool.restoreCommand(for: $0), tool.saveCommand(for: $0)] }
        guard KernelNamespace.canRun(tools: commands) else { return }
        let ruleset = try #require(GoldenRulesets.all.first { $0.name == name }?.ruleset)
        try await KernelNamespace.with { namespace in
            try await IptablesLoader(tool: tool, networkNamespace: namespace).apply(ruleset)
            for family in IPFamily.allCases {
                let expected = SavedRules(IptablesRenderer().render(ruleset, family: family).text)
                var saved = ""
                for table in ruleset.tables {
                    saved += try await KernelNamespace.run(
                        tool.saveCommand(for: family), ["-t", table.kind.rawValue], in: namespace)
                }
                let actual = SavedRules(saved)
                #expect(expected.tables.count == ruleset.tables.count)
                #expect(expected.tables.values.allSatisfy { !$0.isEmpty })
                #expect(expected == actual, "\(name) \(family) via \(tool): \(expected.firstDifference(from: actual) ?? "")")
            }
        }
    }

    @Test("apply replaces only the tables the ruleset names")
    func untouchedTablesStay() async throws {
        guard KernelNamespace.canRun(tools: ["iptables-legacy-restore", "iptables-legacy-save"]) else { return }
        try await KernelNamespace.with { namespace in
            let natRules = "*nat\n:PREROUTING ACCEPT [0:0]\n-A PREROUTING -p tcp -j ACCEPT\nCOMMIT\n"
            _ = try await KernelNamespace.run("iptables-legacy-restore", ["-w"], in: namespace, input: natRules)
            let loader = IptablesLoader(tool: .legacy, networkNamespace: namespace)
            try await loader.apply(ExampleRulesets.host())
            let nat = try await KernelNamespace.run("iptables-legacy-save", ["-t", "nat"], in: namespace)
            #expect(SavedRules(nat).tables["nat"]?.contains("-A PREROUTING -p tcp -j ACCEPT") == true)
            let filter = try await KernelNamespace.run("iptables-legacy-save", ["-t", "filter"], in: namespace)
            #expect(SavedRules(filter).tables["filter"]?.first == ":INPUT DROP")
        }
    }
}
