extension YAMLSubsetReader {
    private static let space = UInt8(ascii: " "), lineBreak = UInt8(ascii: "\n"), hash = UInt8(ascii: "#")
    private static let doubleQuote = UInt8(ascii: "\""), singleQuote = UInt8(ascii: "'")

    /// Skips spaces on the current line.
    func skipSpaces() {
        while input[offset] == Self.space { offset += 1 }
    }

    /// Skips blanks, comments and line breaks up to the next content; false at the end of the
    /// text (or after giving up on a byte libyaml might reject: tabs, CR, controls, non-ASCII
    /// comments).
    func skipToContent() -> Bool {
        while true {
            skipSpaces()
            switch input[offset] {
            case Self.hash:
                var index = offset + 1
                while true {
                    let byte = input[index]
                    if byte == Self.lineBreak || byte == 0 { break }
                    guard byte >= 0x20 && byte < 0x7F || byte == UInt8(ascii: "\t") else {
                        giveUp()
                        return false
                    }
                    index += 1
                }
                offset = index
            case Self.lineBreak:
                offset += 1
                line += 1
                lineStart = offset
                continuationBytes = 0
            case 0 where offset == count:
                return false
            case 0x21..<0x7F:
                return true
            default:
                giveUp()
                return false
            }
        }
    }

    /// The scalar at `offset` (plain, or in double or single quotes without escapes), with
    /// `offset` after it (before any trailing blanks); nil after giving up.
    func scanScalar(inFlow: Bool) -> YAMLEvent? {
        switch input[offset] {
        case Self.doubleQuote, Self.singleQuote: scanQuoted()
        default: scanPlain(inFlow: inFlow)
        }
    }

    private func scanPlain(inFlow: Bool) -> YAMLEvent? {
        let start = offset
        let first = input[start]
        let startsWithIndicator = switch first {
        case UInt8(ascii: "-"):
            !(input[start + 1] >= UInt8(ascii: "0") && input[start + 1] <= UInt8(ascii: "9")
                || (input[start + 1] | 0x20) >= UInt8(ascii: "a") && (input[start + 1] | 0x20) <= UInt8(ascii: "z"))
        case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "{"), UInt8(ascii: "}"), Self.hash, UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"),
            UInt8(ascii: "|"), UInt8(ascii: ">"), Self.singleQuote, Self.doubleQuote, UInt8(ascii: "%"),
            UInt8(ascii: "@"), UInt8(ascii: "`"):
            true
        default:
            !(first > 0x20 && first < 0x7F)
        }
        guard !startsWithIndicator else { return abandon() }
        let result = event(.scalar)
        var index = start, end = start
        scan: while true {
            var byte = input[index]
            if Self.isOrdinaryPlain(byte) {  // the common bytes, without the switch below
                repeat {
                    index += 1
                    byte = input[index]
                } while Self.isOrdinaryPlain(byte)
                end = index
            }
            switch byte {
            case Self.space:
                if input[index + 1] == Self.hash { break scan }
                index += 1
                continue
            case UInt8(ascii: ":"):
                let next = input[index + 1]
                if isBlankOrEnd(next) { break scan }
                if inFlow, Self.isFlowIndicator(next) { return abandon() }
            case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                if inFlow { break scan }
            case Self.lineBreak, 0:
                break scan
            default:
                guard byte > 0x20 && byte < 0x7F else { return abandon() }
            }
            index += 1
            end = index
        }
        offset = end
        var scalar = result
        scalar.text = String(decoding: UnsafeBufferPointer(rebasing: input[start..<end]), as: UTF8.self)
        scalar.isPlain = true
        return scalar
    }

    private func scanQuoted() -> YAMLEvent? {
        let quote = input[offset]
        let start = offset + 1
        var index = start
        var highBits: UInt8 = 0
        while true {
            let byte = input[index]
            if byte == quote { break }
            guard byte >= 0x20 && byte != 0x7F || byte == UInt8(ascii: "\t"), quote == Self.singleQuote || byte != UInt8(ascii: "\\")
            else { return abandon() }
            highBits |= byte
            index += 1
        }
        if quote == Self.singleQuote, input[index + 1] == Self.singleQuote { return abandon() }  // '' escapes a quote
        var scalar = event(.scalar)
        let bytes = UnsafeBufferPointer(rebasing: input[start..<index])
        if highBits < 0x80 {
            scalar.text = String(decoding: bytes, as: UTF8.self)
        } else {
            guard let text = String(validating: bytes, as: UTF8.self),
                text.unicodeScalars.allSatisfy({ $0.value < 0x80 || Self.isPrintableForLibyaml($0.value) })
            else { return abandon() }
            scalar.text = text
            continuationBytes += bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 1 : 0) }
        }
        offset = index + 1
        return scalar
    }

    /// Whether libyaml's reader takes the code point (≥ 0x80) as it is, leaving aside the
    /// rare ones it treats specially (NEL, the byte order mark).
    private static func isPrintableForLibyaml(_ value: UInt32) -> Bool {
        value >= 0xA0 && value != 0xFEFF && value != 0xFFFE && value != 0xFFFF
    }

    /// Whether `byte` is printable ASCII other than a space, `:`, `,`, `[`, `]`, `{` and `}`: a
    /// byte that continues a plain scalar in any context (bit `byte` of two 64-bit masks).
    @inline(__always)
    static func isOrdinaryPlain(_ byte: UInt8) -> Bool {
        let low: UInt64 = 0xFBFF_EFFE_0000_0000, high: UInt64 = 0x57FF_FFFF_D7FF_FFFF
        return byte < 64 ? low >> UInt64(byte) & 1 != 0 : byte < 128 && high >> UInt64(byte - 64) & 1 != 0
    }

    static func isFlowIndicator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
            || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
    }

    /// Gives up and returns nil.
    private func abandon() -> YAMLEvent? {
        giveUp()
        return nil
    }

    /// The one-line flow mapping or list at `offset`, nested `depth` levels deep, into the queue;
    /// false after giving up.
    func readFlowCollection(depth: Int) -> Bool {
        guard depth < YAMLSubsetReader.maximumDepth else {
            giveUp()
            return false
        }
        let isMapping = input[offset] == UInt8(ascii: "{")
        let close = isMapping ? UInt8(ascii: "}") : UInt8(ascii: "]")
        queue.append(event(isMapping ? .mappingStart : .sequenceStart))
        offset += 1
        var afterComma = false
        while true {
            skipSpaces()
            if input[offset] == close {
                guard !afterComma else {  // a trailing comma: left to libyaml
                    giveUp()
                    return false
                }
                queue.append(event(isMapping ? .mappingEnd : .sequenceEnd))
                offset += 1
                return true
            }
            if isMapping {
                let keyStart = offset
                guard let key = scanScalar(inFlow: true) else { return false }
                skipSpaces()
                guard input[offset] == UInt8(ascii: ":"), input[offset + 1] == Self.space,
                    offset - keyStart < YAMLSubsetReader.maximumKeyLength
                else {
                    giveUp()
                    return false
                }
                queue.append(key)
                offset += 1
                skipSpaces()
            }
            if input[offset] == UInt8(ascii: "{") || input[offset] == UInt8(ascii: "[") {
                guard readFlowCollection(depth: depth + 1) else { return false }
            } else {
                guard let scalar = scanScalar(inFlow: true) else { return false }
                queue.append(scalar)
            }
            skipSpaces()
            if input[offset] == UInt8(ascii: ",") {
                offset += 1
                afterComma = true
            } else if input[offset] == close {
                afterComma = false
            } else {
                giveUp()
                return false
            }
        }
    }
}
