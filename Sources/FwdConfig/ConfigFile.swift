/// One file a load read: its name as the loader named it (the main file's path as given, an
/// include's path joined to its includer's directory) and its bytes exactly as read. Kept so that
/// what was applied can be recorded as the config itself and loaded again later.
public struct ConfigFile: Hashable, Sendable {
    /// The file's path as the loader named it.
    public var name: String
    /// The bytes the loader parsed.
    public var bytes: [UInt8]

    /// The file `name` holding `bytes`.
    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }
}
