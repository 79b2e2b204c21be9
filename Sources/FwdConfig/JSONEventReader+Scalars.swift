import FwdModel

extension JSONEventReader {
    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")

    /// The string whose opening quote is at `offset`, as a quoted scalar.
    func readString() -> YAMLEvent {
        let line = line, column = column
        let start = offset + 1
        var index = start
        var highBits: UInt8 = 0
        while true {
            let byte = input[index]
            if byte == Self.quote || byte == Self.backslash || byte < 0x20 { break }
            highBits |= byte
            index += 1
        }
        guard input[index] == Self.quote else {
            return readEscapedString(line: line, column: column, start: start, from: index)
        }
        let bytes = UnsafeBufferPointer(rebasing: input[start..<index])
        let text: String
        if highBits < 0x80 {
            text = String(decoding: bytes, as: UTF8.self)
        } else {
            guard let valid = String(validating: bytes, as: UTF8.self) else { return failInvalidUTF8(start..<index) }
            text = valid
            countContinuationBytes(start..<index)
        }
        offset = index + 1
        return YAMLEvent(kind: .scalar, line: line, column: column, text: text)
    }

    /// The rest of a string with escapes, from `scanned` on (the bytes from `start` have none).
    private func readEscapedString(line: Int, column: Int, start: Int, from scanned: Int) -> YAMLEvent {
        var decoded = Array(UnsafeBufferPointer(rebasing: input[start..<scanned]))
        var index = scanned
        while input[index] != Self.quote {
            let byte = input[index]
            if byte == Self.backslash {
                guard let (unicode, length) = readEscape(at: index) else { return endEvent }
                decoded.append(contentsOf: unicode.utf8)
                index += length
            } else if byte < 0x20 {
                return index == count
                    ? fail("a string is not closed before the end of the file", at: start - 1)
                    : fail("control character \(Self.codePoint(byte)) inside a string; write it as an escape"
                        + " (\\n, \\t, \\u00XX)", at: index)
            } else {
                decoded.append(byte)
                index += 1
            }
        }
        guard let text = String(validating: decoded, as: UTF8.self) else { return failInvalidUTF8(start..<index) }
        countContinuationBytes(start..<index)
        offset = index + 1
        return YAMLEvent(kind: .scalar, line: line, column: column, text: text)
    }

    /// The character of the escape at `index` (a backslash) and the escape's length in bytes;
    /// nil after reporting a bad one.
    private func readEscape(at index: Int) -> (Unicode.Scalar, Int)? {
        let simple: Unicode.Scalar? = switch input[index + 1] {
        case UInt8(ascii: "\""): "\""
        case UInt8(ascii: "\\"): "\\"
        case UInt8(ascii: "/"): "/"
        case UInt8(ascii: "b"): "\u{08}"
        case UInt8(ascii: "f"): "\u{0C}"
        case UInt8(ascii: "n"): "\n"
        case UInt8(ascii: "r"): "\r"
        case UInt8(ascii: "t"): "\t"
        default: nil
        }
        if let simple { return (simple, 2) }
        guard input[index + 1] == UInt8(ascii: "u") else {
            _ = fail("unknown escape \(found(at: index, length: 2)) (JSON has \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t"
                + " and \\uXXXX)", at: index)
            return nil
        }
        guard let unit = hexQuad(at: index + 2) else {
            _ = fail("\\u needs four hexadecimal digits, found \(found(at: index, length: 6))", at: index)
            return nil
        }
        switch unit {
        case 0xD800...0xDBFF:
            guard input[index + 6] == Self.backslash, input[index + 7] == UInt8(ascii: "u"),
                let low = hexQuad(at: index + 8), (0xDC00...0xDFFF).contains(low),
                let pair = Unicode.Scalar(0x10000 + (unit - 0xD800) << 10 + (low - 0xDC00))
            else {
                _ = fail("\(found(at: index, length: 6)) is the first half of a UTF-16 surrogate pair;"
                    + " its second half (\\uDC00…\\uDFFF) must follow", at: index)
                return nil
            }
            return (pair, 12)
        case 0xDC00...0xDFFF:
            _ = fail("\(found(at: index, length: 6)) is the second half of a UTF-16 surrogate pair without the first",
                at: index)
            return nil
        default:
            return Unicode.Scalar(unit).map { ($0, 6) }
        }
    }

    /// The value of four hexadecimal digits at `index`, or nil (stops at the first non-digit,
    /// so it never reads past the closing 0).
    private func hexQuad(at index: Int) -> UInt32? {
        var value: UInt32 = 0
        for position in index..<(index + 4) {
            let byte = input[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Reports the first byte in `range` that does not start valid UTF-8.
    private func failInvalidUTF8(_ range: Range<Int>) -> YAMLEvent {
        var index = range.lowerBound
        while index < range.upperBound {
            let length = Self.validSequenceLength(input, at: index, end: range.upperBound)
            guard length > 0 else { break }
            index += length
        }
        return fail("invalid UTF-8 (byte 0x\(String(input[min(index, count)], radix: 16)))", at: index)
    }

    /// The length of the valid UTF-8 sequence at `index` (RFC 3629: no overlong forms, no
    /// surrogates, nothing above U+10FFFF), or 0.
    private static func validSequenceLength(
        _ bytes: UnsafeMutableBufferPointer<UInt8>, at index: Int, end: Int
    ) -> Int {
        let lead = bytes[index]
        let (length, secondRange): (Int, ClosedRange<UInt8>) = switch lead {
        case 0x00...0x7F: (1, 0x80...0xBF)
        case 0xC2...0xDF: (2, 0x80...0xBF)
        case 0xE0: (3, 0xA0...0xBF)
        case 0xED: (3, 0x80...0x9F)
        case 0xE1...0xEF: (3, 0x80...0xBF)
        case 0xF0: (4, 0x90...0xBF)
        case 0xF1...0xF3: (4, 0x80...0xBF)
        case 0xF4: (4, 0x80...0x8F)
        default: (0, 0x80...0xBF)
        }
        guard length > 1 else { return length }
        guard index + length <= end, secondRange.contains(bytes[index + 1]) else { return 0 }
        for next in (index + 2)..<(index + length) where !(0x80...0xBF).contains(bytes[next]) { return 0 }
        return length
    }

    /// Counts the UTF-8 continuation bytes of `range` (on the current line) for columns.
    private func countContinuationBytes(_ range: Range<Int>) {
        for index in range where input[index] & 0xC0 == 0x80 { continuationBytes += 1 }
    }

    /// The number at `offset`, as a plain scalar with the text as written.
    func readNumber() -> YAMLEvent {
        var index = offset
        if input[index] == UInt8(ascii: "-") { index += 1 }
        if input[index] == UInt8(ascii: "0") {
            index += 1
            if Self.isDigit(input[index]) {
                return fail("a number cannot start with 0 (JSON has no octal)", at: offset)
            }
        } else if Self.isDigit(input[index]) {
            while Self.isDigit(input[index]) { index += 1 }
        } else {
            return fail("expected a digit after '-', found \(found(at: index))", at: index)
        }
        if input[index] == UInt8(ascii: ".") {
            index += 1
            guard Self.isDigit(input[index]) else {
                return fail("expected a digit after '.', found \(found(at: index))", at: index)
            }
            while Self.isDigit(input[index]) { index += 1 }
        }
        if input[index] == UInt8(ascii: "e") || input[index] == UInt8(ascii: "E") {
            index += 1
            if input[index] == UInt8(ascii: "+") || input[index] == UInt8(ascii: "-") { index += 1 }
            guard Self.isDigit(input[index]) else {
                return fail("expected a digit in the exponent, found \(found(at: index))", at: index)
            }
            while Self.isDigit(input[index]) { index += 1 }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: input[offset..<index]), as: UTF8.self)
        let scalar = YAMLEvent(kind: .scalar, line: line, column: column, text: text, isPlain: true)
        offset = index
        return scalar
    }

    /// `true`, `false` or `null` at `offset`, as a plain scalar.
    func readLiteral() -> YAMLEvent {
        for word in ["true", "false", "null"] {
            var index = offset
            // Stops at the first difference, at the latest at the closing 0.
            for byte in word.utf8 {
                guard input[index] == byte else { break }
                index += 1
            }
            if index - offset == word.utf8.count {
                let scalar = YAMLEvent(kind: .scalar, line: line, column: column, text: word, isPlain: true)
                offset = index
                return scalar
            }
        }
        return fail("expected a value (a string in double quotes, a number, true, false, null, an object"
            + " or an array), found \(found())")
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// `U+000A` for a byte.
    static func codePoint(_ byte: UInt8) -> String {
        let hex = String(byte, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: 4 - hex.count) + hex
    }

    /// What stands at `index` (default: the next byte), for messages: `the end of the file`, a
    /// control character, or in quotes the word there (up to a delimiter, at most 20 bytes) or,
    /// with `length`, that many bytes.
    func found(at index: Int? = nil, length: Int? = nil) -> String {
        let start = index ?? offset
        guard start < count else { return "the end of the file" }
        let first = input[start]
        if first < 0x20 || first == 0x7F { return "control character \(Self.codePoint(first))" }
        let delimiters = Array(" \t\r\n,:[]{}\"".utf8)
        var end = start + 1
        if let length {
            while end < count, end - start < length, input[end] >= 0x20 { end += 1 }
        } else if !delimiters.contains(first) {
            while end < count, end - start < 20, input[end] >= 0x20, !delimiters.contains(input[end]) { end += 1 }
        }
        return "'" + String(decoding: UnsafeBufferPointer(rebasing: input[start..<end]), as: UTF8.self) + "'"
    }
}
