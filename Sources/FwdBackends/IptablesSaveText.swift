import FwdModel

/// `iptables-save -c` output split into its tables, to put back only the tables that changed.
struct IptablesSaveText {
    /// Each table's lines, from `*table` through `COMMIT`.
    private(set) var blocks: [TableKind: [Substring]] = [:]

    /// Splits `text`; tables fwd does not know by name are left out (fwd never changes them).
    init(_ text: String) {
        var current: (kind: TableKind, lines: [Substring])?
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("*") {
                current = TableKind(rawValue: String(line.dropFirst())).map { ($0, [line]) }
            } else if var table = current {
                table.lines.append(line)
                current = table
                if line == "COMMIT" {
                    blocks[table.kind] = table.lines
                    current = nil
                }
            }
        }
    }

    /// The table's text, ready for `iptables-restore -c`, or nil when it was not saved.
    func block(_ kind: TableKind) -> String? {
        blocks[kind].map { $0.joined(separator: "\n") + "\n" }
    }

    /// A table holding only its builtin chains, with policy ACCEPT and no rules: what loading
    /// a missing table gives.
    static func emptyBlock(_ kind: TableKind) -> String {
        (["*\(kind)"] + kind.builtinChains.map { ":\($0) ACCEPT [0:0]" } + ["COMMIT"]).joined(separator: "\n") + "\n"
    }

    /// The table's lines without comments and counters, to compare two saves.
    func comparableLines(_ kind: TableKind) -> [String]? {
        blocks[kind].map { lines in lines.filter { !$0.hasPrefix("#") }.map(Self.withoutCounters) }
    }

    /// `:INPUT DROP [12:3400]` → `:INPUT DROP`; `[3:180] -A INPUT …` → `-A INPUT …`.
    static func withoutCounters(_ line: Substring) -> String {
        if line.hasPrefix("["), let end = line.firstIndex(of: "]") {
            return String(line[line.index(after: end)...].drop(while: { $0 == " " }))
        }
        if line.hasPrefix(":"), line.hasSuffix("]"), let start = line.lastIndex(of: "[") {
            return String(line[..<start].reversed().drop(while: { $0 == " " }).reversed())
        }
        return String(line)
    }
}
