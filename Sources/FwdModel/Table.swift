/// The netfilter tables, each with its builtin chains.
public enum TableKind: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case raw, mangle, nat, filter, security

    /// The builtin chains of the table, in the kernel's hook order.
    public var builtinChains: [String] {
        switch self {
        case .filter, .security: ["INPUT", "FORWARD", "OUTPUT"]
        case .nat: ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"]
        case .mangle: ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"]
        case .raw: ["PREROUTING", "OUTPUT"]
        }
    }

    /// Whether `name` is one of the table's builtin chains.
    public func isBuiltin(_ name: String) -> Bool { builtinChains.contains(name) }

    public var description: String { rawValue }
}

/// A table: builtin chains with policies and user chains, by name, in the order they were added.
public struct Table: Hashable, Sendable {
    /// Which netfilter table this is.
    public var kind: TableKind
    /// The chains, builtin and user, in definition order.
    public private(set) var chains: [Chain]
    /// Where the table was defined.
    public var location: SourceLocation

    /// A table with the given chains.
    public init(_ kind: TableKind, chains: [Chain] = [], file: String = #fileID, line: Int = #line) {
        self.init(kind, chains: chains, location: SourceLocation(file: file, line: line))
    }

    /// A table defined at `location`.
    public init(_ kind: TableKind, chains: [Chain] = [], location: SourceLocation) {
        self.kind = kind
        self.chains = []
        self.location = location
        for chain in chains { self[chain.name] = chain }
    }

    /// The table with every builtin chain, each with policy `policy` and no rules.
    public static func withBuiltinChains(
        _ kind: TableKind, policy: Policy = .accept, file: String = #fileID, line: Int = #line
    ) -> Table {
        let location = SourceLocation(file: file, line: line)
        return Table(kind, chains: kind.builtinChains.map { Chain($0, policy: policy, location: location) },
            location: location)
    }

    /// The chain called `name`; setting replaces it in place or appends a new chain, and setting
    /// nil removes it.
    public subscript(name: String) -> Chain? {
        get { chains.first(where: { $0.name == name }) }
        set {
            let index = chains.firstIndex(where: { $0.name == name })
            switch (index, newValue) {
            case (let index?, var chain?):
                chain.name = name
                chains[index] = chain
            case (nil, var chain?):
                chain.name = name
                chains.append(chain)
            case (let index?, nil):
                chains.remove(at: index)
            case (nil, nil):
                break
            }
        }
    }

    /// Adds `chain`, replacing any chain of the same name.
    public mutating func add(_ chain: Chain) { self[chain.name] = chain }

    /// Appends `rule` to the chain called `chain`, creating the chain (with no policy) when needed.
    public mutating func append(_ rule: Rule, to chain: String) {
        // In place: going through the subscript would copy the chain's rules on every call.
        if let index = chains.firstIndex(where: { $0.name == chain }) {
            chains[index].rules.append(rule)
        } else {
            chains.append(Chain(chain, rules: [rule], location: rule.location))
        }
    }

    /// Whether `chain` is one of this table's builtin chains.
    public func isBuiltin(_ chain: Chain) -> Bool { kind.isBuiltin(chain.name) }

    /// The number of rules in all chains.
    public var ruleCount: Int { chains.reduce(0) { $0 + $1.rules.count } }
}
