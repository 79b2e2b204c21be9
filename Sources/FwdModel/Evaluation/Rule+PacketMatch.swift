extension Rule {
    /// Whether this rule matches `packet` in a chain of `table`. A rule that does not exist in the
    /// packet's family (an IPv6-only rule for an IPv4 packet) does not match. Matches that need
    /// knowledge the description lacks (an unknown interface, a rate limit, an unknown mark) make
    /// the outcome undecidable unless another match rules the packet out.
    public func match(_ packet: PacketDescription, in table: TableKind) -> MatchOutcome {
        guard applies(to: packet.family) else { return .doesNotMatch }
        return .all(matches.map { match($0, packet: packet, table: table) })
    }

    private func match(_ match: Match, packet: PacketDescription, table: TableKind) -> MatchOutcome {
        switch match {
        case .proto(let proto):
            return MatchOutcome(proto.value.number == packet.proto.number).negated(proto.isNegated)
        case .source(let list):
            return MatchOutcome(list.value.addresses.contains { $0.contains(packet.source) }).negated(list.isNegated)
        case .destination(let list):
            return MatchOutcome(list.value.addresses.contains { $0.contains(packet.destination) })
                .negated(list.isNegated)
        case .inInterface(let interface):
            return matchInterface(interface, name: packet.inInterface, direction: "in")
        case .outInterface(let interface):
            return matchInterface(interface, name: packet.outInterface, direction: "out")
        case .sourcePort(let ports):
            guard let port = packet.sourcePort else { return .doesNotMatch }
            return MatchOutcome(ports.value.contains(port)).negated(ports.isNegated)
        case .destinationPort(let ports):
            guard let port = packet.destinationPort else { return .doesNotMatch }
            return MatchOutcome(ports.value.contains(port)).negated(ports.isNegated)
        case .connectionState(let states):
            if table == .raw {
                return .undecidable(["ctstate \(states) in table raw: connection tracking has not run yet there"])
            }
            return MatchOutcome(!states.value.isDisjoint(with: packet.connectionState)).negated(states.isNegated)
        case .icmpType(let type):
            return matchICMP(type, packet: packet)
        case .limit(let limit):
            return .undecidable(["limit \(limit): depends on the packet rate"])
        case .mark(let mark):
            guard let packetMark = packet.mark else {
                return .undecidable(["mark \(mark.value): the packet's mark is not known"])
            }
            let mask = mark.value.effectiveMask
            return MatchOutcome(packetMark & mask == mark.value.value & mask).negated(mark.isNegated)
        case .set(let setMatch):
            return .undecidable(["\(setMatch): the set's elements are not known to rule evaluation"])
        case .comment:
            return .matches
        }
    }

    private func matchInterface(_ interface: Negatable<Interface>, name: String?, direction: String) -> MatchOutcome {
        guard let name else {
            return .undecidable(["\(direction)-interface \(interface): the packet's interface is not known"])
        }
        return MatchOutcome(interface.value.matches(name)).negated(interface.isNegated)
    }

    private func matchICMP(_ type: Negatable<ICMPType>, packet: PacketDescription) -> MatchOutcome {
        guard packet.proto.impliedFamily == packet.family else { return .doesNotMatch }
        guard let message = packet.icmpMessage else {
            return .undecidable(["icmp-type \(type.value): the packet's ICMP type is not known"])
        }
        guard let wanted = type.value.resolved(for: packet.family) else { return .doesNotMatch }
        let same = wanted.type == message.type && (wanted.code.map { $0 == message.code } ?? true)
        return MatchOutcome(same).negated(type.isNegated)
    }
}
