import FwdNetlink
import FwdNftables
import Testing

/// Large rulesets in one transaction, with timings printed for the record.
@Suite(.kernel, .serialized, .oneKernelSuiteAtATime)
struct LargeBatchTests {
    /// Commits `count` rules, checks the counts, and prints where the time went.
    private func commitAndCheck(count: Int, reapply: Bool) throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            let ruleset = NftRuleset(tables: [Rulesets.bulk(count: count)])
            let clock = ContinuousClock()
            var report: NftCommitReport?
            let load = try clock.measure { report = try kernel.commit(ruleset) }
            let first = try #require(report)
            #expect(first.ruleCount == count + 1)
            #expect(first.attempts == 1)
            print(
                "fwd-netlink timing: \(count) rules, load: total \(load), build \(first.buildDuration), kernel \(first.kernelDuration), \(first.messageCount) messages, \(first.batchBytes) bytes"
            )
            if reapply {
                let again = try clock.measure { report = try kernel.commit(ruleset) }
                let second = try #require(report)
                print(
                    "fwd-netlink timing: \(count) rules, re-apply: total \(again), build \(second.buildDuration), kernel \(second.kernelDuration)"
                )
            }

            let table = try #require(try kernel.ownedTables().first)
            #expect(table.chains.first { $0.name == "input" }?.ruleCount == count)
            #expect(table.chains.first { $0.name == "small" }?.ruleCount == 1)
            let small = try namespace.nft("list", "chain", "inet", "fwd_bulk", "small")
            #expect(small.contains("tcp dport 443 accept comment \"probe\""))
        }
    }

    @Test func tenThousandRulesCommitAndReapply() throws {
        try commitAndCheck(count: 10_000, reapply: true)
    }

    @Test func oneHundredThousandRulesCommitInOneTransaction() throws {
        try commitAndCheck(count: 100_000, reapply: true)
    }
}
