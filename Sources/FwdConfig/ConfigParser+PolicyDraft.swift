import FwdModel
import FwdPolicy

extension ConfigParser {
    /// The policy `draft` describes, or nil after reporting what is wrong with it.
    func resolvePolicy(_ draft: PolicyDraft, zones: [String: Zone], services: [String: Service]) -> ZonePolicy? {
        var valid = true
        let from = resolveEndpoints(draft.from, key: "from", at: draft.fromLocation ?? draft.location, zones: zones)
        let to = resolveEndpoints(draft.to, key: "to", at: draft.toLocation ?? draft.location, zones: zones)
        var resolvedServices: [Service] = []
        for name in draft.services {
            if let service = services[name.text] {
                resolvedServices.append(service)
            } else {
                report(name.location, "policy: services: '\(name.text.truncatedForMessage)' is not a service"
                    + didYouMean(name.text, among: Array(services.keys)) + " (define it under services:)")
                valid = false
            }
        }
        let verdict = resolveVerdict(draft)
        let log = draft.log.flatMap(resolveLog)
        if draft.log != nil, log == nil { valid = false }
        var source: PolicyAddresses?
        var destination: PolicyAddresses?
        for (key, scalars) in [("source", draft.source), ("destination", draft.destination)] {
            guard let scalars else { continue }
            guard let (addresses, set) = resolveAddresses(scalars, at: draft.location, what: "policy: \(key)") else {
                valid = false
                continue
            }
            let narrowing = PolicyAddresses(addresses: addresses, set: set)
            if key == "source" { source = narrowing } else { destination = narrowing }
        }
        guard valid, let from, let to, let verdict else { return nil }
        let name = draft.name?.text ?? (draft.from.map(\.text).joined(separator: ",") + "-to-"
            + draft.to.map(\.text).joined(separator: ","))
        if name.contains(where: \.isNewline) || name.isEmpty {
            report(draft.name?.location ?? draft.location, "policy: name must be one line of text")
            return nil
        }
        return ZonePolicy(name, from: from, to: to, services: resolvedServices, verdict: verdict, log: log,
            source: source, destination: destination, location: draft.location)
    }

    private func resolveEndpoints(
        _ names: [RawScalar], key: String, at location: SourceLocation, zones: [String: Zone]
    ) -> [PolicyEndpoint]? {
        guard !names.isEmpty else {
            report(location, "policy: \(key): is required (a zone, a list of zones, host or any)")
            return nil
        }
        var endpoints: [PolicyEndpoint] = []
        for name in names {
            if Zone.hostNames.contains(name.text) {
                endpoints.append(.host)
            } else if name.text == Zone.any.name {
                endpoints.append(.zone(.any))
            } else if let zone = zones[name.text] {
                endpoints.append(.zone(zone))
            } else {
                let known = Array(zones.keys) + Zone.reservedNames
                report(name.location, "policy: \(key): '\(name.text.truncatedForMessage)' is not a zone"
                    + didYouMean(name.text, among: known) + " (zones are defined under zones:; host and any are built in)")
                return nil
            }
        }
        return endpoints
    }

    private func resolveVerdict(_ draft: PolicyDraft) -> PolicyVerdict? {
        guard let text = draft.verdict else {
            report(draft.location, "policy: verdict: is required (accept, drop or reject)")
            return nil
        }
        var rejectType: RejectType?
        if let with = draft.rejectWith {
            rejectType = RejectType(rawValue: with.text.lowercased())
            if rejectType == nil {
                report(with.location, "policy: reject-with: '\(with.text.truncatedForMessage)' is not a reject type"
                    + didYouMean(with.text, among: RejectType.allCases.map(\.rawValue)))
                return nil
            }
        }
        switch text.text.lowercased() {
        case "accept", "drop":
            if let with = draft.rejectWith {
                report(with.location, "policy: reject-with: applies to verdict: reject only")
                return nil
            }
            return text.text.lowercased() == "accept" ? .accept : .drop
        case "reject":
            return .reject(rejectType)
        default:
            report(text.location, "policy: verdict: '\(text.text.truncatedForMessage)' is not accept, drop or reject"
                + didYouMean(text.text.lowercased(), among: ["accept", "drop", "reject"]))
            return nil
        }
    }

    private func resolveLog(_ draft: PolicyDraft.LogDraft) -> PolicyLog? {
        var log = PolicyLog()
        if let prefix = draft.prefix {
            guard prefix.text.utf8.count <= LogLevel.maximumPrefixLength, !prefix.text.contains(where: \.isNewline) else {
                report(prefix.location, "policy: log: prefix is \(prefix.text.utf8.count) bytes or holds a line break;"
                    + " at most \(LogLevel.maximumPrefixLength) bytes on one line fit")
                return nil
            }
            log.prefix = prefix.text
        }
        if let level = draft.level {
            guard let parsed = LogLevel(name: level.text) else {
                report(level.location, "policy: log: level '\(level.text.truncatedForMessage)' is not a log level"
                    + " (emerg, alert, crit, err, warning, notice, info, debug, or 0...7)")
                return nil
            }
            log.level = parsed
        }
        if let limit = draft.limit {
            guard let rate = RateLimit(parsing: limit.text) else {
                report(limit.location, "policy: log: limit '\(limit.text.truncatedForMessage)' is not a rate"
                    + " (5/second, 10/minute, 100/hour, 1/day)")
                return nil
            }
            log.limit = rate
        }
        return log
    }
}
