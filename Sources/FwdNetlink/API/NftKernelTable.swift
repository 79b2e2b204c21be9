public import FwdNftables

/// One of fwd's tables as the kernel holds it (read back with ``NftablesKernel/ownedTables()``).
public struct NftKernelTable: Hashable, Sendable {
    /// The family.
    public var family: NftFamily
    /// The name.
    public var name: String
    /// The chains, in the kernel's order.
    public var chains: [NftKernelChain]
    /// The named sets (anonymous sets belong to their rules and are not listed).
    public var setNames: [String]

    /// A table snapshot.
    public init(family: NftFamily, name: String, chains: [NftKernelChain], setNames: [String]) {
        self.family = family
        self.name = name
        self.chains = chains
        self.setNames = setNames
    }

    /// The rules in all chains.
    public var ruleCount: Int { chains.reduce(0) { $0 + $1.ruleCount } }
}

/// A chain of one of fwd's tables as the kernel holds it.
public struct NftKernelChain: Hashable, Sendable {
    /// The name.
    public var name: String
    /// Hook, type, priority and policy of a base chain; nil for a regular chain.
    public var base: NftBaseChain?
    /// How many rules the chain holds.
    public var ruleCount: Int

    /// A chain snapshot.
    public init(name: String, base: NftBaseChain?, ruleCount: Int) {
        self.name = name
        self.base = base
        self.ruleCount = ruleCount
    }
}
