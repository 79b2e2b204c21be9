import FwdModel

/// Lowers rules one at a time into expressions, registering the named sets their lists need.
///
/// Expression order within a rule: interfaces, source, destination, protocol with ports or ICMP
/// type, connection state, mark, limit (stateful, so after every match), then the target. A rule
/// of one family (``Rule/families``) gets `meta nfproto ipv4|ipv6` right before its first
/// family-specific match (an address, or an ICMP protocol), where nft puts the dependency of
/// `ip saddr`; when only the target is family-specific (a reject reply or a NAT address), at the
/// start, where nft puts the dependency of `reject with icmp`.
struct RuleLowerer {
    /// The named sets of the table being lowered.
    private(set) var sets: SetRegistry
    /// The expressions of the rule being lowered: a scratch buffer kept from rule to rule, so that
    /// a rule costs one allocation of exactly its size instead of a run of doublings (which
    /// left up to twice the room in every rule of a large ruleset).
    var expressions: [NftExpression] = []
    /// The family guard still to be emitted before the next family-specific match.
    private var pendingGuard: IPFamily?
    /// The ruleset's named sets, by name.
    let declaredSets: [String: NamedSet]

    init(sets: SetRegistry, declaredSets: [String: NamedSet] = [:]) {
        self.sets = sets
        self.declaredSets = declaredSets
    }

    /// The nftables rule for `rule`.
    mutating func lower(_ rule: Rule) -> NftRule {
        expressions.removeAll(keepingCapacity: true)
        let family = rule.singleFamily
        pendingGuard = family
        if !rule.hasFamilySpecificMatch { emitPendingGuard() }
        if let inInterface = rule.inInterface { appendInterface(inInterface, key: .iifname) }
        if let outInterface = rule.outInterface { appendInterface(outInterface, key: .oifname) }
        if let source = rule.source { appendAddresses(source, field: .source) }
        if let destination = rule.destination { appendAddresses(destination, field: .destination) }
        appendSetLookups(of: rule, ports: false)
        appendProtocolMatches(of: rule)
        appendSetLookups(of: rule, ports: true)
        if let states = rule.connectionState { appendConnectionStates(states) }
        if let mark = rule.mark { appendMark(mark) }
        if let limit = rule.limit { appendLimit(limit) }
        if let target = rule.target { appendTarget(target, family: family) }
        let exact = [NftExpression](unsafeUninitializedCapacity: expressions.count) { buffer, count in
            count = buffer.initialize(fromContentsOf: expressions)
        }
        return NftRule(expressions: exact, comment: rule.comment, location: rule.location)
    }

    /// Emits `meta nfproto <family>` if the rule still needs it.
    mutating func emitPendingGuard() {
        guard let family = pendingGuard else { return }
        pendingGuard = nil
        append(.meta(.nfproto, destination: .r1))
        append(.compare(.equal, source: .r1, data: [family.nfproto]))
    }

    /// Adds one expression.
    mutating func append(_ expression: NftExpression) { expressions.append(expression) }

    /// The nftables set of the ruleset's named set `set`, registered in this table on first use.
    mutating func registerNamedSet(_ set: NamedSet) -> NftSet { sets.named(set) }

    /// Adds a lookup of register 1 in the named set holding `elements`.
    mutating func appendLookup(keyType: NftSetKeyType, elements: [KeyRange], negated: Bool) {
        let set = sets.set(keyType: keyType, elements: elements)
        append(.lookup(set: set.name, setID: set.id, source: .r1, inverted: negated))
    }
}

extension Rule {
    /// The one family this rule is restricted to, or nil when it applies to both: the same
    /// answer as ``Rule/families``, computed without building its descriptions (a tenth of the
    /// cost of lowering a rule otherwise).
    var singleFamily: IPFamily? {
        var ipv4 = true
        var ipv6 = true
        func restrict(to family: IPFamily?) {
            switch family {
            case .ipv4: ipv6 = false
            case .ipv6: ipv4 = false
            case nil: break
            }
        }
        for address in source?.value.addresses ?? [] { restrict(to: address.family) }
        for address in destination?.value.addresses ?? [] { restrict(to: address.family) }
        if let proto, !proto.isNegated { restrict(to: proto.value.impliedFamily) }
        for setMatch in setMatches { restrict(to: setMatch.type.family) }
        switch target {
        case .reject(let type): restrict(to: type?.family)
        case .snat(let to), .dnat(let to): restrict(to: to.address.family)
        case .accept, .drop, .return, .log, .jump, .goto, .masquerade, .redirect, .mark, nil: break
        }
        return ipv4 == ipv6 ? nil : ipv4 ? .ipv4 : .ipv6
    }

    /// Whether a match (not only the target) ties the rule to one family.
    var hasFamilySpecificMatch: Bool {
        if source?.value.addresses.contains(where: { $0.family != nil }) == true { return true }
        if destination?.value.addresses.contains(where: { $0.family != nil }) == true { return true }
        if let proto, !proto.isNegated, proto.value.impliedFamily != nil { return true }
        return setMatches.contains { $0.type.family != nil }
    }
}

extension IPFamily {
    /// The `NFPROTO_*` number `meta nfproto` compares with.
    var nfproto: UInt8 { self == .ipv4 ? 2 : 10 }
}

extension Negatable {
    /// `.notEqual` for a negated match, `.equal` otherwise.
    var compareOperator: NftCompareOperator { isNegated ? .notEqual : .equal }
}
