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
        let declared = Self.declaredSets(of: ruleset)
        let tables = ruleset.tables.map { table in
            var lowerer = RuleLowerer(sets: SetRegistry(firstID: nextSetID), declaredSets: declared)
            let nftTable = lower(table, with: &lowerer)
            nextSetID = lowerer.sets.nextID
            return nftTable
        }
        return NftRuleset(tables: tables)
    }

    private func lower(_ table: Table, with lowerer: inout RuleLowerer) -> NftTable {
        let chains = Self.orderedChains(of: table).map { chain in
            Self.chain(chain, of: table, rules: chain.rules.flatMap { rule in
                ListSplit.rules(for: rule).map { lowerer.lower($0) }
            })
        }
        return Self.table(table, chains: chains, sets: lowerer.sets.sets)
    }

    /// The chains of `table` in the order they are lowered: builtin chains in hook order, then
    /// user chains in definition order.
    static func orderedChains(of table: Table) -> [Chain] {
        let builtinChains = table.kind.builtinChains.compactMap { table[$0] }
        return builtinChains + table.chains.filter { !table.isBuiltin($0) }
    }

    /// The nftables chain of the model's `chain` holding `rules`.
    static func chain(_ chain: Chain, of table: Table, rules: [NftRule]) -> NftChain {
        NftChain(
            name: chain.name, base: NftBaseChain(builtin: chain.name, of: table.kind, policy: chain.policy ?? .accept),
            rules: rules, location: chain.location)
    }

    /// The nftables table of the model's `table` holding `chains` and `sets`.
    static func table(_ table: Table, chains: [NftChain], sets: [NftSet]) -> NftTable {
        NftTable(
            family: .inet, name: NftablesLowering.tableName(for: table.kind), chains: chains, sets: sets,
            location: table.location)
    }

    /// The ruleset's named sets by name (the first of a name, should validation have let two through).
    static func declaredSets(of ruleset: Ruleset) -> [String: NamedSet] {
        Dictionary(ruleset.sets.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The name of fwd's nftables table for `kind`: `fwd_filter`, `fwd_nat`, …
    public static func tableName(for kind: TableKind) -> String { "fwd_\(kind.rawValue)" }
}
