import Crypto
import Dispatch
import Synchronization

/// SHA-256 (swift-crypto) over each file's name, length and bytes, in reading order: the digest
/// of a load.
///
/// Hashed on a second thread while the files are parsed (a 10 MB config takes a few
/// milliseconds; the bytes are shared, not copied); ``hexDigest()`` waits for it.
final class FilesDigest: Sendable {
    private let hasher = Mutex(SHA256())
    /// Hashes the files one after the other, in the order added.
    private let queue = DispatchQueue(label: "fwd.config.digest")

    /// Adds the file `name` with `bytes`.
    func add(name: String, bytes: [UInt8]) {
        let header = Array("\(name)\0\(bytes.count)\0".utf8)
        queue.async { [self] in
            hasher.withLock { hasher in
                hasher.update(data: header)
                bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            }
        }
    }

    /// The digest of every file added, as 64 hex digits.
    func hexDigest() -> String {
        let digest = queue.sync { hasher.withLock { $0.finalize() } }
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
