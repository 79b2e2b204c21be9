import FwdModel
@testable import FwdNftables
import Testing

/// Tables, chains and sets.
@Suite struct ObjectLoweringTests {
    @Test func eachTableIsAnInetTableNamedAfterIt() {
        let lowered = NftablesLowering().lower(.defaultTables())
        #expect(lowered.tables.map(\.name) == ["fwd_raw", "fwd_mangle", "fwd_nat", "fwd_filter", "fwd_security"])
        #expect(lowered.tables.allSatisfy { $0.family == .inet })
    }

    @Test func builtinChainsAreBaseChainsWithTheStandardTypeHookAndPriority() {
        let lowered = NftablesLowering().lower(.defaultTables())
        let bases = lowered.tables.flatMap { table in
            table.chains.map { "\(table.name) \($0.name) \($0.base.map { "\($0.type) \($0.hook) \($0.priority)" } ?? "-")" }
        }
        #expect(bases == [
            "fwd_raw PREROUTING filter prerouting -300", "fwd_raw OUTPUT filter output -300",
            "fwd_mangle PREROUTING filter prerouting -150", "fwd_mangle INPUT filter input -150",
            "fwd_mangle FORWARD filter forward -150", "fwd_mangle OUTPUT route output -150",
            "fwd_mangle POSTROUTING filter postrouting -150",
            "fwd_nat PREROUTING nat prerouting -100", "fwd_nat INPUT nat input 100",
            "fwd_nat OUTPUT nat output -100", "fwd_nat POSTROUTING nat postrouting 100",
            "fwd_filter INPUT filter input 0", "fwd_filter FORWARD filter forward 0", "fwd_filter OUTPUT filter output 0",
            "fwd_security INPUT filter input 50", "fwd_security FORWARD filter forward 50",
            "fwd_security OUTPUT filter output 50",
        ])
    }

    @Test func baseChainsComeFirstInHookOrderThenUserChainsInDefinitionOrder() {
        let table = Table(.filter, chains: [
            Chain("zeta"), Chain("OUTPUT", policy: .drop), Chain("alpha"), Chain("INPUT"),
        ])
        let lowered = NftablesLowering().lower(Ruleset([table])).tables[0]
        #expect(lowered.chains.map(\.name) == ["INPUT", "OUTPUT", "zeta", "alpha"])
        #expect(lowered.chains.map(\.base?.policy) == [.accept, .drop, nil, nil])
    }

    @Test func rulesKeepTheirOrderAndLocation() {
        let rules = [Rule(proto: "tcp", jump: .accept, line: 10), Rule(jump: .drop, line: 11)]
        let lowered = NftablesLowering().lower(Lower.ruleset(rules)).tables[0].chains[0].rules
        #expect(lowered.map(\.location.line) == [10, 11])
        #expect(lowered.map { $0.expressions.last } == [.verdict(.accept), .verdict(.drop)])
    }

    /// A rule with a `limit` keeps its lists whole (one bucket): the lists below stay sets.
    static let bucket = RateLimit(5, per: .second)

    @Test func theSameListIsOneSetWhateverItsOrder() {
        let ruleset = Lower.ruleset([
            Rule(proto: "tcp", dport: [443, 80, 80], limit: Self.bucket, jump: .accept),
            Rule(proto: "udp", sport: [80, 443], limit: Self.bucket, jump: .drop),
            Rule(proto: "tcp", dport: [80, 444], limit: Self.bucket, jump: .drop),
        ])
        let sets = NftablesLowering().lower(ruleset).tables[0].sets
        #expect(sets.count == 2)
        #expect(sets[0].elements == [NftSetElement(key: [0, 80]), NftSetElement(key: [1, 187])])
        #expect(sets.allSatisfy { !$0.isAnonymous && !$0.isInterval && $0.keyType == .inetService })
        #expect(Set(sets.map(\.id)).count == 2)
    }

    @Test func setNamesDependOnlyOnContent() {
        let first = NftablesLowering().lower(Lower.ruleset([
            Rule(source: ["10.0.0.1", "10.0.0.2"], limit: Self.bucket, jump: .accept),
        ]))
        let second = NftablesLowering().lower(Lower.ruleset([
            Rule(proto: "tcp", dport: [1, 2], limit: Self.bucket, jump: .accept),
            Rule(source: ["10.0.0.2", "10.0.0.1"], limit: Self.bucket, jump: .drop),
        ]))
        let name = first.tables[0].sets[0].name
        #expect(name.hasPrefix("fwd_s_") && name.count == 22)
        #expect(second.tables[0].sets.map(\.name).contains(name))
        #expect(second.tables[0].sets[0].name != name)
    }

    @Test func rangesAndNetworksMakeAnIntervalSetWithOverlapsMerged() throws {
        let ruleset = Lower.ruleset([
            Rule(source: ["10.0.0.0/8", "10.1.0.0/16", "192.168.0.1-192.168.0.9", "1.1.1.1"], limit: Self.bucket,
                jump: .accept),
        ])
        let set = try #require(NftablesLowering().lower(ruleset).tables[0].sets.first)
        #expect(set.isInterval && set.keyType == .ipv4Address)
        #expect(set.elements == [
            NftSetElement(key: [1, 1, 1, 1]),
            NftSetElement(from: [10, 0, 0, 0], to: [10, 255, 255, 255]),
            NftSetElement(from: [192, 168, 0, 1], to: [192, 168, 0, 9]),
        ])
    }

    @Test func setIDsAreUniqueAcrossTheBatch() {
        let ruleset = Ruleset([
            Table(.nat, chains: [Chain("PREROUTING", rules: [Rule(proto: "tcp", dport: [1, 2], limit: Self.bucket, jump: .accept)])]),
            Table(.filter, chains: [Chain("INPUT", rules: [Rule(proto: "tcp", dport: [1, 2], limit: Self.bucket, jump: .accept)])]),
        ])
        let lowered = NftablesLowering().lower(ruleset)
        #expect(lowered.tables.map { $0.sets.map(\.id) } == [[1], [2]])
        #expect(lowered.tables[0].sets[0].name == lowered.tables[1].sets[0].name)
    }
}

/// The family guard follows ``Rule/families``.
@Suite struct FamilyGuardTests {
    @Test func aRuleIsGuardedExactlyWhenItHasOneFamily() {
        let ruleset = Ruleset([Fixtures.mixedFilter(), Fixtures.nat()])
        let large = Fixtures.large(count: 400)
        for source in [ruleset, large] {
            let lowered = NftablesLowering().lower(source)
            for (table, nftTable) in zip(source.tables, lowered.tables) {
                for (chain, nftChain) in zip(table.kind.builtinChains.compactMap { table[$0] }
                    + table.chains.filter { !table.isBuiltin($0) }, nftTable.chains)
                {
                    let splitRules = chain.rules.flatMap { rule in ListSplit.rules(for: rule) }
                    #expect(splitRules.count == nftChain.rules.count)
                    for (rule, nftRule) in zip(splitRules, nftChain.rules) {
                        let guarded = nftRule.expressions.contains(.meta(.nfproto, destination: .r1))
                        #expect(guarded == (rule.families == .ipv4 || rule.families == .ipv6), "\(rule)")
                    }
                }
            }
        }
    }
}
