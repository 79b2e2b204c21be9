import FwdModel

extension Ruleset {
    /// Each table the ruleset names (`filter`, `nat`, …) with its user chains, in order: what an
    /// ``AppliedRecord`` keeps of the ruleset's shape.
    var userChainsByTable: [String: [String]] {
        Dictionary(
            tables.map { table in
                (table.kind.rawValue, table.chains.filter { !table.isBuiltin($0) }.map(\.name))
            },
            uniquingKeysWith: { first, second in first + second })
    }
}
