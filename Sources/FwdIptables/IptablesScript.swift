public import FwdModel

/// Where one line of an ``IptablesScript`` came from: the table, chain or rule of the model.
public struct IptablesLineOrigin: Hashable, Sendable {
    /// What kind of model object produced the line.
    public enum Kind: Hashable, Sendable {
        /// A line of the table itself: its banner, `*table` or `COMMIT`.
        case table
        /// A chain declaration (`:INPUT DROP [0:0]`) or a chain's header comment.
        case chain
        /// A rule (`-A …`) or the `# Rule:` comment before it; `ruleNumber` is 1-based in the chain.
        case rule(ruleNumber: Int)
    }

    /// What kind of object produced the line.
    public var kind: Kind
    /// Where the object was written.
    public var location: SourceLocation
    /// The table the line belongs to.
    public var table: TableKind
    /// The chain, or nil for a line of the table itself.
    public var chain: String?

    /// An origin from its parts.
    public init(kind: Kind, location: SourceLocation, table: TableKind, chain: String?) {
        self.kind = kind
        self.location = location
        self.table = table
        self.chain = chain
    }
}

/// iptables-restore text for one family, with a map from each line back to the model.
///
/// Line numbers are 1-based, as iptables-restore counts them (comment lines included), so that
/// its "line N failed" errors can be reported at the user's file and line.
public struct IptablesScript: Hashable, Sendable {
    /// The family this script is for: ``IPFamily/ipv4`` feeds `iptables-restore`,
    /// ``IPFamily/ipv6`` feeds `ip6tables-restore`.
    public let family: IPFamily
    /// The script, one `*table` … `COMMIT` block per table, ending in a newline.
    public let text: String
    /// For each line (index 0 is line 1), where it came from; nil for blank and global lines.
    public let origins: [IptablesLineOrigin?]
    /// The tables the script replaces, in order.
    public let tables: [TableKind]

    /// A script from its text and line origins.
    public init(family: IPFamily, text: String, origins: [IptablesLineOrigin?], tables: [TableKind]) {
        self.family = family
        self.text = text
        self.origins = origins
        self.tables = tables
    }

    /// The number of lines.
    public var lineCount: Int { origins.count }

    /// The model object that produced line `line` (1-based), or nil for a blank or global line
    /// or a number outside the script.
    public func origin(ofLine line: Int) -> IptablesLineOrigin? {
        guard line >= 1, line <= origins.count else { return nil }
        return origins[line - 1]
    }

    /// Where line `line` (1-based) came from: the rule, chain or table's location, its table,
    /// and its chain (empty for the table's own lines: banner, `*table`, `COMMIT`).
    public func location(ofLine line: Int) -> (location: SourceLocation, table: TableKind, chain: String)? {
        guard let origin = origin(ofLine: line) else { return nil }
        return (origin.location, origin.table, origin.chain ?? "")
    }
}
