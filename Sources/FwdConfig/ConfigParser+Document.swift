import FwdModel

extension ConfigParser {
    /// The keys a config file may have at its top.
    static let topLevelKeys = [
        "include", "define", "templates", "tables", "sets", "marks", "zones", "services", "policies",
    ]

    /// Parses the file's one document: a mapping of the top-level keys (an empty file is fine).
    func parseDocument(_ file: FileContext) {
        let start = file.reader.next()
        guard start.kind == .documentStart else { return }
        let root = file.reader.next()
        switch root.kind {
        case .mappingStart:
            forEachEntry(file, in: "the top level") { key, keyLocation, value in
                parseTopLevel(key, at: keyLocation, value: value, file)
            }
        case .scalar where root.isNull:
            break
        case .scalar, .sequenceStart, .alias, .documentStart, .documentEnd, .mappingEnd, .sequenceEnd, .streamEnd:
            report(file.location(root), "a config file holds a mapping of "
                + ConfigParser.topLevelKeys.map { $0 + ":" }.joined(separator: ", ") + " but this one holds \(root.nodeDescription)")
            skip(root, file)
        }
        _ = file.reader.next()  // the document end
        let after = file.reader.next()
        if after.kind == .documentStart {
            report(file.location(after), "a config file holds one YAML document; split several into files and include them")
            while file.reader.next().kind != .streamEnd {}
        }
    }

    private func parseTopLevel(_ key: String, at keyLocation: SourceLocation, value: YAMLEvent, _ file: FileContext) {
        switch key {
        case "include": parseInclude(value, file)
        case "define": parseDefines(value, file)
        case "templates": parseTemplates(value, file)
        case "tables": parseTables(value, file)
        case "sets": parseSets(value, file)
        case "marks": parseMarks(value, file)
        case "zones": parseZones(value, file)
        case "services": parseServices(value, file)
        case "policies": parsePolicies(value, file)
        default:
            report(keyLocation, "unknown key '\(key.truncatedForMessage)'"
                + didYouMean(key, among: ConfigParser.topLevelKeys)
                + " (the top level has " + ConfigParser.topLevelKeys.map { $0 + ":" }.joined(separator: ", ") + ")")
            skip(value, file)
        }
    }

    /// Walks the entries of the mapping just opened, calling `body` with each key, where it is,
    /// and the first event of its value; `body` must consume the value (parse or skip it).
    /// Keys that are not scalars and keys written twice are reported (and their values skipped).
    func forEachEntry(
        _ file: FileContext, in context: String, _ body: (String, SourceLocation, YAMLEvent) -> Void
    ) {
        var seen: [String: SourceLocation] = [:]
        while true {
            let keyEvent = file.reader.next()
            switch keyEvent.kind {
            case .mappingEnd, .streamEnd, .documentEnd, .documentStart, .sequenceEnd:
                return
            case .scalar:
                let keyLocation = file.location(keyEvent)
                let value = file.reader.next()
                if let first = seen[keyEvent.text] {
                    report(keyLocation, "\(context): duplicate key '\(keyEvent.text.truncatedForMessage)' (first at \(first))")
                    skip(value, file)
                    continue
                }
                seen[keyEvent.text] = keyLocation
                body(keyEvent.text, keyLocation, value)
            case .mappingStart, .sequenceStart, .alias:
                report(file.location(keyEvent), "\(context): a key must be a name, not \(keyEvent.nodeDescription)")
                skip(keyEvent, file)
                skip(file.reader.next(), file)
            }
        }
    }

    /// Consumes the rest of the node that `event` starts (without recursion: any depth is fine).
    func skip(_ event: YAMLEvent, _ file: FileContext) {
        guard event.kind == .mappingStart || event.kind == .sequenceStart else { return }
        var depth = 1
        while depth > 0 {
            switch file.reader.next().kind {
            case .mappingStart, .sequenceStart: depth += 1
            case .mappingEnd, .sequenceEnd: depth -= 1
            case .streamEnd: return
            case .scalar, .alias, .documentStart, .documentEnd: break
            }
        }
    }

    /// Reports that `value` is not the expected kind of node (unless it is an alias, already
    /// reported) and skips it.
    func reportWrongType(_ value: YAMLEvent, expected: String, key: String, _ file: FileContext) {
        if value.kind != .alias {
            report(file.location(value), "\(key): expected \(expected), found \(value.nodeDescription)")
        }
        skip(value, file)
    }
}
