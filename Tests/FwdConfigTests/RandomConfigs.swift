import Foundation

/// A small deterministic random generator (SplitMix64), so that a failing case can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// Random valid configs (every value drawn from pools of valid ones) and mutations of any text.
enum RandomConfigs {
    static let filterRules = [
        "{proto: tcp, dport: 22, jump: ACCEPT}",
        "{proto: udp, source: [10.0.0.0/8, 192.168.1.1], dport: [53, 123], jump: ACCEPT}",
        "{ctstate: [ESTABLISHED, RELATED], jump: ACCEPT}",
        "{in: lo, jump: ACCEPT}",
        #"{source: "!10.1.0.0/16", jump: DROP}"#,
        "{proto: icmp, icmp-type: echo-request, limit: 5/second, limit-burst: 10, jump: ACCEPT}",
        "{proto: icmpv6, icmp-type: echo-request, jump: ACCEPT}",
        "{proto: tcp, dport: 23, jump: REJECT, reject-with: tcp-reset}",
        #"{jump: LOG, log-prefix: "x: ", log-level: info}"#,
        "{mark: 0x1/0xff, comment: marked, jump: RETURN}",
        "{source: fd00::/8, proto: tcp, dport: 8000-8100, jump: DROP}",
        "{use: web, source: $admins}",
        "{proto: tcp, dport: $ports, jump: ACCEPT}",
        "{jump: chain-a}",
    ]

    /// A valid config of about `rules` rules.
    static func validConfig(rules: Int, using generator: inout SeededGenerator) -> String {
        var lines = [
            "define:", "  admins: [10.99.0.0/24, 10.98.0.1]", "  ports: [80, 443]",
            "templates:", "  web: {proto: tcp, dport: [80, 443], jump: ACCEPT}",
            "tables:", "  filter:", "    INPUT:", "      policy: DROP", "      rules:",
        ]
        for _ in 0..<rules { lines.append("        - " + (filterRules.randomElement(using: &generator) ?? "{}")) }
        lines += ["    chain-a:", "      rules:", "        - {proto: tcp, dport: 22, jump: ACCEPT}", "  nat:",
            "    POSTROUTING:", "      rules:", "        - {out: eth0, jump: MASQUERADE}"]
        return lines.joined(separator: "\n") + "\n"
    }

    static let replacements = [
        "{a: 1}", "[1, [2]]", "!x", "!", "*alias", "&anchor x", "''", "\"\\x00\"", "~", "null", "-1", "0x",
        String(repeating: "9", count: 40), String(repeating: "x", count: 5_000), "\t", ": :", "? a", "- -",
        "\u{FEFF}", "é", "$", "$nope", "!$admins", "[", "{", "}", "]", ",", "#", "|", ">", "%YAML 1.1", "---",
        "...", "\"unterminated", "'", "1-2-3", "10.0.0.1-", "::", "[fd00::1]:", "0/0", "ACCEPT", "use", "jump",
    ]

    /// `text` changed in one random way.
    static func mutate(_ text: String, using generator: inout SeededGenerator) -> String {
        var lines = text.components(separatedBy: "\n")
        let index = lines.indices.randomElement(using: &generator) ?? 0
        switch Int.random(in: 0..<10, using: &generator) {
        case 0:
            if !lines.isEmpty { lines.remove(at: index) }
        case 1:
            if !lines.isEmpty { lines.insert(lines[index], at: index) }
        case 2:
            let other = lines.indices.randomElement(using: &generator) ?? 0
            if !lines.isEmpty { lines.swapAt(index, other) }
        case 3:
            var line = Array(lines.isEmpty ? "" : lines[index])
            let position = Int.random(in: 0...line.count, using: &generator)
            line.insert(contentsOf: replacements.randomElement(using: &generator) ?? "", at: position)
            if !lines.isEmpty { lines[index] = String(line) }
        case 4:
            var line = Array(lines.isEmpty ? "" : lines[index])
            if !line.isEmpty { line.remove(at: Int.random(in: 0..<line.count, using: &generator)) }
            if !lines.isEmpty { lines[index] = String(line) }
        case 5:
            let depth = Int.random(in: 1...5_000, using: &generator)
            let open = Bool.random(using: &generator) ? "[" : "{a: "
            let close = open == "[" ? "]" : "}"
            lines.insert("        - " + String(repeating: open, count: depth) + String(repeating: close, count: depth), at: index)
        case 6:
            if !lines.isEmpty { lines[index] = "  " + lines[index] }
        case 7:
            if !lines.isEmpty, let colon = lines[index].firstIndex(of: ":") {
                lines[index] = String(lines[index][..<colon]) + ": " + (replacements.randomElement(using: &generator) ?? "")
            }
        case 8:
            let count = Int.random(in: 0...lines.count, using: &generator)
            lines = Array(lines.prefix(count))
        default:
            if !lines.isEmpty {
                lines[index] = lines[index].replacingOccurrences(of: " ", with: "\t")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Random bytes, biased towards YAML's punctuation.
    static func randomBytes(count: Int, using generator: inout SeededGenerator) -> [UInt8] {
        let punctuation = Array("{}[]:,-!&*?|>'\"%@`#\n \t$".utf8)
        return (0..<count).map { _ in
            Bool.random(using: &generator)
                ? (punctuation.randomElement(using: &generator) ?? 0) : UInt8.random(in: 0...255, using: &generator)
        }
    }
}
