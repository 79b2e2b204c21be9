import FwdModel

/// Streams the events of a YAML text written in the plain style configs use (block mappings and
/// lists by indentation, one-line flow mappings and lists, plain and simply quoted scalars,
/// comments), as the same ``YAMLEvent``s libyaml gives for it, at the same lines and columns: the
/// fast path for large YAML configs, libyaml's parse being most of their load time.
///
/// Anything else (tags, anchors, aliases, escapes, multi-line scalars or flow collections, empty
/// values, tabs, non-ASCII text outside quotes, document markers, and whatever libyaml would
/// reject) makes the reader give up (``gaveUp``): the loader then reads the file with libyaml,
/// which reads all of YAML and words the errors. So this reader never reports a problem itself.
final class YAMLSubsetReader: ConfigEventReader {
    /// An open block mapping or list, and the column (0-based) its keys or dashes stand at.
    struct Block {
        var isMapping: Bool
        var indent: Int
    }

    /// What the next line with content holds.
    enum Expecting {
        /// The document's root node.
        case document
        /// The value of a key (or list item) ended by a line break: a block more indented than
        /// `parentIndent`, or a list at the same indent when `allowsIndentless`.
        case value(parentIndent: Int, allowsIndentless: Bool)
        /// Another key or list item of an open block, or the end of blocks.
        case entry
    }

    /// The bytes with one 0 after them (every scanning loop stops there).
    let input: UnsafeMutableBufferPointer<UInt8>
    /// The number of bytes of the text (without the 0).
    let count: Int
    // The reader's state: only `next()` and what it calls reach it, one call at a time.
    @exclusivity(unchecked) var offset = 0
    @exclusivity(unchecked) var line = 1
    @exclusivity(unchecked) var lineStart = 0
    /// UTF-8 continuation bytes between `lineStart` and `offset` (inside quotes; columns count
    /// characters).
    @exclusivity(unchecked) var continuationBytes = 0
    @exclusivity(unchecked) var blocks: [Block] = []
    @exclusivity(unchecked) var expecting = Expecting.document
    /// Events read but not returned yet (a line can give several); each is moved out when
    /// returned, not copied.
    @exclusivity(unchecked) var queue: [YAMLEvent?] = []
    @exclusivity(unchecked) var queueHead = 0
    @exclusivity(unchecked) var finished = false
    /// Whether the text holds something this reader leaves to libyaml.
    private(set) var gaveUp = false
    /// Never any: what this reader does not read, libyaml reads and reports.
    let problems: [Diagnostic] = []
    /// Never any (see ``problems``).
    var syntaxError: Diagnostic? { nil }

    /// Mappings and lists nested deeper than this are left to libyaml (which reports nesting
    /// deeper than ``YAMLEventReader/maximumDepth``).
    static let maximumDepth = YAMLEventReader.maximumDepth - 4
    /// Keys at least this long are left to libyaml (which takes a key of 1024 characters or
    /// more for an error).
    static let maximumKeyLength = 1000

    /// A reader of `bytes`.
    init(bytes: [UInt8]) {
        count = bytes.count
        input = .allocate(capacity: bytes.count + 1)
        _ = input.initialize(from: bytes)
        input[bytes.count] = 0
        queue.reserveCapacity(64)
    }

    deinit { input.deallocate() }

    /// The next event; `streamEnd` at the end of the input and forever after giving up.
    func next() -> YAMLEvent {
        while queueHead == queue.count {
            queue.removeAll(keepingCapacity: true)
            queueHead = 0
            if finished { return YAMLEvent(kind: .streamEnd, line: line, column: 1) }
            step()
        }
        defer { queueHead += 1 }
        return queue[queueHead].take() ?? YAMLEvent(kind: .streamEnd, line: line, column: 1)
    }

    /// Stops reading: the loader reads the file with libyaml instead.
    func giveUp() {
        gaveUp = true
        finished = true
        queue.removeAll(keepingCapacity: true)
        queueHead = 0
    }

    /// An event of `kind` at `offset`.
    func event(_ kind: YAMLEvent.Kind) -> YAMLEvent {
        YAMLEvent(kind: kind, line: line, column: offset - lineStart - continuationBytes + 1)
    }

    /// Reads the next line with content (or the end of the text) into the queue.
    private func step() {
        guard skipToContent() else { return finish() }
        let indent = offset - lineStart
        if offset == lineStart, startsDocumentMarker() { return giveUp() }
        switch expecting {
        case .document:
            queue.append(event(.documentStart))
            startBlock(at: indent)
        case .value(let parentIndent, let allowsIndentless):
            if indent > parentIndent {
                startBlock(at: indent)
            } else if allowsIndentless, indent == parentIndent, atListEntry {
                openBlock(isMapping: false, indent: indent, start: event(.sequenceStart))
                readListEntry()
            } else {
                giveUp()  // an empty value
            }
        case .entry:
            while let top = blocks.last, top.indent > indent { closeBlock() }
            guard let top = blocks.last, top.indent == indent else { return giveUp() }
            if top.isMapping {
                atListEntry ? giveUp() : readKeyAndValue(indent: indent)
            } else if atListEntry {
                readListEntry()
            } else if blocks.count >= 2, blocks[blocks.count - 2].isMapping, blocks[blocks.count - 2].indent == indent {
                closeBlock()  // an indentless list ends at its mapping's next key
                readKeyAndValue(indent: indent)
            } else {
                giveUp()
            }
        }
    }

    /// Whether the line goes on with a list entry's dash.
    private var atListEntry: Bool {
        input[offset] == UInt8(ascii: "-") && isBlankOrEnd(input[offset + 1])
    }

    /// Whether `byte` ends a token in block context: a space, a line break or the end.
    func isBlankOrEnd(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == 0
    }

    private func startsDocumentMarker() -> Bool {
        let first = input[offset]
        guard first == UInt8(ascii: "-") || first == UInt8(ascii: ".") else { return false }
        return input[offset + 1] == first && input[offset + 2] == first
    }

    /// Opens the block mapping or list whose first key or dash is at `offset`, in column `indent`.
    private func startBlock(at indent: Int) {
        if atListEntry {
            openBlock(isMapping: false, indent: indent, start: event(.sequenceStart))
            return readListEntry()
        }
        let start = event(.mappingStart)
        guard let key = readKey() else { return }
        openBlock(isMapping: true, indent: indent, start: start)
        queue.append(key)
        readValue(keyIndent: indent)
    }

    /// Opens a block whose start event is `start`.
    private func openBlock(isMapping: Bool, indent: Int, start: YAMLEvent) {
        guard blocks.count < YAMLSubsetReader.maximumDepth else { return giveUp() }
        blocks.append(Block(isMapping: isMapping, indent: indent))
        queue.append(start)
    }

    private func closeBlock() {
        let block = blocks.removeLast()
        queue.append(event(block.isMapping ? .mappingEnd : .sequenceEnd))
    }

    private func readKeyAndValue(indent: Int) {
        guard let key = readKey() else { return }
        queue.append(key)
        readValue(keyIndent: indent)
    }

    /// A key and its `:` (followed by a blank or the line's end); nil after giving up.
    private func readKey() -> YAMLEvent? {
        let start = offset
        guard let key = scanScalar(inFlow: false) else { return nil }
        skipSpaces()
        guard input[offset] == UInt8(ascii: ":"), isBlankOrEnd(input[offset + 1]),
            offset - start < YAMLSubsetReader.maximumKeyLength
        else {
            giveUp()
            return nil
        }
        offset += 1
        return key
    }

    /// A key's value, after its `:`: on the same line, or (at the line's end) on the next lines.
    private func readValue(keyIndent: Int) {
        guard !gaveUp else { return }
        skipSpaces()
        if atLineEnd {
            expecting = .value(parentIndent: keyIndent, allowsIndentless: true)
            return
        }
        readInlineNode()
    }

    /// A list entry, at its dash: a node on the same line (a scalar, a flow collection, or a
    /// compact mapping `- key: value`), or (at the line's end) on the next lines.
    private func readListEntry() {
        guard !gaveUp else { return }
        let dashIndent = offset - lineStart
        offset += 1
        skipSpaces()
        if atLineEnd {
            expecting = .value(parentIndent: dashIndent, allowsIndentless: false)
            return
        }
        let byte = input[offset]
        if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "-") {
            return readInlineNode()
        }
        let keyStart = offset, keyIndent = offset - lineStart
        let start = event(.mappingStart)
        guard let scalar = scanScalar(inFlow: false) else { return }
        skipSpaces()
        guard input[offset] == UInt8(ascii: ":"), isBlankOrEnd(input[offset + 1]) else {
            queue.append(scalar)
            return endLine()
        }
        guard offset - keyStart < YAMLSubsetReader.maximumKeyLength else { return giveUp() }
        offset += 1
        openBlock(isMapping: true, indent: keyIndent, start: start)
        queue.append(scalar)
        readValue(keyIndent: keyIndent)
    }

    /// A scalar or a one-line flow collection, then the line's end.
    private func readInlineNode() {
        let byte = input[offset]
        if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
            guard readFlowCollection(depth: blocks.count + 1) else { return }
        } else {
            guard let scalar = scanScalar(inFlow: false) else { return }
            queue.append(scalar)
        }
        endLine()
    }

    /// After a node: only blanks and a comment may follow on the line.
    private func endLine() {
        let before = offset
        skipSpaces()
        guard atLineEnd, input[offset] != UInt8(ascii: "#") || offset > before else { return giveUp() }
        expecting = .entry
    }

    /// Whether the line ends at `offset` (a line break, the end, or a comment).
    private var atLineEnd: Bool {
        let byte = input[offset]
        return byte == UInt8(ascii: "\n") || (byte == 0 && offset == count) || byte == UInt8(ascii: "#")
    }

    /// Closes every block and ends the document and the stream.
    private func finish() {
        guard !gaveUp else { return }
        if case .value = expecting { return giveUp() }  // an empty value at the end
        if case .document = expecting {
            finished = true
            queue.append(event(.streamEnd))  // no document: what libyaml gives for an empty text
            return
        }
        // As libyaml: the blocks deeper than the end's column end there, the others on a new line
        // (unless the end is at a line's start).
        while let top = blocks.last, top.indent > offset - lineStart { closeBlock() }
        if offset != lineStart {
            line += 1
            lineStart = offset
            continuationBytes = 0
        }
        while !blocks.isEmpty { closeBlock() }
        queue.append(event(.documentEnd))
        queue.append(event(.streamEnd))
        finished = true
    }
}
