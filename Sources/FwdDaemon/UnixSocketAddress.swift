import Glibc

/// An `AF_UNIX` address: a filesystem path, or an abstract name written `@name`.
struct UnixSocketAddress {
    private var storage = sockaddr_un()
    /// The length to pass to `bind`/`connect`/`sendto`.
    private(set) var length: socklen_t = 0

    /// The address for `path`; nil when it is empty or longer than `sun_path` holds.
    init?(_ path: String) {
        var bytes = Array(path.utf8)
        guard !bytes.isEmpty else { return nil }
        let isAbstract = bytes[0] == UInt8(ascii: "@")
        if isAbstract { bytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: storage.sun_path)
        guard bytes.count < capacity || (isAbstract && bytes.count <= capacity) else { return nil }
        storage.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &storage.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path) ?? 2
        length = socklen_t(pathOffset + bytes.count + (isAbstract ? 0 : 1))
    }

    /// Calls `body` with the address as a `sockaddr` pointer and its length.
    func withSocketAddress<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> Result) -> Result {
        withUnsafeBytes(of: storage) { raw in
            body(raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), length)
        }
    }
}

/// Small wrappers over socket calls, each returning errno on failure.
enum UnixSocket {
    /// A new `AF_UNIX` socket of `type` (close-on-exec).
    static func make(_ type: Int32) throws(EnvironmentError) -> Int32 {
        let descriptor = socket(AF_UNIX, type | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .systemCall("cannot create a unix socket", errno: errno) }
        return descriptor
    }

    /// The uid, gid and pid of the process at the other end of a connected socket.
    static func peerCredentials(_ descriptor: Int32) -> PeerCredentials? {
        var credentials = PeerCredentials()
        var length = socklen_t(MemoryLayout<PeerCredentials>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0 else { return nil }
        return credentials
    }

    /// Sets send and receive timeouts.
    static func setTimeouts(_ descriptor: Int32, seconds: Int) {
        var value = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Writes all of `text`; false when the peer went away or the write timed out.
    @discardableResult
    static func writeAll(_ descriptor: Int32, _ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }

    /// Reads until end of file or `limit` bytes; nil on error or timeout.
    static func readToEnd(_ descriptor: Int32, limit: Int = 1 << 20) -> String? {
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while data.count < limit {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            data += chunk[0..<count]
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads one line (without its newline), at most `limit` bytes; nil on error, timeout or
    /// end of file before a newline.
    static func readLine(_ descriptor: Int32, limit: Int = 4096) -> String? {
        var data: [UInt8] = []
        var byte: UInt8 = 0
        while data.count < limit {
            let count = recv(descriptor, &byte, 1, 0)
            if count < 0, errno == EINTR { continue }
            guard count == 1 else { return nil }
            if byte == UInt8(ascii: "\n") { return String(decoding: data, as: UTF8.self) }
            data.append(byte)
        }
        return nil
    }
}

/// `struct ucred` (not imported into Swift without `_GNU_SOURCE`): what `SO_PEERCRED` returns.
struct PeerCredentials {
    var pid: pid_t = 0
    var uid: uid_t = 0
    var gid: gid_t = 0
}
