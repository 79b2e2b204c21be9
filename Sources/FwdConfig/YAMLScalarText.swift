/// Writes scalars for canonical YAML: plain when that is safe in a flow collection, else
/// double-quoted with escapes.
enum YAMLScalarText {
    /// `text` as a plain scalar when it can be one, else double-quoted.
    static func scalar(_ text: String) -> String {
        isSafePlain(text) ? text : quoted(text)
    }

    /// Whether `text` reads back as the same string when written plain, in block and flow
    /// context alike: a letter, digit or `_` first, then letters, digits and `_ . / + - :`,
    /// not ending in `:`, and not a word YAML tools take for a boolean or null.
    static func isSafePlain(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last else { return false }
        guard isWordByte(first), last != UInt8(ascii: ":") else { return false }
        guard text.utf8.allSatisfy({ isWordByte($0) || ".:/+-".utf8.contains($0) }) else { return false }
        return !reservedWords.contains(text.lowercased())
    }

    private static let reservedWords: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "y", "n"]

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
    }

    /// `text` double-quoted, with `\\`, `\"` and control characters escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case "\0": result += "\\0"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar.value == 0xFEFF || scalar.value == 0x2028 || scalar.value == 0x2029
                {
                    let hex = String(scalar.value, radix: 16)
                    result += scalar.value <= 0xFF
                        ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                        : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
