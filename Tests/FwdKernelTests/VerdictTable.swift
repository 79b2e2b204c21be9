/// Observations and their outcomes, in a fixed order: what a scenario expects, or what one
/// backend gave. Two tables are equal when every row is.
struct VerdictTable: Hashable, Sendable, CustomStringConvertible {
    /// One observation and its outcome.
    struct Row: Hashable, Sendable {
        /// What was looked at.
        var observation: Observation
        /// What was seen (`connected`, `timed-out`, `nobody`, …).
        var outcome: String
    }

    /// The rows, in the order they were given.
    var rows: [Row]

    /// A table from `(observation, outcome)` pairs.
    init(_ pairs: [(Observation, String)]) {
        rows = pairs.map { Row(observation: $0.0, outcome: $0.1) }
    }

    /// The observations, in order.
    var observations: [Observation] { rows.map(\.observation) }

    /// The outcome of `observation`, nil when the table has no such row.
    subscript(observation: Observation) -> String? {
        rows.first { $0.observation == observation }?.outcome
    }

    /// The table with the outcome of `observation` replaced by `outcome` (the row must exist).
    func replacing(_ observation: Observation, with outcome: String) -> VerdictTable {
        var table = self
        for index in table.rows.indices where table.rows[index].observation == observation {
            table.rows[index].outcome = outcome
        }
        return table
    }

    /// One line per row of `self` or `other` whose outcomes differ (`label: expected X, got Y`),
    /// `self` being the expectation.
    func differences(from other: VerdictTable, expectedName: String = "expected", actualName: String = "got") -> [String] {
        let labels = observations + other.observations.filter { self[$0] == nil }
        return labels.compactMap { observation in
            let mine = self[observation] ?? "(no row)"
            let theirs = other[observation] ?? "(no row)"
            return mine == theirs ? nil : "\(observation): \(expectedName) \(mine), \(actualName) \(theirs)"
        }
    }

    /// The table as aligned text, one row a line.
    var description: String {
        let width = rows.map { $0.observation.description.count }.max() ?? 0
        return rows.map { row in
            let label = row.observation.description
            return label + String(repeating: " ", count: width - label.count) + "  " + row.outcome
        }.joined(separator: "\n")
    }
}
