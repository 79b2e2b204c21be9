import Glibc

/// One file of a config as the loader read it: its absolute path and its bytes.
public struct SourceFile: Hashable, Sendable {
    /// The absolute path the loader read (as it named it: `..` and symbolic links unresolved).
    public var path: String
    /// The bytes it parsed.
    public var bytes: [UInt8]

    /// The file at `path` holding `bytes`.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// The record of what was applied: the config's own files, copied under the runtime directory
/// into `<dir>/config-<id>/` at their absolute paths (`/etc/fwd/fwd.yaml` becomes
/// `<dir>/config-<id>/etc/fwd/fwd.yaml`), so that relative includes and shell patterns find the
/// same files in the copy. Loading the copy's main file again gives the ruleset that was applied
/// (how a rollback restores it); ``files`` is the manifest to check that load against.
public struct ConfigCopy: Codable, Hashable, Sendable {
    /// The copy's root directory.
    public var directory: String
    /// The main file's original absolute path.
    public var mainFile: String
    /// Every file's original absolute path, in reading order (the main file first).
    public var files: [String]

    /// `path` inside the copy.
    public func pathInCopy(_ path: String) -> String { directory + path }

    /// The main file inside the copy: what to load.
    public var mainFileInCopy: String { pathInCopy(mainFile) }

    /// The original path of `path` inside the copy, or nil when it lies outside (a file included
    /// by absolute path is read from where it is now, not from the copy).
    public func originalPath(of path: String) -> String? {
        guard path.hasPrefix(directory + "/") else { return nil }
        return String(path.dropFirst(directory.count))
    }

    /// Copies `files` (the main file first) into a new directory under `runtime`.
    /// - Throws: ``EnvironmentError`` when a path is not absolute, climbs above `/`, or a file
    ///   cannot be written (the partial copy is removed).
    public static func write(_ files: [SourceFile], under runtime: RuntimeDirectory) throws -> ConfigCopy? {
        guard let main = files.first else { return nil }
        try runtime.prepare()
        let directory = runtime.file(prefix + randomIdentifier())
        try RuntimeDirectory.makeDirectories(directory)
        let copy = ConfigCopy(directory: directory, mainFile: main.path, files: files.map(\.path))
        do {
            for file in files {
                try checkPath(file.path)
                try makeParents(of: file.path, under: directory)
                try StateFile.write(file.bytes, to: copy.pathInCopy(file.path))
            }
        } catch {
            copy.remove()
            throw error
        }
        return copy
    }

    /// Removes the copy.
    public func remove() { StateFile.removeTree(directory) }

    /// The name every copy's directory starts with.
    static let prefix = "config-"

    /// Refuses a relative path, and one whose `..` climb above `/` (it would leave the copy).
    private static func checkPath(_ path: String) throws(EnvironmentError) {
        guard path.hasPrefix("/") else { throw EnvironmentError("cannot keep a copy of \(path): not an absolute path") }
        var depth = 0
        for component in path.split(separator: "/") {
            if component == ".." { depth -= 1 } else if component != "." { depth += 1 }
            guard depth >= 0 else { throw EnvironmentError("cannot keep a copy of \(path): it climbs above /") }
        }
    }

    /// Creates every directory `path` names before its last component, as written (a component
    /// followed by `..` too, so that the copy resolves `a/../b` as the loader's name says).
    private static func makeParents(of path: String, under root: String) throws(EnvironmentError) {
        var partial = root
        for component in path.split(separator: "/").dropLast() {
            partial += "/" + component
            guard component != "..", component != "." else { continue }
            if mkdir(partial, 0o700) != 0, errno != EEXIST {
                throw .systemCall("cannot create directory \(partial)", errno: errno)
            }
        }
    }

    private static func randomIdentifier() -> String {
        (0..<4).map { _ in String(UInt16.random(in: 0...UInt16.max), radix: 16) }
            .map { String(repeating: "0", count: 4 - $0.count) + $0 }.joined()
    }
}
