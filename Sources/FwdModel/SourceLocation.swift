/// Where a table, chain or rule was written: a Swift source file and line, or a config file's
/// line and column.
///
/// Plain data (the file is a ``SourceFile``, a number), so that copying a location costs no
/// reference counting: a loaded config keeps one for every rule, key and value.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file, as a number standing for its name.
    public var sourceFile: SourceFile
    /// The 1-based line.
    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }
    /// The line in 32 bits (a config file of 2^31 lines is not one fwd reads), so that a location
    /// takes 12 bytes: every rule, key and value carries one.
    private var storedLine: Int32
    /// The column, or `SourceLocation.noColumn`.
    private var storedColumn: Int32

    private static let noColumn = Int32.min

    /// The file, as the user should read it (`#fileID` for Swift code, the path for a config file).
    public var file: String {
        get { sourceFile.name }
        set { sourceFile = SourceFile(newValue) }
    }

    /// The 1-based column, when known (config files know it; Swift's `#line` does not).
    public var column: Int? {
        get { storedColumn == SourceLocation.noColumn ? nil : Int(storedColumn) }
        set { storedColumn = SourceLocation.storable(newValue) }
    }

    /// Creates a location.
    public init(file: String, line: Int, column: Int? = nil) {
        self.init(SourceFile(file), line: line, column: column)
    }

    /// Creates a location in `file`, already made a ``SourceFile`` (for loaders that make many).
    public init(_ file: SourceFile, line: Int, column: Int? = nil) {
        sourceFile = file
        storedLine = Int32(clamping: line)
        storedColumn = SourceLocation.storable(column)
    }

    /// `column` as stored (columns beyond 32 bits are clamped).
    private static func storable(_ column: Int?) -> Int32 {
        guard let column else { return noColumn }
        return Int32(clamping: max(column, Int(noColumn) + 1))
    }

    /// `file:line` or `file:line:column`.
    public var description: String {
        if let column { return "\(file):\(line):\(column)" }
        return "\(file):\(line)"
    }

    /// Orders by file, then line, then column (a location without a column comes first).
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        if lhs.sourceFile != rhs.sourceFile { return lhs.sourceFile < rhs.sourceFile }
        return (lhs.line, lhs.column ?? 0) < (rhs.line, rhs.column ?? 0)
    }
}
