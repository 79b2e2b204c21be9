import FwdModel

/// Streams the events of one JSON text (RFC 8259), byte by byte, as the same ``YAMLEvent``s that
/// libyaml gives for it: the fast path for large generated configs, with about a fifth of the
/// instructions of libyaml's parse (including the strings it makes).
///
/// Strings are quoted scalars and numbers, `true`, `false` and `null` plain ones, each at the
/// line and column (in characters) where it starts; objects and arrays are mappings and
/// sequences. Duplicate keys are the parser's concern, as they are for YAML. The first syntax
/// error is reported (`JSON syntax error: …` with what is wrong) and ends the stream, as does
/// nesting deeper than ``YAMLEventReader/maximumDepth``.
final class JSONEventReader: ConfigEventReader {
    /// What is open at each level.
    enum Container { case object, array }

    /// Where the reader is in the grammar.
    enum State {
        case beforeDocument, value, firstMember, member, colon, firstElement, element, afterValue, afterDocument
        case finished
    }

    /// The bytes with one 0 after them: every scanning loop stops there, as 0 (a control
    /// character) ends every token, so no loop needs its own bounds check.
    let input: UnsafeMutableBufferPointer<UInt8>
    /// The number of bytes of the text (without the 0).
    let count: Int
    let fileName: String
    // The reader's state, touched for every byte and event. Only `next()` and what it calls
    // reach it, one call at a time, so the exclusivity checks at run time are left out.

    /// The next byte to read.
    @exclusivity(unchecked) var offset = 0
    /// The current 1-based line, and the offset where it starts.
    @exclusivity(unchecked) var line = 1
    @exclusivity(unchecked) var lineStart = 0
    /// UTF-8 continuation bytes between `lineStart` and `offset` (columns count characters).
    @exclusivity(unchecked) var continuationBytes = 0
    @exclusivity(unchecked) var containers: [Container] = []
    @exclusivity(unchecked) var state = State.beforeDocument
    private(set) var problems: [Diagnostic] = []
    private(set) var syntaxError: Diagnostic?
    /// What every call returns once the stream has ended.
    private(set) var endEvent = YAMLEvent(kind: .streamEnd, line: 1, column: 1)

    /// A reader of `bytes`, naming `fileName` in its diagnostics.
    init(bytes: [UInt8], fileName: String) {
        self.fileName = fileName
        count = bytes.count
        input = .allocate(capacity: bytes.count + 1)
        _ = input.initialize(from: bytes)
        input[bytes.count] = 0
    }

    deinit { input.deallocate() }

    /// The next event; `streamEnd` at the end of the input and after a syntax error.
    func next() -> YAMLEvent {
        while true {
            switch state {
            case .beforeDocument:
                skipWhitespace()
                state = .value
                return event(.documentStart)
            case .value:
                skipWhitespace()
                return readValue()
            case .firstMember, .member:
                skipWhitespace()
                if state == .firstMember, input[offset] == UInt8(ascii: "}") { return close(.mappingEnd) }
                guard input[offset] == UInt8(ascii: "\"") else {
                    return fail(state == .firstMember
                        ? "expected a key in double quotes or '}', found \(found())"
                        : "expected a key in double quotes after ',', found \(found())"
                            + (input[offset] == UInt8(ascii: "}") ? " (JSON allows no ',' before '}')" : ""))
                }
                state = .colon
                return readString()
            case .colon:
                skipWhitespace()
                guard input[offset] == UInt8(ascii: ":") else {
                    return fail("expected ':' after the key, found \(found())")
                }
                offset += 1
                state = .value
            case .firstElement, .element:
                skipWhitespace()
                if input[offset] == UInt8(ascii: "]") {
                    if state == .firstElement { return close(.sequenceEnd) }
                    return fail("expected a value after ',', found ']' (JSON allows no ',' before ']')")
                }
                state = .value
            case .afterValue:
                skipWhitespace()
                switch containers.last {
                case nil:
                    state = .afterDocument
                    return event(.documentEnd)
                case .object:
                    if input[offset] == UInt8(ascii: "}") { return close(.mappingEnd) }
                    guard input[offset] == UInt8(ascii: ",") else {
                        return fail("expected ',' or '}' after an object's value, found \(found())")
                    }
                    offset += 1
                    state = .member
                case .array:
                    if input[offset] == UInt8(ascii: "]") { return close(.sequenceEnd) }
                    guard input[offset] == UInt8(ascii: ",") else {
                        return fail("expected ',' or ']' after an array's value, found \(found())")
                    }
                    offset += 1
                    state = .element
                }
            case .afterDocument:
                skipWhitespace()
                guard offset == count else {
                    return fail("expected the end of the file after the JSON value, found \(found())")
                }
                state = .finished
                endEvent = event(.streamEnd)
                return endEvent
            case .finished:
                return endEvent
            }
        }
    }

    /// The value starting at `offset`: a scalar, or the start of an object or array.
    private func readValue() -> YAMLEvent {
        switch input[offset] {
        case UInt8(ascii: "{"): return open(.object)
        case UInt8(ascii: "["): return open(.array)
        case UInt8(ascii: "\""):
            state = .afterValue
            return readString()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            state = .afterValue
            return readNumber()
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            state = .afterValue
            return readLiteral()
        default:
            return fail("expected a value (a string in double quotes, a number, true, false, null, an object"
                + " or an array), found \(found())")
        }
    }

    private func open(_ container: Container) -> YAMLEvent {
        let start = event(container == .object ? .mappingStart : .sequenceStart)
        guard containers.count < YAMLEventReader.maximumDepth else {
            problems.append(Diagnostic(
                "nesting deeper than \(YAMLEventReader.maximumDepth) levels; the rest of the file is not read",
                at: SourceLocation(file: fileName, line: start.line, column: start.column)))
            state = .finished
            endEvent = YAMLEvent(kind: .streamEnd, line: start.line, column: start.column)
            return endEvent
        }
        containers.append(container)
        offset += 1
        state = container == .object ? .firstMember : .firstElement
        return start
    }

    private func close(_ kind: YAMLEvent.Kind) -> YAMLEvent {
        let end = event(kind)
        containers.removeLast()
        offset += 1
        state = .afterValue
        return end
    }

    /// An event of `kind` at `offset`.
    func event(_ kind: YAMLEvent.Kind) -> YAMLEvent {
        YAMLEvent(kind: kind, line: line, column: column)
    }

    /// The column of `offset` (on the current line, where every non-ASCII byte so far was
    /// inside a string, whose continuation bytes are counted).
    var column: Int { offset - lineStart - continuationBytes + 1 }

    /// Reports the syntax error `message` at byte `position` (default: the next byte) and ends
    /// the stream.
    func fail(_ message: String, at position: Int? = nil) -> YAMLEvent {
        let column = column(at: position ?? offset)
        let diagnostic = Diagnostic(
            "JSON syntax error: " + message, at: SourceLocation(file: fileName, line: line, column: column))
        problems.append(diagnostic)
        syntaxError = diagnostic
        state = .finished
        endEvent = YAMLEvent(kind: .streamEnd, line: line, column: column)
        return endEvent
    }

    /// The 1-based column, in characters, of byte `position` of the current line.
    private func column(at position: Int) -> Int {
        var column = 1
        for index in lineStart..<max(lineStart, min(position, count)) where input[index] & 0xC0 != 0x80 {
            column += 1
        }
        return column
    }

    /// Skips spaces, tabs and line breaks (LF, CR LF, or a lone CR, which libyaml counts too).
    func skipWhitespace() {
        var index = offset
        while true {
            switch input[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                index += 1
            case UInt8(ascii: "\n"):
                index += 1
                startLine(at: index)
            case UInt8(ascii: "\r"):
                index += 1
                if input[index] == UInt8(ascii: "\n") { index += 1 }
                startLine(at: index)
            default:
                offset = index
                return
            }
        }
    }

    private func startLine(at index: Int) {
        line += 1
        lineStart = index
        continuationBytes = 0
    }

    /// Whether `byte` is JSON whitespace.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }
}
