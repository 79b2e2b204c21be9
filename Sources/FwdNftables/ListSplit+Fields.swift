import FwdModel

/// A rule field holding a list that ``ListSplit`` may split, in the order split rules nest them
/// (the first field varies slowest).
enum SplitField: Int, CaseIterable {
    case source, destination, sourcePort, destinationPort

    /// The written entries of the field's list grouped by the element of the normalised list
    /// they merge into, in key order; nil unless the list is positive and has two elements or
    /// more. Ports count only under a positive protocol, the only place they are lowered.
    func groups(in rule: Rule) -> [SplitGroup]? {
        let groups: [SplitGroup]
        switch self {
        case .source, .destination:
            guard let list = self == .source ? rule.source : rule.destination, !list.isNegated else { return nil }
            let keyed = list.value.addresses.compactMap { address in KeyRange(address).map { (address, $0) } }
            groups = SplitField.grouped(keyed).map(SplitGroup.addresses)
        case .sourcePort, .destinationPort:
            guard let proto = rule.proto, !proto.isNegated,
                let list = self == .sourcePort ? rule.sourcePort : rule.destinationPort, !list.isNegated
            else { return nil }
            groups = SplitField.grouped(list.value.ranges.map { ($0, KeyRange($0)) }).map(SplitGroup.ports)
        }
        return groups.count > 1 ? groups : nil
    }

    /// `rule` with this field's list narrowed to the entries of `group`.
    func restrict(_ rule: Rule, to group: SplitGroup) -> Rule {
        var narrowed = rule
        switch (self, group) {
        case (.source, .addresses(let addresses)): narrowed.source = Negatable(AddressList(addresses))
        case (.destination, .addresses(let addresses)): narrowed.destination = Negatable(AddressList(addresses))
        case (.sourcePort, .ports(let ports)): narrowed.sourcePort = Negatable(PortList(ports))
        case (.destinationPort, .ports(let ports)): narrowed.destinationPort = Negatable(PortList(ports))
        case (.source, .ports), (.destination, .ports), (.sourcePort, .addresses), (.destinationPort, .addresses):
            break  // groups come from the field itself
        }
        return narrowed
    }

    /// The entries grouped as ``KeyRange/normalized(_:)`` merges their ranges: sorted by key,
    /// an entry overlapping the group before it joining that group.
    private static func grouped<Entry>(_ entries: [(Entry, KeyRange)]) -> [[Entry]] {
        let sorted = entries.sorted { a, b in
            KeyBytes.less(a.1.from, b.1.from) || (a.1.from == b.1.from && KeyBytes.less(a.1.to, b.1.to))
        }
        var groups: [[Entry]] = []
        var groupEnd: [UInt8]?
        for (entry, range) in sorted {
            if let end = groupEnd, !KeyBytes.less(end, range.from) {
                groups[groups.count - 1].append(entry)
                if KeyBytes.less(end, range.to) { groupEnd = range.to }
            } else {
                groups.append([entry])
                groupEnd = range.to
            }
        }
        return groups
    }
}

/// The written entries of a list that make one element of its normalised form.
enum SplitGroup {
    case addresses([AddressSpec])
    case ports([PortRange])
}
