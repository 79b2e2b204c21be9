import FwdModel

extension IptablesSaveText {
    /// The `iptables-restore -c --noflush` script that takes fwd's tables from `current` back to
    /// this save without a window and without touching what is not fwd's.
    ///
    /// `owned` names fwd's tables, each with fwd's user chains (those of the ruleset in force,
    /// the one being undone); nil when unknown, which makes every table and every user chain
    /// count as fwd's. For each owned table whose lines differ (counters aside): the saved chain
    /// declarations (policies and counters; declaring a user chain flushes it), `-F` of the
    /// builtin chains, `-F` then `-X` of fwd's user chains that the save does not have, then the
    /// saved rules, all in the table's one commit. Tables fwd does not own and user chains others
    /// created since the save (docker's, say) are left as they are; a table fwd owns that did not
    /// exist at the save goes back to empty builtin chains with policy ACCEPT. Empty when nothing
    /// differs.
    func rollbackScript(from current: IptablesSaveText, owned: [TableKind: Set<String>]?) -> String {
        var script = ""
        for kind in TableKind.allCases where owned == nil || owned?[kind] != nil {
            let saved = comparableLines(kind)
            let now = current.comparableLines(kind)
            guard saved != nil || now != nil, saved != now else { continue }
            let lines = blocks[kind].map { $0.map(String.init) } ?? Self.emptyBlock(kind).split(separator: "\n").map(String.init)
            let declared = Self.chainNames(in: lines)
            let fwdChains = owned?[kind]
            let stale = Self.chainNames(in: current.blocks[kind].map { $0.map(String.init) } ?? []).filter { name in
                !kind.isBuiltin(name) && !declared.contains(name) && (fwdChains?.contains(name) ?? true)
            }
            let resets = declared.filter(kind.isBuiltin).map { "-F \($0)" } + stale.map { "-F \($0)" }
                + stale.map { "-X \($0)" }
            let afterDeclarations = (lines.lastIndex { $0.hasPrefix(":") } ?? 0) + 1
            var table = lines
            table.insert(contentsOf: resets, at: min(afterDeclarations, table.count))
            script += table.joined(separator: "\n") + "\n"
        }
        return script
    }

    /// The chains declared (`:NAME POLICY [p:b]`) in a table's lines, in order.
    private static func chainNames(in lines: [String]) -> [String] {
        lines.compactMap { line in
            guard line.hasPrefix(":"), let name = line.dropFirst().split(separator: " ").first else { return nil }
            return String(name)
        }
    }
}
