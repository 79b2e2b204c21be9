import FwdModel

/// A stream of parse events of one config file, as the config parser consumes it: libyaml's
/// (``YAMLEventReader``) for YAML, fwd's own (``JSONEventReader``) for JSON. Both give the same
/// events at the same positions for the same JSON text, so the parser cannot tell them apart.
protocol ConfigEventReader: AnyObject {
    /// The next event; ``YAMLEvent/Kind/streamEnd`` at the end of the input, and forever after a
    /// syntax error or a nesting too deep.
    func next() -> YAMLEvent
    /// Problems found while streaming, the syntax error among them.
    var problems: [Diagnostic] { get }
    /// The syntax error that ended the stream, if one did.
    var syntaxError: Diagnostic? { get }
}

extension YAMLEventReader: ConfigEventReader {}

/// Chooses the reader for a file.
enum ConfigEventReaders {
    /// When `fastReadersAllowed`: fwd's JSON reader when the first character that is not a
    /// blank or a line break is `{` or `[`, else its YAML subset reader. Otherwise libyaml's.
    static func reader(for bytes: [UInt8], fileName: String, fastReadersAllowed: Bool) -> any ConfigEventReader {
        guard fastReadersAllowed else { return YAMLEventReader(bytes: bytes, fileName: fileName) }
        if looksLikeJSON(bytes) { return JSONEventReader(bytes: bytes, fileName: fileName) }
        return YAMLSubsetReader(bytes: bytes)
    }

    /// Whether the first byte that is not a space, tab or line break is `{` or `[`.
    static func looksLikeJSON(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first(where: { !JSONEventReader.isWhitespace($0) }) else { return false }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }
}
