import FwdModel
import FwdNftables
import Testing

/// The rendered text against nft itself, in throwaway network namespaces.
@Suite(.enabled(if: KernelGate.enabled, KernelGate.skipReason), .serialized)
struct RenderedTextKernelTests {
    /// nft reads the rendered text back into exactly the expressions fwd lowered, rule by rule.
    ///
    /// The fixtures avoid the three shapes whose printed text nft reads back differently:
    /// `meta nfproto ipv4 meta l4proto icmp` (nft prints no guard, as it adds none for
    /// `meta l4proto icmp`), `log level warn` (printed as plain `log`) and negated port pairs
    /// (nft 1.0.6 merges `sport != a dport != b` into one comparison).
    @Test func nftReadsTheRenderedTextIntoTheSameExpressions() async throws {
        guard KernelGate.check() else { return }
        try await expectRoundTrip(of: Fixtures.mixedRuleset())
    }

    /// Loaded with `nft -f`, the rendered text lists back identically: same layout, names,
    /// priorities, set wrapping and rule syntax.
    @Test func nftListsTheLoadedTextExactlyAsRendered() async throws {
        guard KernelGate.check() else { return }
        let text = NftTextRenderer().render(Fixtures.mixedRuleset())
        let output = try await NftProcess.loadAndList(text)
        try #require(output.succeeded, "nft refused the rendered text:\n\(output.standardError)")
        #expect(output.standardOutput == text)
    }

    /// A large mixed ruleset renders to text `nft -c` accepts, and reads back into the same
    /// expressions.
    @Test func nftAcceptsAndReadsBackTheTextOfALargeMixedRuleset() async throws {
        guard KernelGate.check() else { return }
        let ruleset = Fixtures.large(count: 4000)
        let problems = ruleset.validate()
        #expect(problems.count == 0, "\(problems.prefix(5))")
        try await expectRoundTrip(of: ruleset)
    }

    /// Runs `nft --debug=netlink -c` on the rendered text of `ruleset` and compares every rule's
    /// expressions with the lowering's.
    private func expectRoundTrip(of ruleset: Ruleset, sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
        let lowered = NftablesLowering().lower(ruleset)
        let output = try await NftProcess.debugCheck(NftTextRenderer().render(lowered))
        try #require(
            output.succeeded, "nft refused the rendered text:\n\(output.standardError.prefix(2000))",
            sourceLocation: sourceLocation)
        let ours = lowered.tables.flatMap { table in
            table.chains.flatMap { chain in
                chain.rules.map { DebugRule(table: table.name, chain: chain.name, lines: $0.expressions.map(\.debugDescription)) }
            }
        }
        let built = DebugRule.parse(output.standardOutput).map { DebugRule(table: $0.table, chain: $0.chain, lines: $0.lines) }
        #expect(built.count == ours.count, sourceLocation: sourceLocation)
        var mismatches = 0
        for (mine, theirs) in zip(ours, built) where mine != theirs && mismatches < 10 {
            mismatches += 1
            Issue.record("ours:\n\(mine)nft:\n\(theirs)", sourceLocation: sourceLocation)
        }
    }
}

/// Golden files of the rendered text.
@Suite struct RenderedTextGoldenTests {
    @Test func mixedRuleset() throws {
        try Golden.check(NftTextRenderer().render(Fixtures.mixedRuleset()), named: "mixed.nft")
    }

    @Test func defaultTables() throws {
        try Golden.check(NftTextRenderer().render(Ruleset.defaultTables()), named: "default-tables.nft")
    }
}
