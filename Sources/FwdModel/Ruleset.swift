/// A whole firewall: the tables fwd manages (PyPTables' `Tables`).
///
/// Tables not in the ruleset are left alone by every backend.
public struct Ruleset: Hashable, Sendable {
    /// The tables, at most one of each kind, in the kernel's order (raw, mangle, nat, filter, security).
    public private(set) var tables: [Table]
    /// The named sets rules look up (``SetMatch``), in the order declared.
    public var sets: [NamedSet]

    /// A ruleset of the given tables (a later table of the same kind replaces an earlier one) and
    /// named sets.
    public init(_ tables: [Table] = [], sets: [NamedSet] = []) {
        self.tables = []
        self.sets = sets
        for table in tables { self[table.kind] = table }
    }

    /// Every table with every builtin chain, policy ACCEPT and no rules: what the kernel starts
    /// with (PyPTables' `default_tables()`).
    public static func defaultTables(file: String = #fileID, line: Int = #line) -> Ruleset {
        Ruleset(TableKind.allCases.map { Table.withBuiltinChains($0, file: file, line: line) })
    }

    /// The table of `kind`; setting adds or replaces it, nil removes it.
    public subscript(kind: TableKind) -> Table? {
        get { tables.first(where: { $0.kind == kind }) }
        set {
            tables.removeAll { $0.kind == kind }
            if var table = newValue {
                table.kind = kind
                tables.append(table)
                tables.sort { TableKind.allCases.firstIndex(of: $0.kind)! < TableKind.allCases.firstIndex(of: $1.kind)! }
            }
        }
    }

    /// The number of rules in all tables.
    public var ruleCount: Int { tables.reduce(0) { $0 + $1.ruleCount } }
}
