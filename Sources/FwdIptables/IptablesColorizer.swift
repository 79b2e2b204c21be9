/// ANSI colours for iptables-restore text shown on a terminal (PyPTables' `colorize`):
/// comments dim, table, chain and `COMMIT` lines bold, and the target of each rule coloured by
/// kind — ACCEPT green, DROP and REJECT red, LOG yellow, jumps to user chains blue, others cyan.
enum IptablesColorizer {
    static let reset = "\u{1B}[0m"
    static let dim = "\u{1B}[2m"
    static let bold = "\u{1B}[1m"
    static let red = "\u{1B}[31m"
    static let green = "\u{1B}[32m"
    static let yellow = "\u{1B}[33m"
    static let blue = "\u{1B}[34m"
    static let cyan = "\u{1B}[36m"

    /// A comment line, dimmed.
    static func comment(_ line: String) -> String { dim + line + reset }

    /// A `*table`, `:CHAIN` or `COMMIT` line, in bold.
    static func structure(_ line: String) -> String { bold + line + reset }

    /// A rule line: the target's name (the word after `-j` or `-g`) coloured by its kind.
    static func rule(matches: [String], target: [String]) -> String {
        guard target.count >= 2 else { return (matches + target).joined(separator: " ") }
        var coloured = target
        coloured[1] = colour(forTarget: target[1], isGoto: target[0] == "-g") + target[1] + reset
        return (matches + coloured).joined(separator: " ")
    }

    private static func colour(forTarget target: String, isGoto: Bool) -> String {
        if isGoto { return blue }
        switch target {
        case "ACCEPT": return green
        case "DROP", "REJECT": return red
        case "LOG": return yellow
        case "RETURN", "MASQUERADE", "SNAT", "DNAT", "REDIRECT", "MARK": return cyan
        default: return blue
        }
    }
}
