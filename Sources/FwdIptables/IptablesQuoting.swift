/// Quoting of free text (comments, log prefixes, interface names) for iptables-restore.
///
/// iptables-restore splits a line at blanks; inside double quotes a backslash takes the next
/// character literally. iptables-save writes a value bare when it is made only of letters,
/// digits, `_` and `-`, and otherwise in double quotes with `"`, `\` and `'` escaped; doing the
/// same makes generated text and read-back text compare equal.
enum IptablesQuoting {
    /// `value` as one iptables-restore word.
    static func quote(_ value: String) -> String {
        if !value.isEmpty, value.unicodeScalars.allSatisfy(isBare) { return value }
        var quoted = "\""
        for character in value {
            if character == "\"" || character == "\\" || character == "'" { quoted.append("\\") }
            quoted.append(character)
        }
        quoted.append("\"")
        return quoted
    }

    /// `value` as one word, quoted only when iptables-restore would otherwise split or unquote
    /// it (interface names, which iptables-save prints bare).
    static func word(_ value: String) -> String {
        let special: Set<Character> = [" ", "\t", "\"", "'", "\\"]
        return value.isEmpty || value.contains(where: special.contains) ? quote(value) : value
    }

    private static func isBare(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-": true
        default: false
        }
    }
}
