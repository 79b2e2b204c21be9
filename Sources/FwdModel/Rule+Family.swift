extension Rule {
    /// The families this rule belongs to: IPv4 when its addresses, ICMP type or reject reply are
    /// IPv4-only, IPv6 likewise, both when nothing in it is family-specific. Empty when it mixes
    /// the two (validation reports that).
    public var families: IPFamilies {
        // A hot path (validation and both renderers ask for every rule): no allocation.
        var families = IPFamilies.both
        func constrain(_ family: IPFamily?) {
            if let family { families.formIntersection(IPFamilies(family)) }
        }
        for address in source?.value.addresses ?? [] { constrain(address.family) }
        for address in destination?.value.addresses ?? [] { constrain(address.family) }
        if let proto = proto, !proto.isNegated { constrain(proto.value.impliedFamily) }
        for setMatch in setMatches { constrain(setMatch.type.family) }
        switch target {
        case .reject(let type?):
            constrain(type.family)
        case .snat(let to), .dnat(let to):
            constrain(to.address.family)
        default:
            break
        }
        return families
    }

    /// Each part of the rule that ties it to one family, with a description for error messages.
    public var familyConstraints: [(family: IPFamily, reason: String)] {
        var constraints: [(IPFamily, String)] = []
        for (name, list) in [("source", source), ("destination", destination)] {
            for address in list?.value.addresses ?? [] {
                if let family = address.family { constraints.append((family, "\(name) \(address)")) }
            }
        }
        if let proto = proto, !proto.isNegated, let family = proto.value.impliedFamily {
            constraints.append((family, "protocol \(proto.value)"))
        }
        for setMatch in setMatches {
            if let family = setMatch.type.family { constraints.append((family, "set @\(setMatch.set)")) }
        }
        switch target {
        case .reject(let type?):
            if let family = type.family { constraints.append((family, "reject-with \(type.rawValue)")) }
        case .snat(let to), .dnat(let to):
            if let family = to.address.family { constraints.append((family, "NAT address \(to.address)")) }
        default:
            break
        }
        return constraints
    }

    /// Whether the rule has anything to render for `family`.
    public func applies(to family: IPFamily) -> Bool { families.contains(family) }
}
