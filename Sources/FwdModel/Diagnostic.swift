/// One problem found in a ruleset, located at the rule, chain or table it concerns.
public struct Diagnostic: Error, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Where the offending object was written.
    public var location: SourceLocation
    /// The table, when the problem lies inside one.
    public var table: TableKind?
    /// The chain, when the problem lies inside one.
    public var chain: String?
    /// The 1-based rule number within the chain, when a rule is at fault.
    public var ruleNumber: Int?
    /// What is wrong, in a sentence without the location.
    public var message: String

    /// A problem at `location`.
    public init(
        _ message: String, at location: SourceLocation, table: TableKind? = nil, chain: String? = nil,
        ruleNumber: Int? = nil
    ) {
        self.message = message
        self.location = location
        self.table = table
        self.chain = chain
        self.ruleNumber = ruleNumber
    }

    /// `file:line[:column]: chain filter/INPUT, rule 3: message`.
    public var description: String {
        var context = ""
        if let chain {
            context = "chain " + (table.map { "\($0)/" } ?? "") + chain
            if let ruleNumber { context += ", rule \(ruleNumber)" }
            context += ": "
        } else if let table {
            context = "table \(table): "
        }
        return "\(location): \(context)\(message)"
    }

    /// Orders by location, then message.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        lhs.location != rhs.location ? lhs.location < rhs.location : lhs.message < rhs.message
    }
}

/// Every problem a ruleset has, thrown when an invalid ruleset is about to be used.
public struct ValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The problems, sorted by location.
    public var diagnostics: [Diagnostic]

    /// An error holding `diagnostics`.
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics.sorted() }

    /// One problem per line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
