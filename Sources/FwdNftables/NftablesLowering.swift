public import FwdModel

/// Lowers the rule model to the nftables objects and expressions fwd commits.
///
/// Each model table becomes an `inet` table named `fwd_<table>` (``tableName(for:)``) holding
/// IPv4 and IPv6 together. Builtin chains become base chains under their iptables names
/// (`INPUT`, `POSTROUTING`, …) with the standard type, hook and priority; user chains become
/// regular chains. Rules keep their order; a short list of ports or addresses becomes one rule per
/// element (``ListSplit``), a longer one a lookup in a named set shared per table, a negated one a
/// run of `!=` comparisons; lookups in the ruleset's ``NamedSet``s become lookups in a set of
/// that name in each table whose rules use it (see `docs/nftables.md`).
///
/// The input must be a validated ruleset (``Ruleset/validated()``): lowering does not report
/// errors. An invalid ruleset lowers without trapping, but to rules the kernel may refuse or that
/// do not mean what was written (an unknown ICMP name, for example, matches nothing).
public struct NftablesLowering: Sendable {
    /// A lowering.
    public init() {}

    /// The nftables description of `ruleset`, a validated ruleset: its tables in model order,
    /// base chains first (in hook order), then user chains in definition order.
    public func lower(_ ruleset: Ruleset) -> NftRuleset {
        var nextSetID: UInt32 = 1
        let declared = Dictionary(ruleset.sets.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let tables = ruleset.tables.map { table in
            var lowerer = RuleLowerer(sets: SetRegistry(firstID: nextSetID), declaredSets: declared)
            let nftTable = lower(table, with: &lowerer)
            nextSetID = lowerer.sets.nextID
            return nftTable
        }
        return NftRuleset(tables: tables)
    }

    private func lower(_ table: Table, with lowerer: inout RuleLowerer) -> NftTable {
        let builtinChains = table.kind.builtinChains.compactMap { table[$0] }
        let userChains = table.chains.filter { !table.isBuiltin($0) }
        let chains = (builtinChains + userChains).map { chain in
            NftChain(
                name: chain.name,
                base: NftBaseChain(builtin: chain.name, of: table.kind, policy: chain.policy ?? .accept),
                rules: chain.rules.flatMap { rule in ListSplit.rules(for: rule).map { lowerer.lower($0) } },
                location: chain.location)
        }
        return NftTable(
            family: .inet, name: NftablesLowering.tableName(for: table.kind), chains: chains,
            sets: lowerer.sets.sets, location: table.location)
    }

    /// The name of fwd's nftables table for `kind`: `fwd_filter`, `fwd_nat`, …
    public static func tableName(for kind: TableKind) -> String { "fwd_\(kind.rawValue)" }
}
