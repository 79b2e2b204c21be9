import FwdModel

extension ConfigParser {
    /// `define:` — name → a value or a list of values, used as `$name`.
    func parseDefines(_ value: YAMLEvent, _ file: FileContext) {
        if value.isNull { return }
        guard value.kind == .mappingStart else {
            return reportWrongType(value, expected: "a mapping of names to values", key: "define", file)
        }
        forEachEntry(file, in: "define") { name, location, body in
            guard let raw = readRawValue(body, key: "define: \(name.truncatedForMessage)", file) else { return }
            definitions.addDefine(name, value: raw, at: location, problems: &problems)
        }
    }

    /// `templates:` — name → a partial rule, used with `use: name`.
    func parseTemplates(_ value: YAMLEvent, _ file: FileContext) {
        if value.isNull { return }
        guard value.kind == .mappingStart else {
            return reportWrongType(value, expected: "a mapping of names to partial rules", key: "templates", file)
        }
        forEachEntry(file, in: "templates") { name, location, body in
            guard body.kind == .mappingStart else {
                return reportWrongType(body, expected: "a partial rule (a mapping)", key: "templates: \(name.truncatedForMessage)", file)
            }
            let draft = parseRuleMapping(body, file)
            definitions.addTemplate(name, draft: draft, at: location, problems: &problems)
        }
    }
}
