import FwdIptables
import FwdModel
import FwdTestKit
import Testing

/// The renderer's output for every golden ruleset and family, compared with the files in Golden.
@Suite struct RendererGoldenTests {
    static let cases: [(name: String, family: IPFamily)] = GoldenRulesets.all.flatMap { entry in
        IPFamily.allCases.map { (entry.name, $0) }
    }

    @Test("every golden ruleset is valid")
    func goldenRulesetsAreValid() {
        for (name, ruleset) in GoldenRulesets.all {
            #expect(ruleset.validate().isEmpty, "\(name): \(ruleset.validate())")
        }
    }

    @Test("rendering matches the golden file", arguments: cases.map { "\($0.name).\($0.family.rawValue)" })
    func rendersGolden(_ caseName: String) throws {
        let parts = caseName.split(separator: ".")
        let ruleset = try #require(GoldenRulesets.all.first { $0.name == parts[0] }?.ruleset)
        let family: IPFamily = parts[1] == "ipv4" ? .ipv4 : .ipv6
        let script = IptablesRenderer().render(ruleset, family: family)
        assertGolden(script.text, named: "\(caseName).rules")
    }

    @Test("line numbers and colour match the golden files")
    func numberedAndColoured() throws {
        let ruleset = ExampleRulesets.host()
        let numbered = IptablesRenderer(lineNumbers: true).render(ruleset, family: .ipv4)
        assertGolden(numbered.text, named: "host.ipv4.numbered.rules")
        let coloured = IptablesRenderer(colorized: true).render(ruleset, family: .ipv6)
        assertGolden(coloured.text, named: "host.ipv6.color.rules")
        let both = IptablesRenderer(lineNumbers: true, colorized: true).render(ruleset, family: .ipv4)
        assertGolden(both.text, named: "host.ipv4.numbered-color.rules")
    }
}
