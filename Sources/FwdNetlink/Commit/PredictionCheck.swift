internal import CLibMnl
import FwdNftables

/// After a commit, confirms the handles a ``BatchBuilder`` predicted for new rules instead of
/// having them echoed: reads a few of each table's new rules back by handle — a single-rule
/// `NFT_MSG_GETRULE` naming table, chain and `NFTA_RULE_HANDLE`, not a dump — and compares the
/// digest in their userdata with the one sent.
///
/// A prediction goes wrong when the table's handle count moved without the ruleset generation
/// moving: an aborted batch (someone's dry run or refused commit) took numbers since fwd recorded
/// the count. Then every new handle of the table is off by the same amount, and the table's first
/// new rule is not where predicted: that handle was taken by the aborted batch (nothing holds it)
/// or by one of the new chains or sets (not a rule of that chain). The rules spread over the rest
/// of the table guard against a count that drifts inside the batch. Any mismatch or error means
/// the record must not be trusted.
enum PredictionCheck {
    /// The most rules read back per table: its first and last new rule and others evenly between.
    /// Each read walks the rule's chain from its start (`__nft_rule_lookup`), ~1.5 ms for a rule
    /// at the end of a 100,000-rule chain: a few are enough (the first one catches a shift).
    static let rulesPerTable = 6

    /// The messages (offsets in the batch) of the new rules to read back: per table whose handles
    /// were predicted, its first and last new rule and up to ``rulesPerTable`` in all.
    static func sample(of builder: BatchBuilder) -> [Int] {
        var predictedByTable: [Int32: [Int]] = [:]
        for (offset, origin) in builder.origins.enumerated()
        where origin.kind == .newRule && builder.predictedHandle(ofMessage: offset) != nil {
            predictedByTable[origin.table, default: []].append(offset)
        }
        var sample: [Int] = []
        for table in predictedByTable.keys.sorted() {
            let offsets = predictedByTable[table] ?? []
            guard offsets.count > rulesPerTable else {
                sample += offsets
                continue
            }
            sample += (0..<rulesPerTable).map { offsets[$0 * (offsets.count - 1) / (rulesPerTable - 1)] }
        }
        return sample
    }

    /// Whether every rule of ``sample(of:)`` is in the kernel where predicted, with the digest
    /// sent; and how many were read.
    static func confirms(_ builder: BatchBuilder, using socket: borrowing NetlinkSocket) -> (
        confirmed: Bool, checked: Int
    ) {
        let sample = sample(of: builder)
        for (count, offset) in sample.enumerated() {
            let origin = builder.origins[offset]
            guard let handle = builder.predictedHandle(ofMessage: offset),
                let planPosition = builder.plan.tables.firstIndex(where: { $0.tableIndex == Int(origin.table) })
            else { return (false, count) }
            let table = builder.ruleset.tables[Int(origin.table)]
            let chain = table.chains[Int(origin.chain)].name
            let expected = builder.plan.tables[planPosition].ruleDigests[Int(origin.chain)][Int(origin.rule)]
            let found = try? readDigest(of: handle, table: table, chain: chain, using: socket)
            guard found == expected else { return (false, count + 1) }
        }
        return (true, sample.count)
    }

    /// The digest of the rule `handle` of `chain`, nil when it has none; throws when the kernel
    /// has no such rule in that chain (`ENOENT`).
    private static func readDigest(
        of handle: UInt64, table: NftTable, chain: String, using socket: borrowing NetlinkSocket
    ) throws(NftSystemError) -> RuleDigest? {
        let request = try NftnlRule()
        request.set(NFTNL_RULE_TABLE, table.name)
        request.set(NFTNL_RULE_CHAIN, chain)
        request.set(NFTNL_RULE_HANDLE, handle)
        var digest: RuleDigest?
        _ = try socket.request(
            NFT_MSG_GETRULE, family: table.family.kernelFamily, dump: false,
            what: "rule \(handle) of chain \(chain) in table \(table.name)",
            payload: { request.writePayload(into: $0) }
        ) { message throws(NftSystemError) in
            guard let rule = RuleAttributes(message), rule.handle == handle,
                rule.chain.elementsEqual(chain.utf8)
            else { return }
            digest = rule.userData.flatMap(RuleDigest.find(in:))
        }
        return digest
    }
}
