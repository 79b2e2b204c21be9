@testable import FwdIptables
import FwdModel
import FwdTestKit
import Testing

/// Every golden ruleset passes `--test` of both iptables implementations, for both families.
@Suite struct KernelAcceptanceTests {
    @Test(
        "golden rulesets pass iptables-restore --test",
        .kernelAccess(tools: IptablesTool.commandsUnderTest), arguments: IptablesTool.underTest)
    func goldenRulesetsPassTest(tool: IptablesTool) async throws {
        try requireKernelAccess(tools: tool.restoreAndSaveCommands)
        try await withNetworkNamespace { namespace in
            for (name, ruleset) in GoldenRulesets.all {
                for family in IPFamily.allCases {
                    let script = IptablesRenderer().render(ruleset, family: family)
                    let output = try await ToolRunner(networkNamespace: namespace.name)
                        .run(tool.restoreCommand(for: family), ["-w", "--test"], input: script.text)
                    #expect(output.succeeded, "\(name) \(family) refused by \(tool.restoreCommand(for: family)): \(output.standardError)")
                }
            }
        }
    }

    @Test(
        "the loader's check passes for every golden ruleset",
        .kernelAccess(tools: IptablesTool.commandsUnderTest), arguments: IptablesTool.underTest)
    func loaderCheckPasses(tool: IptablesTool) async throws {
        try requireKernelAccess(tools: tool.restoreAndSaveCommands)
        try await withNetworkNamespace { namespace in
            let loader = IptablesLoader(tool: tool, networkNamespace: namespace.name)
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
