import FwdModel

/// The tables of one family as they were before an apply, to put back when the apply fails.
struct IptablesSnapshot: Sendable {
    /// The family the tables belong to.
    var family: IPFamily
    /// The saved tables, in order.
    var tables: [TableKind]
    /// iptables-save text (with counters) of every saved table, ready for iptables-restore -c.
    var text: String

    /// Saves `tables` of `family` with `iptables-save -c -t TABLE`.
    ///
    /// A table the tool prints nothing for (iptables-nft when the table does not exist yet) is
    /// recorded as its builtin chains with policy ACCEPT and no rules: what a missing table does.
    static func save(
        _ tables: [TableKind], family: IPFamily, tool: IptablesTool, runner: ToolRunner
    ) async throws(IptablesLoadError) -> IptablesSnapshot {
        let command = tool.saveCommand(for: family)
        var text = ""
        for table in tables {
            let output = try await runner.run(command, ["-c", "-t", table.rawValue])
            guard output.succeeded else {
                if let problem = IptablesLoader.environmentProblem(in: output.standardError) {
                    throw .environment("\(command): \(problem)")
                }
                throw .toolFailed(command: command, exitCode: output.exitCode, standardError: output.standardError)
            }
            text += output.standardOutput.contains("*\(table.rawValue)\n")
                ? tableBlock(table, in: output.standardOutput) : emptyTable(table)
        }
        return IptablesSnapshot(family: family, tables: tables, text: text)
    }

    /// Loads the saved tables back, counters included, windowless like an apply: the tables are
    /// kept (`--noflush`), their chains flushed and refilled in one commit per table, and user
    /// chains created since the save deleted (the tables are saved again to know which).
    func restore(tool: IptablesTool, runner: ToolRunner) async throws(IptablesLoadError) {
        let current = try await IptablesSnapshot.save(tables, family: family, tool: tool, runner: runner)
        let command = tool.restoreCommand(for: family)
        let output = try await runner.run(command, ["-w", "-c", "--noflush"], input: restoreScript(replacing: current))
        guard output.succeeded else {
            throw .toolFailed(command: command, exitCode: output.exitCode, standardError: output.standardError)
        }
    }

    /// The `*table` … `COMMIT` lines of `table` in iptables-save output.
    static func tableBlock(_ table: TableKind, in saved: String) -> String {
        var block: [Substring] = []
        var inside = false
        for line in saved.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "*\(table.rawValue)" { inside = true }
            if inside { block.append(line) }
            if inside, line == "COMMIT" { break }
        }
        return block.joined(separator: "\n") + "\n"
    }

    private static func emptyTable(_ table: TableKind) -> String {
        (["*\(table.rawValue)"] + table.builtinChains.map { ":\($0) ACCEPT [0:0]" } + ["COMMIT"])
            .joined(separator: "\n") + "\n"
    }
}
