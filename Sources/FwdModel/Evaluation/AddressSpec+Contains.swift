extension AddressSpec {
    /// Whether `address` lies in this network or range (never for another family or invalid text).
    public func contains(_ address: IPAddress) -> Bool {
        switch self {
        case .network(let network, let prefixLength):
            return network.family == address.family && address.masked(to: prefixLength) == network
        case .range(let low, let high):
            return low.family == address.family && low <= address && address <= high
        case .invalid:
            return false
        }
    }
}

extension PortList {
    /// Whether `port` is one of the ports or lies in one of the ranges.
    public func contains(_ port: Int) -> Bool {
        ranges.contains { $0.lower <= port && port <= $0.upper }
    }
}

extension Interface {
    /// Whether the interface called `name` matches (`eth+` matches every name starting `eth`).
    public func matches(_ name: String) -> Bool {
        isWildcard ? name.hasPrefix(prefix) : name == self.name
    }
}
