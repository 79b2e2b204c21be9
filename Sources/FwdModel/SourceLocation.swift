/// Where a table, chain or rule was written: a Swift source file and line, or a config file's
/// line and column.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file, as the user should read it (`#fileID` for Swift code, the path for a config file).
    public var file: String
    /// The 1-based line.
    public var line: Int
    /// The 1-based column, when known (config files know it; Swift's `#line` does not).
    public var column: Int?

    /// Creates a location.
    public init(file: String, line: Int, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line` or `file:line:column`.
    public var description: String {
        if let column { return "\(file):\(line):\(column)" }
        return "\(file):\(line)"
    }

    /// Orders by file, then line, then column (a location without a column comes first).
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column ?? 0) < (rhs.file, rhs.line, rhs.column ?? 0)
    }
}
