import FwdModel
import FwdPolicy

extension ConfigParser {
    /// Resolves zones, services and policies now that every file is read, and appends the rules
    /// the policies expand to (after the rules written under `tables:`).
    func expandPolicies(into ruleset: inout Ruleset) {
        let services = resolveServices()
        guard !policyDrafts.isEmpty || !zoneDrafts.isEmpty else { return }
        var zones: [String: Zone] = [:]
        for name in zoneOrder {
            if let draft = zoneDrafts[name], let zone = resolveZone(draft) { zones[name] = zone }
        }
        let policies = policyDrafts.compactMap { resolvePolicy($0, zones: zones, services: services) }
        problems += ruleset.add(policies)
    }

    /// `scalars` (written at `location` under `key`) with defines expanded and set references
    /// typed; nil after reporting a problem.
    func expandValues(_ scalars: [RawScalar], at location: SourceLocation, key: RuleKey) -> [ValueItem]? {
        let entry = RuleEntry(key: key, keyLocation: location, value: .list(scalars, at: location))
        switch definitions.expand(entry, final: true, problems: &problems) {
        case .resolved(let expanded): return expanded.items
        case .failed, .missing: return nil
        }
    }

    /// Addresses, or one set reference, for a zone or one side of a policy.
    func resolveAddresses(_ scalars: [RawScalar], at location: SourceLocation, what: String)
        -> (addresses: AddressList?, set: SetReference?)?
    {
        guard let items = expandValues(scalars, at: location, key: .source) else { return nil }
        if let reference = items.first(where: { $0.text.hasPrefix("@") }) {
            guard items.count == 1, let type = reference.setType else {
                report(reference.location, "\(what): a set reference stands alone (addresses: \"@name\")")
                return nil
            }
            guard type != .port else {
                report(reference.location, "\(what): set '\(reference.text)' holds ports, not addresses")
                return nil
            }
            return (nil, SetReference(String(reference.text.dropFirst()), type: type))
        }
        var addresses: [AddressSpec] = []
        for item in items {
            let address = AddressSpec(parsing: item.text)
            if case .invalid(_, let reason) = address {
                report(item.location, "\(what): \(reason)" + (item.origin.map { " (from \($0))" } ?? ""))
                return nil
            }
            addresses.append(address)
        }
        return (addresses.isEmpty ? nil : AddressList(addresses), nil)
    }

    private func resolveZone(_ draft: ZoneDraft) -> Zone? {
        let what = "zones: \(draft.name)"
        guard let items = expandValues(draft.interfaces, at: draft.location, key: .inInterface) else { return nil }
        var interfaces: [Interface] = []
        for item in items {
            let name = item.text
            guard !name.isEmpty, name.utf8.count <= Interface.maximumLength,
                !name.contains(where: { $0 == "/" || $0 == " " || $0 == "\t" || $0.isNewline || $0 == "\0" })
            else {
                report(item.location, "\(what): interface \(item.quoted) is not an interface name (at most"
                    + " \(Interface.maximumLength) bytes, no blanks or '/')")
                return nil
            }
            interfaces.append(Interface(name))
        }
        if interfaces.isEmpty { report(draft.location, "\(what): interfaces: lists no interface"); return nil }
        guard let (addresses, set) = resolveAddresses(draft.addresses, at: draft.location, what: "\(what): addresses")
        else { return nil }
        return Zone(draft.name, interfaces: interfaces, addresses: addresses, addressSet: set, location: draft.location)
    }

    /// The built-in services with the config's own added or overriding them.
    private func resolveServices() -> [String: Service] {
        var services = ServiceCatalogue.builtin
        for name in serviceDrafts.keys.sorted() {
            guard let draft = serviceDrafts[name] else { continue }
            var channels: [Channel] = []
            for channelDraft in draft.channels {
                if let channel = resolveChannel(channelDraft, service: name) { channels.append(channel) }
            }
            if channels.count == draft.channels.count, !channels.isEmpty {
                services[name] = Service(name, channels: channels, location: draft.location)
            } else if draft.channels.isEmpty {
                report(draft.location, "services: \(name): a service needs at least one channel")
            }
        }
        return services
    }

    private func resolveChannel(_ draft: RuleDraft, service: String) -> Channel? {
        let what = "services: \(service)"
        var valid = !draft.hasProblems
        if let use = draft.useKeyLocation {
            report(use, "\(what): a channel cannot use templates")
            valid = false
        }
        for entry in draft.entries where !ConfigParser.channelKeys.contains(entry.key) {
            report(entry.keyLocation, "\(what): '\(entry.key.name)' is not a channel key"
                + " (a channel has proto, sport, dport, icmp-type, ctstate)")
            valid = false
        }
        guard valid, let rule = assemble(draft, final: true), !rulesWithProblems.contains(draft.location) else { return nil }
        let negated = [rule.proto?.isNegated, rule.sourcePort?.isNegated, rule.destinationPort?.isNegated,
            rule.icmpType?.isNegated, rule.connectionState?.isNegated].contains(true)
        if negated || !rule.setMatches.isEmpty {
            report(draft.location, "\(what): a channel cannot be negated or use a set")
            return nil
        }
        let context = RuleContext(table: .filter, chain: "INPUT", ruleNumber: 1, hooks: [])
        let found = rule.validate(in: context)
        for problem in found { report(draft.location, "\(what): \(problem.message)") }
        guard found.isEmpty else { return nil }
        return Channel(proto: rule.proto?.value, sport: rule.sourcePort?.value, dport: rule.destinationPort?.value,
            icmpType: rule.icmpType?.value, states: rule.connectionState?.value)
    }
}
