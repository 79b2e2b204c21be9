import Glibc

/// fwd's runtime directory (`/run/fwd`, 0700, root only): the control socket, the commit lock,
/// the copy of what was last applied and the pending commit-confirmed record live here.
public struct RuntimeDirectory: Hashable, Sendable {
    /// The directory's path.
    public var path: String

    /// The directory systemd creates for the unit (`RuntimeDirectory=fwd`).
    public static let defaultPath = "/run/fwd"

    /// The directory at `path` (default `/run/fwd`).
    public init(_ path: String = RuntimeDirectory.defaultPath) { self.path = path }

    /// The control socket: `<dir>/control.sock`.
    public var controlSocketPath: String { path + "/control.sock" }
    /// The commit lock: `<dir>/lock`.
    public var lockPath: String { path + "/lock" }

    /// `<dir>/name`.
    public func file(_ name: String) -> String { path + "/" + name }

    /// Creates the directory (and its parents) with mode 0700 when missing, and tightens it to
    /// 0700 when it exists. Refuses a path that is not a directory.
    public func prepare() throws(EnvironmentError) {
        try RuntimeDirectory.makeDirectories(path)
        guard chmod(path, 0o700) == 0 else { throw .systemCall("chmod 0700 \(path)", errno: errno) }
    }

    static func makeDirectories(_ path: String) throws(EnvironmentError) {
        var partial = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            partial += "/" + component
            if mkdir(partial, 0o700) == 0 {
                chmod(partial, 0o700)  // whatever the umask
            } else if errno != EEXIST {
                throw .systemCall("cannot create directory \(partial)", errno: errno)
            }
        }
        var info = stat()
        guard stat(path, &info) == 0 else { throw .systemCall("cannot stat \(path)", errno: errno) }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw EnvironmentError("\(path) is not a directory") }
    }
}

/// Small files written whole and atomically (temporary file, fsync, rename), mode 0600.
enum StateFile {
    /// Writes `text` to `path` atomically.
    static func write(_ text: String, to path: String) throws(EnvironmentError) {
        try write(Array(text.utf8), to: path)
    }

    /// Writes `bytes` to `path` atomically.
    static func write(_ bytes: [UInt8], to path: String) throws(EnvironmentError) {
        let temporary = path + ".tmp.\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .systemCall("cannot create \(temporary)", errno: errno) }
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else {
                let code = errno
                close(descriptor)
                unlink(temporary)
                throw .systemCall("cannot write \(temporary)", errno: code)
            }
            written += result
        }
        fsync(descriptor)
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw .systemCall("cannot rename \(temporary) to \(path)", errno: code)
        }
    }

    /// The file's text, or nil when it does not exist.
    static func read(_ path: String) throws(EnvironmentError) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            throw .systemCall("cannot open \(path)", errno: errno)
        }
        defer { close(descriptor) }
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw .systemCall("cannot read \(path)", errno: errno) }
            if count == 0 { break }
            data += chunk[0..<count]
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Removes the file; true when it existed.
    @discardableResult
    static func remove(_ path: String) -> Bool { unlink(path) == 0 }
}
