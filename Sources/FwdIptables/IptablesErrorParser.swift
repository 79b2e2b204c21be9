/// Reads iptables-restore's error output: the script line it names and its own explanation.
///
/// The tools say where in several ways: `Error occurred at line: 12` (a line it could not
/// parse), `iptables-restore: line 12 failed` (legacy: a table the kernel refused at `COMMIT`),
/// `line 12: RULE_APPEND failed (Invalid argument): rule in chain INPUT` (nft variant).
enum IptablesErrorParser {
    /// The line named (the first one found) and the explanation, boilerplate removed.
    static func parse(_ standardError: String) -> (line: Int?, message: String) {
        var line: Int?
        var messages: [String] = []
        for rawLine in standardError.split(whereSeparator: \.isNewline) {
            let text = String(rawLine).trimmingBlanks()
            if text.isEmpty || text.hasPrefix("Try `") { continue }
            if let number = number(after: "Error occurred at line:", in: text) {
                line = line ?? number
                continue
            }
            if let failed = text.firstRange(of: " failed"), text.hasSuffix(" failed"),
                let number = number(after: "line", in: String(text[..<failed.lowerBound]).lastWords(2))
            {
                line = line ?? number
                continue
            }
            if text.hasPrefix("line "), let colon = text.firstIndex(of: ":"),
                let number = Int(text[text.index(text.startIndex, offsetBy: 5)..<colon])
            {
                line = line ?? number
                messages.append(String(text[text.index(after: colon)...]).trimmingBlanks())
                continue
            }
            let message = withoutToolPrefix(text)
            if !message.isEmpty { messages.append(message) }
        }
        return (line, messages.joined(separator: "; "))
    }

    /// The integer after `prefix` at the start of `text`.
    private static func number(after prefix: String, in text: String) -> Int? {
        guard text.hasPrefix(prefix) else { return nil }
        return Int(String(text.dropFirst(prefix.count)).trimmingBlanks())
    }

    /// `text` without a leading `iptables-restore v1.8.9 (legacy): `.
    private static func withoutToolPrefix(_ text: String) -> String {
        guard text.contains("tables"), let marker = text.firstRange(of: "): ") ?? text.firstRange(of: "):"),
            text[..<marker.lowerBound].contains(" v")
        else { return text }
        return String(text[marker.upperBound...]).trimmingBlanks()
    }
}

extension String {
    /// The string without leading and trailing blanks.
    func trimmingBlanks() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(drop(while: isBlank).reversed().drop(while: isBlank).reversed())
    }

    /// The last `count` blank-separated words, joined by one space.
    func lastWords(_ count: Int) -> String {
        split(separator: " ").suffix(count).joined(separator: " ")
    }
}
