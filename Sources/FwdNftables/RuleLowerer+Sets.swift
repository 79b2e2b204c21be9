import FwdModel

extension RuleLowerer {
    /// Lookups in the ruleset's named sets: address lookups (`ip saddr @blocklist`) after the
    /// address matches, port lookups (`tcp dport @web`) after the protocol they depend on.
    mutating func appendSetLookups(of rule: Rule, ports: Bool) {
        for setMatch in rule.setMatches where setMatch.field.isPort == ports {
            let set = declaredSets[setMatch.set]
                ?? NamedSet(setMatch.set, type: setMatch.type, location: rule.location)
            let keyType = NftSetKeyType(setMatch.type)
            switch setMatch.field {
            case .source, .destination:
                guard let family = setMatch.type.family else { continue }  // validation reports it
                emitPendingGuard()
                let field: AddressField = setMatch.field == .source ? .source : .destination
                append(.payload(base: .network, offset: field.offset(in: family), length: keyType.length, destination: .r1))
            case .sourcePort, .destinationPort:
                guard setMatch.type == .port else { continue }
                append(.payload(
                    base: .transport, offset: setMatch.field == .sourcePort ? 0 : 2, length: 2, destination: .r1))
            }
            let nftSet = registerNamedSet(set)
            append(.lookup(set: nftSet.name, setID: nftSet.id, source: .r1, inverted: setMatch.isNegated))
        }
    }
}
