@testable import FwdIptables
import FwdModel
import Testing

/// Every golden ruleset passes `--test` of both iptables implementations, for both families.
@Suite struct KernelAcceptanceTests {
    @Test("golden rulesets pass iptables-restore --test", arguments: [IptablesTool.legacy, .nft])
    func goldenRulesetsPassTest(tool: IptablesTool) async throws {
        let commands = IPFamily.allCases.map { tool.restoreCommand(for: $0) }
        guard KernelNamespace.canRun(tools: commands) else { return }
        try await KernelNamespace.with { namespace in
            for (name, ruleset) in GoldenRulesets.all {
                for family in IPFamily.allCases {
                    let script = IptablesRenderer().render(ruleset, family: family)
                    let output = try await ToolRunner(networkNamespace: namespace)
                        .run(tool.restoreCommand(for: family), ["-w", "--test"], input: script.text)
                    #expect(output.succeeded, "\(name) \(family) refused by \(tool.restoreCommand(for: family)): \(output.standardError)")
                }
            }
        }
    }

    @Test("the loader's check passes for every golden ruleset", arguments: [IptablesTool.legacy, .nft])
    func loaderCheckPasses(tool: IptablesTool) async throws {
        guard KernelNamespace.canRun(tools: IPFamily.allCases.map { tool.restoreCommand(for: $0) }) else { return }
        try await KernelNamespace.with { namespace in
            let loader = IptablesLoader(tool: tool, networkNamespace: namespace)
            for (name, ruleset) in GoldenRulesets.all {
                do {
                    try await loader.check(ruleset)
                } catch {
                    Issue.record("\(name): \(error)")
                }
            }
        }
    }
}
