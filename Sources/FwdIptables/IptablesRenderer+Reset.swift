import FwdModel

extension IptablesRenderer {
    /// The lines after a table's chain declarations that bring a kept table to the new state
    /// under `--noflush`: `-F` of every builtin chain, then `-F` and `-X` of each user chain in
    /// `staleChains` (all flushed before any is deleted, so that one stale chain jumping to
    /// another does not block the deletion). Declared user chains need no `-F`: declaring an
    /// existing user chain flushes it in both the legacy and the nft variant.
    func renderReset(of table: Table, removing staleChains: [String], into builder: inout ScriptBuilder) {
        let tableOrigin = IptablesLineOrigin(kind: .table, location: table.location, table: table.kind, chain: nil)
        builder.comment("# Kept, not re-created, under --noflush: empty the builtin chains", origin: tableOrigin)
        for name in table.kind.builtinChains {
            let origin = table[name].map { chainOrigin($0, table: table.kind) } ?? tableOrigin
            builder.structure("-F \(name)", origin: origin)
        }
        guard !staleChains.isEmpty else { return }
        builder.comment("# User chains no longer in the ruleset", origin: tableOrigin)
        for name in staleChains {
            builder.structure("-F \(name)", origin: tableOrigin)
        }
        for name in staleChains {
            builder.structure("-X \(name)", origin: tableOrigin)
        }
    }
}
