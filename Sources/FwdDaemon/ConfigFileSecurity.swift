import Glibc

/// Refuses config files anyone but root could have written: the daemon applies whatever they
/// say as root, so a file owned by another user, or writable by everyone, or in a directory
/// everyone may write to (without the sticky bit), would let that user set the firewall.
public struct ConfigFileSecurity: Sendable {
    /// The owner required (root).
    public var requiredOwner: UInt32

    /// A check requiring files owned by `requiredOwner` (0: root).
    public init(requiredOwner: UInt32 = 0) { self.requiredOwner = requiredOwner }

    /// Checks every file in `paths` and the directory holding each.
    /// - Throws: ``UnsafeConfigFile`` naming the first problem found.
    public func check(_ paths: [String]) throws(UnsafeConfigFile) {
        for path in paths { try check(path) }
    }

    /// Checks one file and its directory.
    public func check(_ path: String) throws(UnsafeConfigFile) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw UnsafeConfigFile(path: path, problem: "cannot be read: \(SystemError.text(errno))")
        }
        if info.st_uid != requiredOwner {
            throw UnsafeConfigFile(path: path, problem: "is owned by uid \(info.st_uid), not by root;"
                + " the daemon only applies config files root owns (chown root: \(path))")
        }
        if info.st_mode & S_IWOTH != 0 {
            throw UnsafeConfigFile(path: path, problem: "is writable by every user (mode \(ConfigFileSecurity.octal(info.st_mode)));"
                + " run chmod o-w \(path)")
        }
        let directory = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : "."
        var folder = stat()
        guard stat(directory.isEmpty ? "/" : directory, &folder) == 0 else { return }
        if folder.st_mode & S_IWOTH != 0, folder.st_mode & S_ISVTX == 0 {
            throw UnsafeConfigFile(path: path, problem: "lies in \(directory.isEmpty ? "/" : directory), which every user"
                + " may write to; anyone could replace the file")
        }
    }

    static func octal(_ mode: mode_t) -> String { "0" + String(mode & 0o7777, radix: 8) }
}

/// A config file the daemon will not trust.
public struct UnsafeConfigFile: Error, Hashable, Sendable, CustomStringConvertible, ExitCodeProviding {
    /// The file.
    public var path: String
    /// What is wrong with it.
    public var problem: String

    /// `path: refusing config file: it …`.
    public var description: String { "\(path): refusing config file: it \(problem)" }

    /// 1.
    public var exitCode: FwdExitCode { .invalidConfig }
}
