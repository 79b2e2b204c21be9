extension Rule {
    /// The rules this one stands for when each may hold only one source and one destination
    /// address: the product of its address lists (PyPTables' composite rule), overlapping entries
    /// of a list merged first. A negated list is kept whole (validation allows a negated list of
    /// one address only).
    public func expandedAddresses() -> [Rule] {
        let sources = Rule.splitList(source)
        let destinations = Rule.splitList(destination)
        if sources.count == 1, destinations.count == 1 { return [self] }
        var rules: [Rule] = []
        rules.reserveCapacity(sources.count * destinations.count)
        for source in sources {
            for destination in destinations {
                var rule = self
                rule.source = source
                rule.destination = destination
                rules.append(rule)
            }
        }
        return rules
    }

    /// One list per address, overlaps resolved first (``AddressList/disjointAddresses``): a
    /// packet in two overlapping entries would otherwise match two of the rules.
    private static func splitList(_ list: Negatable<AddressList>?) -> [Negatable<AddressList>?] {
        guard let list, !list.isNegated, list.value.addresses.count > 1 else { return [list] }
        return list.value.disjointAddresses.map { Negatable(AddressList([$0])) }
    }
}
