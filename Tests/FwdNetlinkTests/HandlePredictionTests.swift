import FwdModel
import FwdNftables
import Testing

@testable import FwdNetlink

/// The handles of new rules are predicted (counted per table) rather than echoed by the kernel,
/// wherever the table's last allocated handle is known; the record a commit returns holds exactly
/// what a rule dump reads, and a prediction the kernel does not confirm is never recorded.
@Suite(.kernel, .serialized, .oneKernelSuiteAtATime)
struct HandlePredictionTests {
    /// A table with two anonymous sets and a goto, one with a named set and a jump, and a bulk one.
    static func ruleset(bulkChangedAt index: Int? = nil, extraPorts: [UInt16] = []) -> NftRuleset {
        var bulk = Rulesets.bulk(count: 200)
        if let index { bulk.chains[0].rules[index] = IncrementalCommitTests.port(65_000) }
        return NftRuleset(tables: [ExpressionTests.filterTable(), Rulesets.filter(extraPorts: extraPorts), bulk])
    }

    /// `ruleset` with kept tables changed: in fwd_filter a new regular chain with rules (one
    /// binding a new anonymous set), a new named set looked up from the input chain, the jump to
    /// the new chain, and the input chain's policy changed (re-declared: takes no handle); in
    /// fwd_bulk the input chain's priority changed (deleted and re-created with all its rules);
    /// and a new table.
    static func grownRuleset() -> NftRuleset {
        var ruleset = ruleset(bulkChangedAt: 120)
        ruleset.tables[2].chains[0].base?.priority = 7
        var filter = ruleset.tables[1]
        filter.chains[0].base?.policy = .accept
        let anonymous = NftSet(
            name: "__set%d", id: 7, keyType: .inetService, isAnonymous: true, isInterval: false,
            elements: [NftSetElement(key: Rules.bigEndian(5000)), NftSetElement(key: Rules.bigEndian(5001))])
        let named = NftSet(
            name: "web_ports", id: 8, keyType: .inetService, isAnonymous: false, isInterval: false,
            elements: [NftSetElement(key: Rules.bigEndian(8080))])
        filter.sets += [anonymous, named]
        filter.chains.append(
            NftChain(
                name: "extra", base: nil,
                rules: [
                    Rules.rule(Rules.tcpDestinationPort(inSet: "__set%d", id: 7), .accept, line: 41),
                    Rules.rule(Rules.tcpDestinationPort(4000), .drop, line: 42),
                ],
                location: Rules.at(40)))
        filter.chains[0].rules.insert(Rules.rule(Rules.tcpDestinationPort(1), .jump("extra"), line: 14), at: 2)
        filter.chains[0].rules.append(
            Rules.rule(Rules.tcpDestinationPort(inSet: "web_ports", id: 8), .accept, line: 15))
        ruleset.tables[1] = filter
        ruleset.tables.append(Rulesets.extra)
        return ruleset
    }

    /// The lines of a listing, sorted.
    static func lines(_ listing: String) -> [Substring] { listing.split(separator: "\n").sorted() }

    /// Every rule of the record's tables as a rule dump reads them: per table and chain, the
    /// handles and digests in kernel order.
    static func dumped(_ record: KernelRuleRecord, in namespace: TestNamespace) throws -> [String: [KernelState.Rule]] {
        let socket = try NetlinkSocket(namespace: namespace.name)
        var rules: [String: [KernelState.Rule]] = [:]
        for table in record.tables {
            let kernelTable = KernelState.Table(family: table.family, name: table.name, isOwned: true)
            let read = try #require(try KernelState.readRules(of: kernelTable, using: socket))
            for chain in table.chains { rules["\(table.name) \(chain.name)"] = read[chain.name] ?? [] }
        }
        return rules
    }

    /// The record's rules in the shape of ``dumped(_:in:)``.
    static func recorded(_ record: KernelRuleRecord) -> [String: [KernelState.Rule]] {
        var rules: [String: [KernelState.Rule]] = [:]
        for table in record.tables {
            for chain in table.chains {
                rules["\(table.name) \(chain.name)"] = chain.rules.map {
                    KernelState.Rule(handle: $0.handle, digest: RuleDigest(high: $0.digestHigh, low: $0.digestLow))
                }
            }
        }
        return rules
    }

    /// Checks the record's rules against a dump.
    static func expectRecordMatchesDump(_ record: KernelRuleRecord?, in namespace: TestNamespace) throws {
        let record = try #require(record)
        let dump = try dumped(record, in: namespace)
        #expect(recorded(record).count == dump.count)
        for (chain, rules) in recorded(record) {
            #expect(dump[chain]?.map(\.handle) == rules.map(\.handle), "handles of \(chain)")
            #expect(dump[chain]?.map(\.digest) == rules.map(\.digest), "digests of \(chain)")
        }
    }

    /// Checks the record against a dump, and each table's last handle, where known, against the
    /// handle the kernel gives the next rule added there (which changes the table: call last).
    static func expectRecordMatchesKernel(_ record: KernelRuleRecord?, in namespace: TestNamespace) throws {
        let record = try #require(record)
        try expectRecordMatchesDump(record, in: namespace)
        for table in record.tables {
            guard let lastHandle = table.lastHandle else { continue }
            let family = NftFamily(kernelFamily: table.family)?.name ?? "inet"
            let chain = try #require(table.chains.first?.name)
            try namespace.nft("add", "rule", family, table.name, chain, "counter")
            let handles = try namespace.rules(family: family, table: table.name, chain: chain).map(\.handle)
            #expect(handles.last == Int(lastHandle) + 1, "next handle in \(table.name)")
        }
    }

    @Test func aFirstLoadPredictsEveryHandleAndRecordsWhatADumpReads() throws {
        try TestNamespace.with { namespace in
            let report = try namespace.kernel().commit(Self.ruleset())
            #expect(report.echoedRuleCount == 0)
            #expect(report.checkedRuleCount > 0)
            #expect(report.checkedRuleCount <= 3 * PredictionCheck.rulesPerTable)
            #expect(report.ruleRecord?.ruleCount == report.ruleCount)
            #expect(report.ruleRecord?.tables.allSatisfy { $0.lastHandle != nil } == true)
            try Self.expectRecordMatchesKernel(report.ruleRecord, in: namespace)
        }
    }

    @Test func aReapplyGrowingAKeptTablePredictsFromTheRecordsLastHandle() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            let first = try kernel.commit(Self.ruleset())
            let report = try kernel.commit(Self.grownRuleset(), record: first.ruleRecord)
            #expect(!report.readRulesFromKernel)
            #expect(report.createdTables == ["ip fwd_extra"])
            #expect(report.recreatedBaseChains == ["inet fwd_bulk input"])
            #expect(report.ruleCount == 205)  // 2 in input and 2 in extra of fwd_filter, 200 + 1 in fwd_extra
            #expect(report.echoedRuleCount == 0)
            let record = try #require(report.ruleRecord)
            try Self.expectRecordMatchesDump(record, in: namespace)
            // A re-created chain lists after the others: compare the lines, not their order.
            #expect(
                try Self.lines(namespace.listRuleset())
                    == Self.lines(IncrementalCommitTests.freshListing(of: Self.grownRuleset())))

            // And again from that record, back to the first ruleset.
            let back = try kernel.commit(Self.ruleset(bulkChangedAt: 7), record: record)
            #expect(!back.readRulesFromKernel)
            #expect(back.echoedRuleCount == 0)
            #expect(back.ruleRecord?.tables.allSatisfy { $0.lastHandle != nil } == true)
            #expect(
                try Self.lines(namespace.listRuleset())
                    == Self.lines(IncrementalCommitTests.freshListing(of: Self.ruleset(bulkChangedAt: 7))))
            try Self.expectRecordMatchesKernel(back.ruleRecord, in: namespace)
        }
    }

    @Test func aForeignRuleMovesTheGenerationSoRulesAreReadAndEchoedThenPredictedAgain() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            let first = try kernel.commit(Self.ruleset())
            try namespace.nft("add", "rule", "inet", "fwd_bulk", "input", "tcp", "dport", "7", "drop")
            let report = try kernel.commit(Self.ruleset(bulkChangedAt: 50), record: first.ruleRecord)
            #expect(report.readRulesFromKernel)
            #expect(report.deletedRuleCount == 2)
            #expect(report.ruleCount == 1)
            #expect(report.echoedRuleCount == 1)
            let record = try #require(report.ruleRecord)
            try Self.expectRecordMatchesDump(record, in: namespace)
            // Known again from the echo where a rule was sent; unknown in the tables left alone.
            #expect(record.tables.map { $0.lastHandle != nil } == [false, false, true])

            let next = try kernel.commit(Self.ruleset(bulkChangedAt: 60), record: record)
            #expect(!next.readRulesFromKernel)
            #expect(next.echoedRuleCount == 0)
            try Self.expectRecordMatchesKernel(next.ruleRecord, in: namespace)
        }
    }

    @Test func handlesTakenByAnAbortedBatchMakeThePredictionFailAndNothingIsRecorded() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            let first = try kernel.commit(Self.ruleset())
            // A dry run takes a handle in fwd_bulk without moving the generation.
            try namespace.nft("-c", "add", "rule", "inet", "fwd_bulk", "input", "counter")
            let report = try kernel.commit(Self.ruleset(bulkChangedAt: 50), record: first.ruleRecord)
            #expect(!report.readRulesFromKernel)
            #expect(report.echoedRuleCount == 0)
            #expect(report.checkedRuleCount >= 1)
            #expect(report.ruleRecord == nil)
            #expect(
                try namespace.listRuleset() == IncrementalCommitTests.freshListing(of: Self.ruleset(bulkChangedAt: 50)))

            let next = try kernel.commit(Self.ruleset(bulkChangedAt: 60), record: report.ruleRecord)
            #expect(next.readRulesFromKernel)
            #expect(next.echoedRuleCount == 2)  // rule 50 back as it was, rule 60 changed
            try Self.expectRecordMatchesKernel(next.ruleRecord, in: namespace)
        }
    }

    @Test func theSampleHoldsTheFirstAndLastNewRuleOfEachPredictedTable() throws {
        let ruleset = NftRuleset(tables: [Rulesets.bulk(count: 1_000), Rulesets.filter()])
        let state = KernelState(generation: 1, tables: [])
        let plan = try CommitPlan(ruleset: ruleset, state: state)
        var batch = try NetlinkBatch(firstSequence: 100)
        let builder = try BatchBuilder(ruleset: ruleset, plan: plan, generation: 1, mode: .apply, into: &batch)
        let sample = PredictionCheck.sample(of: builder)
        let newRules = builder.origins.indices.filter { builder.origins[$0].kind == .newRule }
        let bulkRules = newRules.filter { builder.origins[$0].table == 0 }
        let filterRules = newRules.filter { builder.origins[$0].table == 1 }
        #expect(sample.count == PredictionCheck.rulesPerTable + filterRules.count)
        #expect(sample.contains(bulkRules[0]) && sample.contains(bulkRules[bulkRules.count - 1]))
        #expect(Set(filterRules).isSubset(of: Set(sample)))
        // Handles count from 1 in a new table: 2 chains, then the rules in order.
        #expect(builder.predictedHandle(ofMessage: bulkRules[0]) == 3)
        #expect(builder.predictedHandle(ofMessage: bulkRules[999]) == 1_002)
        #expect(builder.echoedRuleCount == 0)
    }
}
