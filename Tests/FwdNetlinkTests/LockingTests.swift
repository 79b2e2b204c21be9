import FwdNftables
import Testing

@testable import FwdNetlink

/// Optimistic locking (`NFNL_BATCH_GENID`) and lost replies.
@Suite(.kernel, .serialized, .oneKernelSuiteAtATime)
struct LockingTests {
    @Test func aChangeBetweenReadingAndSendingIsRetried() throws {
        try TestNamespace.with { namespace in
            var kernel = try namespace.kernel()
            let name = namespace.name
            kernel.afterReadingState = { attempt in
                if attempt == 1 {
                    _ = try? Command.check("ip", ["netns", "exec", name, "nft", "add", "table", "inet", "intruder"])
                }
            }
            let report = try kernel.commit(NftRuleset(tables: [Rulesets.filter()]))
            #expect(report.attempts == 2)
            let text = try namespace.listRuleset()
            #expect(text.contains("table inet intruder"))
            #expect(text.contains("tcp dport 22 accept"))
        }
    }

    @Test func aRulesetThatKeepsChangingFailsClearlyAndAppliesNothing() throws {
        try TestNamespace.with { namespace in
            var kernel = try namespace.kernel()
            kernel.maximumAttempts = 3
            let name = namespace.name
            kernel.afterReadingState = { attempt in
                _ = try? Command.check(
                    "ip", ["netns", "exec", name, "nft", "add", "table", "inet", "intruder\(attempt)"])
            }
            #expect(throws: NftCommitError.concurrentChanges(attempts: 3)) {
                try kernel.commit(NftRuleset(tables: [Rulesets.filter()]))
            }
            #expect(try kernel.ownedTables().isEmpty)
            #expect(NftCommitError.concurrentChanges(attempts: 3).description.contains("nothing was applied"))
        }
    }

    @Test func lostErrorRepliesAreSaidToBeLost() throws {
        try TestNamespace.with { namespace in
            var kernel = try namespace.kernel()
            kernel.receiveBufferSizeOverride = 0  // the kernel's minimum: a handful of replies
            var table = Rulesets.bulk(count: 2_000)
            for index in stride(from: 0, to: 2_000, by: 10) {
                table.chains[0].rules[index] = RefusalTests.jumpToMissingChain(line: index)
            }
            do {
                _ = try kernel.commit(NftRuleset(tables: [table]))
                Issue.record("a batch with 200 bad rules was accepted")
            } catch let error as NftCommitError {
                guard case .refused(let refusals, let repliesLost) = error else {
                    Issue.record("unexpected error \(error)")
                    return
                }
                #expect(repliesLost)
                #expect(refusals.count < 200)
                #expect(error.description.contains("more refusals were lost"))
            }
            #expect(try kernel.ownedTables().isEmpty)
        }
    }
}
