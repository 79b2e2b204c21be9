import Synchronization

/// A file name as a number: equal names get the same number, so that a ``SourceLocation`` (which
/// every table, chain, rule and loaded value carries, and copies often) holds no string.
///
/// The names live in one table for the whole process; a process names few files (its config
/// files and the Swift files rules are written in).
public struct SourceFile: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The name's index in the table.
    private let index: UInt32

    /// The file called `name`.
    public init(_ name: String) { index = SourceFile.names.index(of: name) }

    /// The file's name, as given when it was created.
    public var name: String { SourceFile.names.name(at: index) }

    /// The name.
    public var description: String { name }

    /// Orders by name.
    public static func < (lhs: SourceFile, rhs: SourceFile) -> Bool {
        lhs.index != rhs.index && lhs.name < rhs.name
    }

    private static let names = FileNameTable()
}

/// Every file name seen, by index, and the index of each.
private final class FileNameTable: Sendable {
    private let state = Mutex<(names: [String], indices: [String: UInt32])>(([], [:]))

    /// The index of `name`, adding it when new.
    func index(of name: String) -> UInt32 {
        state.withLock { state in
            if let index = state.indices[name] { return index }
            let index = UInt32(state.names.count)
            state.names.append(name)
            state.indices[name] = index
            return index
        }
    }

    /// The name at `index` (an index this table gave).
    func name(at index: UInt32) -> String {
        state.withLock { $0.names[Int(index)] }
    }
}
