import CYAML
import FwdModel

/// Streams the events of one YAML text through libyaml's event parser (`yaml_parser_parse`),
/// without building a node tree.
///
/// Anchors, aliases and tags on collections are reported here, as they stream by (fwd does not
/// support them: `define:` and `templates:` do their work). After a syntax error, or at the end,
/// every call returns ``YAMLEvent/Kind/streamEnd``.
final class YAMLEventReader {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeMutableBufferPointer<UInt8>
    private let inputLength: Int
    private let fileName: String
    private var finished = false
    private var depth = 0

    /// The deepest nesting of mappings and lists accepted. A config needs about 7 levels; the
    /// limit also keeps libyaml's scanner, whose per-token work grows with the flow nesting
    /// depth, from going quadratic on hostile input.
    static let maximumDepth = 64
    /// Problems found while streaming: syntax errors, anchors, aliases, collection tags.
    private(set) var problems: [Diagnostic] = []
    /// The syntax error that ended the stream, if one did.
    private(set) var syntaxError: Diagnostic?

    /// A reader of `bytes`, naming `fileName` in its diagnostics.
    init(bytes: [UInt8], fileName: String) {
        self.fileName = fileName
        inputLength = bytes.count
        input = .allocate(capacity: max(bytes.count, 1))
        _ = input.initialize(from: bytes)
        parser = .allocate(capacity: 1)
        yaml_parser_initialize(parser)
        yaml_parser_set_input_string(parser, input.baseAddress, bytes.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        input.deallocate()
    }

    /// The next event; `streamEnd` at the end of the input and after a syntax error.
    func next() -> YAMLEvent {
        while !finished {
            var event = yaml_event_t()
            guard yaml_parser_parse(parser, &event) == 1 else {
                reportSyntaxError()
                finished = true
                break
            }
            defer { yaml_event_delete(&event) }
            guard let converted = convert(&event) else { continue }
            switch converted.kind {
            case .mappingStart, .sequenceStart:
                depth += 1
                if depth > YAMLEventReader.maximumDepth {
                    report(line: converted.line, column: converted.column,
                        "nesting deeper than \(YAMLEventReader.maximumDepth) levels; the rest of the file is not read")
                    finished = true
                    return YAMLEvent(kind: .streamEnd, line: converted.line, column: converted.column)
                }
            case .mappingEnd, .sequenceEnd:
                depth -= 1
            case .documentStart, .documentEnd, .scalar, .alias, .streamEnd:
                break
            }
            return converted
        }
        return YAMLEvent(kind: .streamEnd, line: 0, column: 0)
    }

    private func convert(_ event: inout yaml_event_t) -> YAMLEvent? {
        let line = event.start_mark.line + 1
        let column = event.start_mark.column + 1
        switch event.type {
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            if scalar.anchor != nil { reportAnchor(line: line, column: column) }
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            return YAMLEvent(
                kind: .scalar, line: line, column: column, text: text,
                tag: scalar.tag.map { String(cString: $0) }, isPlain: scalar.style == YAML_PLAIN_SCALAR_STYLE)
        case YAML_MAPPING_START_EVENT:
            let mapping = event.data.mapping_start
            if mapping.anchor != nil { reportAnchor(line: line, column: column) }
            if let tag = mapping.tag { checkCollectionTag(String(cString: tag), line: line, column: column) }
            return YAMLEvent(kind: .mappingStart, line: line, column: column)
        case YAML_SEQUENCE_START_EVENT:
            let sequence = event.data.sequence_start
            if sequence.anchor != nil { reportAnchor(line: line, column: column) }
            if let tag = sequence.tag { checkCollectionTag(String(cString: tag), line: line, column: column) }
            return YAMLEvent(kind: .sequenceStart, line: line, column: column)
        case YAML_MAPPING_END_EVENT:
            return YAMLEvent(kind: .mappingEnd, line: line, column: column)
        case YAML_SEQUENCE_END_EVENT:
            return YAMLEvent(kind: .sequenceEnd, line: line, column: column)
        case YAML_ALIAS_EVENT:
            report(line: line, column: column,
                "aliases (*name) are not supported; use define: for values and templates: for rules")
            return YAMLEvent(kind: .alias, line: line, column: column)
        case YAML_DOCUMENT_START_EVENT:
            return YAMLEvent(kind: .documentStart, line: line, column: column)
        case YAML_DOCUMENT_END_EVENT:
            return YAMLEvent(kind: .documentEnd, line: line, column: column)
        case YAML_STREAM_END_EVENT:
            finished = true
            return YAMLEvent(kind: .streamEnd, line: line, column: column)
        default:
            return nil
        }
    }

    private func reportAnchor(line: Int, column: Int) {
        report(line: line, column: column,
            "anchors (&name) are not supported; use define: for values and templates: for rules")
    }

    private func checkCollectionTag(_ tag: String, line: Int, column: Int) {
        guard tag != "tag:yaml.org,2002:map", tag != "tag:yaml.org,2002:seq" else { return }
        report(line: line, column: column, "tag '\(tag)' is not supported here")
    }

    private func report(line: Int, column: Int, _ message: String) {
        problems.append(Diagnostic(message, at: SourceLocation(file: fileName, line: line, column: column)))
    }

    private func reportSyntaxError() {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "unknown error"
        var mark = (line: state.problem_mark.line + 1, column: state.problem_mark.column + 1)
        if state.error == YAML_READER_ERROR {
            mark = position(ofByte: state.problem_offset)
        }
        var message = "YAML syntax error: \(problem)"
        if let context = state.context.map({ String(cString: $0) }) {
            message += " (\(context) at line \(state.context_mark.line + 1), column \(state.context_mark.column + 1))"
        }
        let index = Int(state.problem_mark.index)
        if state.error == YAML_SCANNER_ERROR, index < inputLength, input[index] == UInt8(ascii: "@") {
            message += "; a set reference must be quoted: \"@name\""
        }
        if state.error == YAML_READER_ERROR, state.problem_value != -1 {
            message += " (byte 0x\(String(UInt32(bitPattern: state.problem_value), radix: 16)))"
        }
        report(line: mark.line, column: mark.column, message)
        syntaxError = problems.last
    }

    /// The 1-based line and column of byte `offset` of the input (for reader errors, which
    /// libyaml locates by offset only).
    private func position(ofByte offset: Int) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for byte in input.prefix(min(offset, inputLength)) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}
