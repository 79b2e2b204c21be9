extension Duration {
    /// Parses a `--confirm` duration: `90s`, `5m`, `1h`, `500ms`, or a bare number of seconds.
    /// Nil for anything else, for zero, and for more than a day.
    public init?(confirmText text: String) {
        let digits = text.prefix(while: \.isASCIIDigitCharacter)
        guard !digits.isEmpty, digits.count <= 9, let value = Int64(digits), value > 0 else { return nil }
        let duration: Duration
        switch text.dropFirst(digits.count) {
        case "", "s", "sec": duration = .seconds(value)
        case "ms": duration = .milliseconds(value)
        case "m", "min": duration = .seconds(value * 60)
        case "h": duration = .seconds(value * 3600)
        default: return nil
        }
        guard duration <= .seconds(86_400) else { return nil }
        self = duration
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { ("0"..."9").contains(self) }
}
