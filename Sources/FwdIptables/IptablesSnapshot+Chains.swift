import FwdModel

extension IptablesSnapshot {
    /// The chains `table` declares in the saved text (`:NAME POLICY [p:b]`), in order.
    func chains(in table: TableKind) -> [String] {
        IptablesSnapshot.tableBlock(table, in: text).split(separator: "\n").compactMap { line in
            guard line.hasPrefix(":"), let name = line.dropFirst().split(separator: " ").first else { return nil }
            return String(name)
        }
    }

    /// Per saved table that `ruleset` names, the user chains saved that the ruleset does not
    /// define: those an apply of `ruleset` must delete.
    func staleUserChains(keeping ruleset: Ruleset) -> [TableKind: [String]] {
        var stale: [TableKind: [String]] = [:]
        for table in ruleset.tables where tables.contains(table.kind) {
            let names = chains(in: table.kind).filter { name in
                !table.kind.builtinChains.contains(name) && table[name] == nil
            }
            if !names.isEmpty { stale[table.kind] = names }
        }
        return stale
    }

    /// This snapshot's text made to load with `--noflush` over `current` (the same tables as they
    /// are now): after each table's declarations, `-F` of every builtin chain it declares,
    /// `-P CHAIN ACCEPT` and `-F` of builtin chains only `current` has (a table saved as missing),
    /// then `-F` and `-X` of the user chains only `current` has. Declared user chains are flushed
    /// by their declaration.
    func restoreScript(replacing current: IptablesSnapshot) -> String {
        var script = ""
        for table in tables {
            let saved = chains(in: table)
            let now = current.chains(in: table)
            var reset: [String] = []
            for name in table.builtinChains where saved.contains(name) || now.contains(name) {
                if !saved.contains(name) { reset.append("-P \(name) ACCEPT") }
                reset.append("-F \(name)")
            }
            let stale = now.filter { !table.builtinChains.contains($0) && !saved.contains($0) }
            reset += stale.map { "-F \($0)" } + stale.map { "-X \($0)" }
            var lines = IptablesSnapshot.tableBlock(table, in: text).split(separator: "\n").map(String.init)
            let afterDeclarations = (lines.lastIndex { $0.hasPrefix(":") } ?? lines.firstIndex { $0.hasPrefix("*") } ?? -1) + 1
            lines.insert(contentsOf: reset, at: min(afterDeclarations, lines.count))
            script += lines.joined(separator: "\n") + "\n"
        }
        return script
    }
}
