import FwdModel

extension ConfigParser {
    /// The rule (or template) whose mapping `start` opens, as written. Unknown keys, duplicate
    /// keys and values of the wrong kind are reported.
    func parseRuleMapping(_ start: YAMLEvent, _ file: FileContext) -> RuleDraft {
        var draft = RuleDraft(location: file.location(start))
        draft.entries.reserveCapacity(8)
        var written: UInt32 = 0
        while true {
            let keyEvent = file.reader.next()
            switch keyEvent.kind {
            case .mappingEnd, .streamEnd, .documentEnd, .documentStart, .sequenceEnd:
                return draft
            case .mappingStart, .sequenceStart, .alias:
                report(file.location(keyEvent), "rule: a key must be a name, not \(keyEvent.nodeDescription)")
                skip(keyEvent, file)
                skip(file.reader.next(), file)
                draft.hasProblems = true
                continue
            case .scalar:
                break
            }
            let keyLocation = file.location(keyEvent)
            let value = file.reader.next()
            guard let key = RuleKey.named(keyEvent.text) else {
                report(keyLocation, "rule: unknown key '\(keyEvent.text.truncatedForMessage)'"
                    + (RuleKey.suggestion(for: keyEvent.text).map { " (did you mean '\($0)'?)" } ?? ""))
                skip(value, file)
                draft.hasProblems = true
                continue
            }
            let bit: UInt32 = 1 << UInt32(key.rawValue)
            if written & bit != 0 {
                let first = key == .use ? draft.useKeyLocation : draft.entry(for: key)?.keyLocation
                report(keyLocation, "rule: duplicate key '\(keyEvent.text)'" + (first.map { " (first at \($0))" } ?? ""))
                skip(value, file)
                draft.hasProblems = true
                continue
            }
            written |= bit
            if key == .use {
                draft.useKeyLocation = keyLocation
                draft.needsDefinitions = true
                if let names = readNames(value, key: key.name, file) {
                    draft.templateNames = names
                } else {
                    draft.hasProblems = true
                }
                continue
            }
            guard let raw = readRawValue(value, key: key.name, file) else {
                draft.hasProblems = true
                continue
            }
            if raw.hasReference || raw.needsNameResolution(for: key) { draft.needsDefinitions = true }
            draft.entries.append(RuleEntry(key: key, keyLocation: keyLocation, value: raw))
        }
    }
}
