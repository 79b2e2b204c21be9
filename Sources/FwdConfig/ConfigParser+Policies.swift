import FwdModel

extension ConfigParser {
    static let policyKeys = [
        "name", "from", "to", "services", "verdict", "reject-with", "log", "source", "destination",
    ]
    static let logKeys = ["prefix", "level", "limit"]

    /// `policies:` — a list of `{from:, to:, services:, verdict:, log:, …}`, expanded into rules
    /// of table filter once every file is read.
    func parsePolicies(_ value: YAMLEvent, _ file: FileContext) {
        if value.isNull { return }
        guard value.kind == .sequenceStart else {
            return reportWrongType(value, expected: "a list of policies", key: "policies", file)
        }
        while true {
            let item = file.reader.next()
            switch item.kind {
            case .mappingStart:
                policyDrafts.append(parsePolicy(item, file))
            case .scalar, .sequenceStart, .alias:
                reportWrongType(item, expected: "a policy (a mapping such as {from: lan, to: wan, verdict: accept})",
                    key: "policies", file)
            case .sequenceEnd, .streamEnd, .mappingEnd, .documentEnd, .documentStart:
                return
            }
        }
    }

    private func parsePolicy(_ start: YAMLEvent, _ file: FileContext) -> PolicyDraft {
        var policy = PolicyDraft(location: file.location(start))
        forEachEntry(file, in: "policy") { key, keyLocation, value in
            func scalar() -> RawScalar? {
                guard value.kind == .scalar, !value.isNull else {
                    reportWrongType(value, expected: "a value", key: "policy: \(key)", file)
                    return nil
                }
                return rawScalar(value, key: "policy: \(key)", file)
            }
            func scalars() -> [RawScalar] { readRawValue(value, key: "policy: \(key)", file)?.scalars ?? [] }
            switch key {
            case "name": policy.name = scalar()
            case "from":
                policy.from = scalars()
                policy.fromLocation = file.location(value)
            case "to":
                policy.to = scalars()
                policy.toLocation = file.location(value)
            case "services": policy.services = scalars()
            case "verdict": policy.verdict = scalar()
            case "reject-with": policy.rejectWith = scalar()
            case "source": policy.source = scalars()
            case "destination": policy.destination = scalars()
            case "log": policy.log = parsePolicyLog(value, file)
            default:
                report(keyLocation, "policy: unknown key '\(key.truncatedForMessage)'"
                    + didYouMean(key, among: ConfigParser.policyKeys)
                    + " (a policy has " + ConfigParser.policyKeys.map { $0 + ":" }.joined(separator: ", ") + ")")
                skip(value, file)
            }
        }
        return policy
    }

    private func parsePolicyLog(_ value: YAMLEvent, _ file: FileContext) -> PolicyDraft.LogDraft? {
        var log = PolicyDraft.LogDraft(location: file.location(value))
        switch value.kind {
        case .scalar:
            switch value.text.lowercased() {
            case "true", "yes", "on": return log
            case "false", "no", "off": return nil
            default:
                log.prefix = rawScalar(value, key: "policy: log", file)
                return log
            }
        case .mappingStart:
            forEachEntry(file, in: "policy: log") { key, keyLocation, field in
                guard ConfigParser.logKeys.contains(key) else {
                    report(keyLocation, "policy: log: unknown key '\(key.truncatedForMessage)'"
                        + didYouMean(key, among: ConfigParser.logKeys) + " (log has prefix:, level:, limit:)")
                    return skip(field, file)
                }
                guard field.kind == .scalar, !field.isNull else {
                    return reportWrongType(field, expected: "a value", key: "policy: log: \(key)", file)
                }
                let raw = rawScalar(field, key: "policy: log: \(key)", file)
                switch key {
                case "prefix": log.prefix = raw
                case "level": log.level = raw
                default: log.limit = raw
                }
            }
            return log
        case .sequenceStart, .alias, .documentStart, .documentEnd, .mappingEnd, .sequenceEnd, .streamEnd:
            reportWrongType(value, expected: "true, a prefix, or a mapping with prefix:, level:, limit:", key: "policy: log", file)
            return nil
        }
    }
}
