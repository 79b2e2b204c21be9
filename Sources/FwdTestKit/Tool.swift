import Foundation

/// Finds the command-line tools the kit runs (`ip`, `iptables-legacy`, `ping`), looking in `PATH`
/// and in the sbin directories a non-login shell's `PATH` may lack.
public enum Tool {
    /// Directories searched after `PATH`.
    static let fallbackDirectories = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]

    /// The absolute path of the executable called `name`, or nil when there is none. A name with a
    /// `/` is taken as a path and returned when executable.
    public static func path(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let searchPath = ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":").map(String.init) ?? []
        for directory in searchPath + fallbackDirectories where !directory.isEmpty {
            let candidate = directory + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The absolute path of `name`.
    /// - Throws: ``CommandError/toolMissing(_:)`` when it is not installed.
    public static func require(_ name: String) throws(CommandError) -> String {
        guard let path = path(name) else { throw .toolMissing(name) }
        return path
    }
}
