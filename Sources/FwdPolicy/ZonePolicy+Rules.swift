import FwdModel

extension ZonePolicy {
    /// The matches one side of the traffic contributes: interfaces, and addresses narrowed by the
    /// policy or the zone's own.
    struct Side {
        var interfaces: [Interface?]
        var addresses: AddressList?
        var sets: [SetReference]

        init(_ endpoint: PolicyEndpoint, narrowing: PolicyAddresses?) {
            switch endpoint {
            case .host:
                interfaces = [nil]
                addresses = narrowing?.addresses
                sets = narrowing?.set.map { [$0] } ?? []
            case .zone(let zone):
                interfaces = zone.interfaces.isEmpty ? [nil] : zone.interfaces
                if let narrowing {
                    addresses = narrowing.addresses
                    sets = narrowing.set.map { [$0] } ?? []
                } else {
                    addresses = zone.addresses
                    sets = zone.addressSet.map { [$0] } ?? []
                }
            }
        }

        /// The families the side allows (nil: no address ties it to one).
        var families: IPFamilies? {
            var families: IPFamilies?
            func restrict(_ allowed: IPFamilies) { families = (families ?? .both).intersection(allowed) }
            if let addresses {
                var listed: IPFamilies = []
                for family in addresses.families { listed.formUnion(IPFamilies(family)) }
                restrict(listed)
            }
            for set in sets {
                if let family = set.type.family { restrict(IPFamilies(family)) }
            }
            return families
        }

        /// The addresses of `family` (all when nil); nil when the side has none.
        func addresses(of family: IPFamily?) -> AddressList? {
            guard let addresses, let family else { return addresses }
            return AddressList(addresses.addresses.filter { $0.family == family })
        }
    }

    /// Appends the rules for one channel between two endpoints; returns why none could be made
    /// when the parts' families do not meet.
    func appendRules(
        chain: String, origin: PolicyEndpoint, target: PolicyEndpoint, service: String?, channel: Channel,
        into rules: inout [PolicyRule]
    ) -> String? {
        let sourceSide = Side(origin, narrowing: source)
        let destinationSide = Side(target, narrowing: destination)
        var allowed: IPFamilies?
        for constraint in [sourceSide.families, destinationSide.families, channel.family.map(IPFamilies.init)] {
            guard let constraint else { continue }
            allowed = (allowed ?? .both).intersection(constraint)
        }
        let families: [IPFamily?]
        if let allowed {
            families = IPFamily.allCases.filter { allowed.contains($0) }
            if families.isEmpty {
                return "the addresses of '\(origin)' and '\(target)'"
                    + (channel.family.map { " and \(service ?? "the") channel (\($0))" } ?? "")
                    + " belong to different families"
            }
        } else {
            families = [nil]
        }
        for family in families {
            for inInterface in sourceSide.interfaces {
                for outInterface in destinationSide.interfaces {
                    var rule = Rule(at: location)
                    rule.inInterface = chain == "OUTPUT" ? nil : inInterface.map { Negatable($0) }
                    rule.outInterface = chain == "INPUT" ? nil : outInterface.map { Negatable($0) }
                    rule.source = sourceSide.addresses(of: family).map { Negatable($0) }
                    rule.destination = destinationSide.addresses(of: family).map { Negatable($0) }
                    rule.setMatches = sourceSide.sets.map { SetMatch(.source, set: $0.name, type: $0.type) }
                        + destinationSide.sets.map { SetMatch(.destination, set: $0.name, type: $0.type) }
                    apply(channel, to: &rule)
                    rule.comment = comment(service: service)
                    if let log {
                        var logged = rule
                        logged.limit = log.limit
                        logged.target = .log(prefix: log.prefix ?? defaultLogPrefix, level: log.level)
                        rules.append(PolicyRule(chain: chain, rule: logged))
                    }
                    rule.target = verdict.target
                    rules.append(PolicyRule(chain: chain, rule: rule))
                }
            }
        }
        return nil
    }

    private func apply(_ channel: Channel, to rule: inout Rule) {
        rule.proto = channel.proto.map { Negatable($0) }
        rule.sourcePort = channel.sourcePorts.map { Negatable($0) }
        rule.destinationPort = channel.destinationPorts.map { Negatable($0) }
        rule.icmpType = channel.icmpType.map { Negatable($0) }
        rule.connectionState = channel.states.map { Negatable($0) }
    }

    /// `policy NAME: service SVC`, cut to the kernel's comment length.
    func comment(service: String?) -> String {
        let text = "policy \(name)" + (service.map { ": service \($0)" } ?? "")
        return text.truncatedToUTF8(Rule.maximumCommentLength)
    }

    /// `NAME: `, cut to the 29 bytes LOG takes.
    var defaultLogPrefix: String { "\(name): ".truncatedToUTF8(LogLevel.maximumPrefixLength) }
}

extension String {
    /// The longest prefix of whole characters of at most `limit` UTF-8 bytes.
    func truncatedToUTF8(_ limit: Int) -> String {
        guard utf8.count > limit else { return self }
        var result = ""
        var bytes = 0
        for character in self {
            let size = character.utf8.count
            if bytes + size > limit { break }
            result.append(character)
            bytes += size
        }
        return result
    }
}
