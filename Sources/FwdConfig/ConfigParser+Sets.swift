import FwdModel

extension ConfigParser {
    /// The keys of a set written as a mapping.
    static let setKeys = ["type", "interval", "elements"]

    /// `sets:` — name → a list of elements, or a mapping of `type:`, `interval:`, `elements:`.
    func parseSets(_ value: YAMLEvent, _ file: FileContext) {
        if value.isNull { return }
        guard value.kind == .mappingStart else {
            return reportWrongType(value, expected: "a mapping of set names to elements", key: "sets", file)
        }
        forEachEntry(file, in: "sets") { name, location, body in
            let key = "sets: \(name.truncatedForMessage)"
            var typeText: RawScalar?
            var interval = false
            var elements: [RawScalar] = []
            switch body.kind {
            case .sequenceStart, .scalar:
                guard let raw = readRawValue(body, key: key, file) else { return }
                elements = body.isNull ? [] : raw.scalars
            case .mappingStart:
                forEachEntry(file, in: key) { field, fieldLocation, fieldValue in
                    switch field {
                    case "type":
                        guard fieldValue.kind == .scalar, !fieldValue.isNull else {
                            return reportWrongType(fieldValue, expected: "ipv4, ipv6 or port", key: "\(key): type", file)
                        }
                        typeText = rawScalar(fieldValue, key: "\(key): type", file)
                    case "interval":
                        interval = parseBoolean(fieldValue, key: "\(key): interval", file) ?? false
                    case "elements":
                        elements = readRawValue(fieldValue, key: "\(key): elements", file).map {
                            fieldValue.isNull ? [] : $0.scalars
                        } ?? []
                    default:
                        report(fieldLocation, "\(key): unknown key '\(field.truncatedForMessage)'"
                            + didYouMean(field, among: ConfigParser.setKeys) + " (a set has type:, interval:, elements:)")
                        skip(fieldValue, file)
                    }
                }
            case .alias, .documentStart, .documentEnd, .mappingEnd, .sequenceEnd, .streamEnd:
                return reportWrongType(body, expected: "a list of elements or a mapping with type: and elements:", key: key, file)
            }
            declareSet(name, at: location, typeText: typeText, interval: interval, elements: elements)
        }
    }

    private func declareSet(
        _ name: String, at location: SourceLocation, typeText: RawScalar?, interval: Bool, elements: [RawScalar]
    ) {
        guard NamedSet.isValidName(name) else {
            return report(location, "sets: '\(name.truncatedForMessage)' is not a valid set name (a letter or _, then"
                + " letters, digits, _ or -; at most \(NamedSet.maximumNameLength) bytes; not starting with"
                + " '\(NamedSet.reservedPrefix)')")
        }
        let type: SetElementType
        if let typeText {
            guard let named = SetElementType(rawValue: typeText.text.lowercased()) else {
                return report(typeText.location, "sets: \(name): type '\(typeText.text.truncatedForMessage)' is not"
                    + " ipv4, ipv6 or port" + didYouMean(typeText.text, among: SetElementType.allCases.map(\.rawValue)))
            }
            type = named
        } else if let first = elements.first {
            guard let inferred = SetElement(stringLiteral: first.text).type else {
                return report(first.location, "sets: \(name): '\(first.text.truncatedForMessage)' is not an address or a"
                    + " port, so the set's type is unknown (give type: ipv4, ipv6 or port)")
            }
            type = inferred
        } else {
            return report(location, "sets: \(name): an empty set needs type: ipv4, ipv6 or port")
        }
        var parsed: [SetElement] = []
        parsed.reserveCapacity(elements.count)
        for scalar in elements {
            guard let element = FastParsers.ipv4Network(scalar.text).map(SetElement.address)
                ?? SetElement(parsing: scalar.text, as: type)
            else {
                report(scalar.location, "sets: \(name): '\(scalar.text.truncatedForMessage)' is not a port or port range")
                continue
            }
            if let problem = element.problem(in: type) {
                report(scalar.location, "sets: \(name): \(problem)")
                continue
            }
            parsed.append(element)
        }
        guard definitions.addSet(name, type: type, at: location, problems: &problems) else { return }
        namedSets.append(NamedSet(name, type: type, elements: parsed, allowsIntervals: interval, location: location))
    }

    /// `true`/`false` (and YAML 1.1's yes/no/on/off); nil after reporting anything else.
    func parseBoolean(_ value: YAMLEvent, key: String, _ file: FileContext) -> Bool? {
        if value.kind == .scalar {
            switch value.text.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        }
        reportWrongType(value, expected: "true or false", key: key, file)
        return nil
    }

    /// `marks:` — name → a mark value (`0x1`, `0x10/0xff`), used as `mark: name`, `set-mark: name`.
    func parseMarks(_ value: YAMLEvent, _ file: FileContext) {
        if value.isNull { return }
        guard value.kind == .mappingStart else {
            return reportWrongType(value, expected: "a mapping of names to marks", key: "marks", file)
        }
        forEachEntry(file, in: "marks") { name, location, body in
            guard body.kind == .scalar, !body.isNull else {
                return reportWrongType(body, expected: "a mark (0x1 or 0x10/0xff)", key: "marks: \(name.truncatedForMessage)", file)
            }
            guard MarkValue.isName(name) else {
                return report(location, "marks: '\(name.truncatedForMessage)' is not a valid mark name (a letter or _,"
                    + " then letters, digits, _ or -)")
            }
            guard let mark = MarkValue(parsing: body.text) else {
                return report(file.location(body), "marks: \(name): '\(body.text.truncatedForMessage)' is not a mark"
                    + " (a 32-bit number like 16 or 0x10, optionally /mask: 0x10/0xff)")
            }
            definitions.addMark(name, value: mark, at: location, problems: &problems)
        }
    }
}
