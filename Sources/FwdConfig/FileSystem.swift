#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file operations the loader needs, on the C library (no Foundation).
enum FileSystem {
    /// The whole content of the file at `path`, or the system's reason it cannot be read.
    static func read(_ path: String) -> Result<[UInt8], FileError> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(FileError(errno: errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(FileError(errno: errno)) }
        guard (status.st_mode & S_IFMT) != S_IFDIR else { return .failure(FileError(errno: EISDIR)) }
        // A device or pipe (`/dev/zero`, a FIFO) could block or never end.
        guard (status.st_mode & S_IFMT) == S_IFREG else { return .failure(FileError(errno: EINVAL, reason: "not a regular file")) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(max(status.st_size, 0)) + 1)
        let chunk = 1 << 20
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, chunk) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(FileError(errno: errno))
            }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return .success(bytes)
    }

    /// The absolute path without symbolic links, `.` or `..`, or nil when it does not exist.
    static func canonicalPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The paths matching the shell pattern `pattern`, sorted (empty when none match).
    static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            if let path = result.gl_pathv[index] { paths.append(String(cString: path)) }
        }
        return paths.sorted()
    }

    /// Whether `text` holds a shell wildcard (`*`, `?`, `[`).
    static func isPattern(_ text: String) -> Bool {
        text.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    /// The directory part of `path` (`.` for a bare file name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `path` relative to `directory`, unless it is absolute.
    static func join(_ directory: String, _ path: String) -> String {
        if path.hasPrefix("/") || directory == "." { return path }
        return directory.hasSuffix("/") ? directory + path : directory + "/" + path
    }
}

/// Why a file could not be read: the C library's error.
struct FileError: Error {
    let errno: Int32
    /// A reason of fwd's own, instead of the system's.
    var reason: String?

    /// The system's description (`No such file or directory`), or fwd's reason.
    var message: String { reason ?? String(cString: strerror(errno)) }
}
