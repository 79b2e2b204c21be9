import FwdModel

extension ConfigParser {
    /// The scalar `event` carries, with a negating tag turned into a leading `!`.
    ///
    /// In YAML, `source: !10.0.0.0/8` is a *tag*, not the text "!10.0.0.0/8". fwd reads such a
    /// local tag on an empty plain scalar as the negation it was meant to be, and the
    /// non-specific tag `! 10.0.0.0/8` likewise. Standard tags (`!!str`) are ignored; any other
    /// tag is reported. Returns nil after reporting.
    func rawScalar(_ event: YAMLEvent, key: String, _ file: FileContext) -> RawScalar? {
        let location = file.location(event)
        guard let tag = event.tag else { return RawScalar(text: event.text, location: location) }
        if tag == "!" {
            return RawScalar(text: "!" + event.text, location: location, isFromTag: true)
        }
        if tag.hasPrefix("tag:yaml.org,2002:") {
            return RawScalar(text: event.text, location: location)
        }
        if tag.hasPrefix("!"), !tag.hasPrefix("!!") {
            if event.text.isEmpty { return RawScalar(text: tag, location: location, isFromTag: true) }
            report(location, "\(key): '\(tag.truncatedForMessage) \(event.text.truncatedForMessage)' reads as a YAML tag"
                + " followed by text; quote a negated value: \"!…\"")
            return nil
        }
        report(location, "\(key): YAML tag '\(tag.truncatedForMessage)' is not supported")
        return nil
    }

    /// A rule key's or define's value: a scalar, or a list of scalars. Anything else is
    /// reported (and consumed); nil then.
    func readRawValue(_ event: YAMLEvent, key: String, _ file: FileContext) -> RawValue? {
        switch event.kind {
        case .scalar:
            return rawScalar(event, key: key, file).map { .scalar($0) }
        case .sequenceStart:
            var scalars: [RawScalar] = []
            var valid = true
            while true {
                let item = file.reader.next()
                switch item.kind {
                case .sequenceEnd, .streamEnd, .mappingEnd, .documentEnd, .documentStart:
                    return valid ? .list(scalars, at: file.location(event)) : nil
                case .scalar:
                    if let scalar = rawScalar(item, key: key, file) { scalars.append(scalar) } else { valid = false }
                case .mappingStart, .sequenceStart, .alias:
                    reportWrongType(item, expected: "a value", key: key + " list item", file)
                    valid = false
                }
            }
        case .mappingStart, .alias, .documentStart, .documentEnd, .mappingEnd, .sequenceEnd, .streamEnd:
            reportWrongType(event, expected: "a value or a list of values", key: key, file)
            return nil
        }
    }

    /// A list of names or paths (`use:`, `include:`): one scalar or a list of scalars.
    func readNames(_ event: YAMLEvent, key: String, _ file: FileContext) -> [RawScalar]? {
        guard let value = readRawValue(event, key: key, file) else { return nil }
        var names: [RawScalar] = []
        for scalar in value.scalars {
            if scalar.text.isEmpty || scalar.isFromTag {
                report(scalar.location, "\(key): expected a name, found '\(scalar.text.truncatedForMessage)'")
                return nil
            }
            names.append(scalar)
        }
        return names
    }
}
