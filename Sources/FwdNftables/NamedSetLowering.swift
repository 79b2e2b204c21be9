public import FwdModel

extension NftSetKeyType {
    /// The key type holding elements of `type`: `ipv4_addr`, `ipv6_addr` or `inet_service`.
    public init(_ type: SetElementType) {
        switch type {
        case .ipv4: self = .ipv4Address
        case .ipv6: self = .ipv6Address
        case .port: self = .inetService
        }
    }
}

extension NftablesLowering {
    /// The elements of a set of `type` as nftables holds them: sorted, duplicates dropped and
    /// overlapping ranges merged (an interval set refuses overlaps). Elements of another type or
    /// invalid text are left out (validation reports them).
    public static func setElements(_ elements: [SetElement], type: SetElementType) -> [NftSetElement] {
        let ranges = elements.compactMap { element -> KeyRange? in
            guard element.problem(in: type) == nil else { return nil }
            switch element {
            case .address(let address): return KeyRange(address)
            case .port(let ports): return KeyRange(ports)
            }
        }
        return KeyRange.normalized(ranges).map { NftSetElement(from: $0.from, to: $0.to) }
    }
}

extension SetRegistry {
    /// The nftables set for the ruleset's named set `set`, created in this table on first use,
    /// under the set's own name (`NamedSet.isValidName` keeps it apart from the `fwd_s_` sets).
    mutating func named(_ set: NamedSet) -> NftSet {
        self.named(
            set.name, keyType: NftSetKeyType(set.type), isInterval: set.isInterval,
            elements: NftablesLowering.setElements(set.elements, type: set.type), size: UInt32(set.capacity))
    }
}

extension NftablesLowering {
    /// The netlink-level form of a live set change (`fwd set add|del`): the set's name and key
    /// type, and the elements as nftables keys.
    public static func setElementChange(_ change: SetElementChange) -> NftSetElementChange {
        let operation: NftSetElementChange.Operation = switch change.operation {
        case .add: .add
        case .delete: .delete
        }
        return NftSetElementChange(
            operation, setName: change.set.name, keyType: NftSetKeyType(change.set.type),
            elements: setElements(change.elements, type: change.set.type))
    }
}
