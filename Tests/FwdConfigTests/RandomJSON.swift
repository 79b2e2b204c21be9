import Foundation

/// Random JSON texts, and random configs written both as YAML and as JSON with the same layout
/// (each table, chain and rule on the same line and column in both).
enum RandomJSON {
    /// A random JSON value nested at most `depth` deep, with random blanks and line breaks
    /// between tokens (never between a key and its colon, which YAML keeps on one line).
    static func value(depth: Int, using generator: inout SeededGenerator) -> String {
        let choice = Int.random(in: 0..<(depth > 0 ? 7 : 5), using: &generator)
        switch choice {
        case 0: return string(using: &generator)
        case 1: return number(using: &generator)
        case 2: return ["true", "false", "null"].randomElement(using: &generator) ?? "null"
        case 3, 4: return string(using: &generator)
        case 5:
            let items = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                blank(using: &generator) + value(depth: depth - 1, using: &generator) + blank(using: &generator)
            }
            return "[" + items.joined(separator: ",") + "]"
        default:
            let members = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                blank(using: &generator) + string(using: &generator) + ":" + blank(using: &generator)
                    + value(depth: depth - 1, using: &generator) + blank(using: &generator)
            }
            return "{" + members.joined(separator: ",") + "}"
        }
    }

    static let blanks = ["", "", " ", "\n", "\t", "\r\n", "\n    ", " \n\n "]
    static func blank(using generator: inout SeededGenerator) -> String {
        blanks.randomElement(using: &generator) ?? ""
    }

    /// Pieces of strings: plain text, every escape, and characters of 2, 3 and 4 UTF-8 bytes.
    static let stringPieces = [
        "a", "tcp", "10.0.0.1/8", " ", "#", ": ", "- ", "!x", "$y", "&z", "*w", "'", "%", "@", "`", "é", "中", "😀",
        "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u0041", "\\u00e9", "\\u4e2d", "\\u0000",
    ]

    static func string(using generator: inout SeededGenerator) -> String {
        let pieces = (0..<Int.random(in: 0...5, using: &generator)).map { _ in
            stringPieces.randomElement(using: &generator) ?? ""
        }
        return "\"" + pieces.joined() + "\""
    }

    static func number(using generator: inout SeededGenerator) -> String {
        ["0", "-0", "7", "22", "-12", "3.25", "1e5", "-2.5E-3", "65535", "99999999999999999999"]
            .randomElement(using: &generator) ?? "0"
    }

    /// A rule as written: keys and values (a text, or a list of texts).
    typealias RuleSpec = [(key: String, value: [String], isList: Bool)]

    static func scalar(_ key: String, _ value: String) -> (key: String, value: [String], isList: Bool) {
        (key, [value], false)
    }

    static func list(_ key: String, _ values: [String]) -> (key: String, value: [String], isList: Bool) {
        (key, values, true)
    }

    /// How many of ``rules`` (the first ones) are valid.
    static let validRules = 14

    /// Valid rules, and rules with a bad value, an unknown key or an undefined name.
    static let rules: [RuleSpec] = [
        [scalar("proto", "tcp"), scalar("dport", "22"), scalar("jump", "ACCEPT")],
        [scalar("proto", "udp"), list("source", ["10.0.0.0/8", "192.168.1.1"]), list("dport", ["53", "123"]), scalar("jump", "ACCEPT")],
        [list("ctstate", ["ESTABLISHED", "RELATED"]), scalar("jump", "ACCEPT")],
        [scalar("in", "lo"), scalar("jump", "ACCEPT")],
        [scalar("source", "!10.1.0.0/16"), scalar("jump", "DROP")],
        [scalar("proto", "icmp"), scalar("icmp-type", "echo-request"), scalar("limit", "5/second"), scalar("limit-burst", "10"), scalar("jump", "ACCEPT")],
        [scalar("proto", "tcp"), scalar("dport", "23"), scalar("jump", "REJECT"), scalar("reject-with", "tcp-reset")],
        [scalar("jump", "LOG"), scalar("log-prefix", "x: \"quoted\" é"), scalar("log-level", "info")],
        [scalar("mark", "0x1/0xff"), scalar("comment", "marked # not a comment"), scalar("jump", "RETURN")],
        [scalar("source", "fd00::/8"), scalar("proto", "tcp"), scalar("dport", "8000-8100"), scalar("jump", "DROP")],
        [scalar("destination", "2001:db8::1"), scalar("proto", "ipv6-icmp"), scalar("jump", "ACCEPT")],
        [scalar("use", "web"), scalar("source", "$admins")],
        [scalar("proto", "tcp"), scalar("dport", "$ports"), scalar("jump", "ACCEPT")],
        [scalar("jump", "chain-a")],
        [scalar("proto", "tcp"), scalar("dport", "99999"), scalar("jump", "ACCEPT")],
        [scalar("protocol", "tcp"), scalar("jump", "ACCEPT")],
        [scalar("proto", "tcpx"), scalar("source", "10.0.0.256"), scalar("jump", "ACCEPT")],
        [scalar("source", "$nowhere"), scalar("use", "nothing"), scalar("jump", "ACCEPT")],
        [scalar("jump", "ACCEPT"), scalar("jump", "DROP")],
        [scalar("in", "eth0"), scalar("jump", "SNAT")],
        [list("dport", []), scalar("jump", "ACCEPT")],
    ]

    /// The same random config as YAML (block style, one flow mapping per rule) and as JSON laid
    /// out so that every table, chain and rule starts on the same line and column.
    static func config(rules count: Int, onlyValid: Bool = false, using generator: inout SeededGenerator)
        -> (yaml: String, json: String)
    {
        let pool = onlyValid ? Array(rules.prefix(validRules)) : rules
        let picked = (0..<count).map { _ in pool.randomElement(using: &generator) ?? [] }
        let yamlRules: [String] = picked.map { "        - " + Self.yaml($0) }
        let jsonRules: [String] = picked.enumerated().map { index, rule in
            "          " + Self.json(rule) + (index + 1 < picked.count ? "," : "")
        }
        let yamlHead: [String] = [
            "define:", "  admins: [10.99.0.0/24, 10.98.0.1]", "  ports: [80, 443]",
            "templates:", "  web: {proto: tcp, dport: [80, 443], jump: ACCEPT}",
            "tables:", "  filter:", "    INPUT:", "      policy: DROP", "      rules:",
        ]
        let yamlTail: [String] = [
            "      # end of INPUT (JSON has a line here)",
            "    chain-a:", "      rules:", "        - {proto: tcp, dport: 22, jump: ACCEPT}",
            "  nat:", "    POSTROUTING:", "      rules:", "        - {out: eth0, jump: MASQUERADE}",
        ]
        let jsonHead: [String] = [
            "{\"define\": {", "  \"admins\": [\"10.99.0.0/24\", \"10.98.0.1\"],", "  \"ports\": [80, 443]},",
            " \"templates\": {", "  \"web\": {\"proto\": \"tcp\", \"dport\": [80, 443], \"jump\": \"ACCEPT\"}},",
            " \"tables\": {", "  \"filter\": {", "    \"INPUT\": {", "      \"policy\": \"DROP\",", "      \"rules\": [",
        ]
        let jsonTail: [String] = [
            "      ]},", "    \"chain-a\": {", "      \"rules\": [",
            "          {\"proto\": \"tcp\", \"dport\": 22, \"jump\": \"ACCEPT\"}]}},",
            "  \"nat\": {", "    \"POSTROUTING\": {", "      \"rules\": [", "          {\"out\": \"eth0\", \"jump\": \"MASQUERADE\"}]}}}}",
        ]
        let yaml = (yamlHead + yamlRules + yamlTail).joined(separator: "\n") + "\n"
        let json = (jsonHead + jsonRules + jsonTail).joined(separator: "\n") + "\n"
        return (yaml, json)
    }

    static func yaml(_ rule: RuleSpec) -> String {
        func text(_ value: String) -> String {
            let plain = !value.isEmpty && value.allSatisfy { $0.isLetter || $0.isNumber || "./-_$".contains($0) }
                && value.first != "-"
            return plain ? value : quotedForJSON(value)
        }
        let entries: [String] = rule.map { entry in
            let value = entry.isList ? "[" + entry.value.map(text).joined(separator: ", ") + "]" : text(entry.value[0])
            return entry.key + ": " + value
        }
        return "{" + entries.joined(separator: ", ") + "}"
    }

    static func json(_ rule: RuleSpec) -> String {
        func text(_ value: String) -> String {
            value.allSatisfy(\.isNumber) && !value.isEmpty && value.count < 6 ? value : quotedForJSON(value)
        }
        let entries: [String] = rule.map { entry in
            let value = entry.isList ? "[" + entry.value.map(text).joined(separator: ", ") + "]" : text(entry.value[0])
            return "\"" + entry.key + "\": " + value
        }
        return "{" + entries.joined(separator: ", ") + "}"
    }
}

/// `text` in double quotes, as YAML and JSON both read it (the texts above need only `\"` and `\\`).
func quotedForJSON(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}
