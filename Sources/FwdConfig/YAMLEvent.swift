/// One event of libyaml's parse of a file, reduced to what the config parser needs: the kind,
/// where it starts (1-based line and column), and for a scalar its text and tag.
struct YAMLEvent {
    /// What the event opens, closes or carries.
    enum Kind: UInt8 {
        case documentStart, documentEnd, mappingStart, mappingEnd, sequenceStart, sequenceEnd, scalar, alias
        /// The end of the input, also returned forever after a syntax error.
        case streamEnd
    }

    /// What the event is.
    var kind: Kind
    /// The 1-based line where the event's node starts.
    var line: Int
    /// The 1-based column (in characters) where the event's node starts.
    var column: Int
    /// A scalar's value, after YAML's unescaping and folding; empty for other events.
    var text: String = ""
    /// A scalar's explicit tag as libyaml resolved it (`!10.0.0.0/8`, `!`, `tag:yaml.org,2002:str`).
    var tag: String?
    /// Whether a scalar was written plain (without quotes or block indicators).
    var isPlain: Bool = false

    /// Whether the event opens a node (a scalar, mapping, sequence or alias): what a value can be.
    var isNodeStart: Bool {
        switch kind {
        case .mappingStart, .sequenceStart, .scalar, .alias: true
        case .documentStart, .documentEnd, .mappingEnd, .sequenceEnd, .streamEnd: false
        }
    }

    /// A plain empty scalar without a tag: what `key:` with nothing after it gives.
    var isNull: Bool { kind == .scalar && isPlain && text.isEmpty && tag == nil }

    /// The node's kind for messages: "a mapping", "a list", "the value 'x'".
    var nodeDescription: String {
        switch kind {
        case .mappingStart: "a mapping"
        case .sequenceStart: "a list"
        case .scalar: isNull ? "nothing" : "the value '\(text.truncatedForMessage)'"
        case .alias: "an alias"
        case .documentStart, .documentEnd, .mappingEnd, .sequenceEnd, .streamEnd: "the end of the node"
        }
    }
}

extension String {
    /// The string cut to 40 characters with `…`, and line breaks shown as `\n`, for messages.
    var truncatedForMessage: String {
        let flat = replacingOccurrences(of: "\n", with: "\\n")
        return flat.count > 40 ? String(flat.prefix(40)) + "…" : flat
    }

    /// Replaces each occurrence of `target` (standard library only).
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard contains(target) else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
