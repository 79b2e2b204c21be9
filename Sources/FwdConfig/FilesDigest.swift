import Crypto

/// SHA-256 (swift-crypto) over each file's name, length and bytes, in reading order: the digest
/// of a load.
///
/// Hashed where each file is read: with the CPU's SHA instructions a 10 MB config takes a few
/// milliseconds, less than handing the bytes to another thread would.
final class FilesDigest {
    private var hasher = SHA256()

    /// Adds the file `name` with `bytes`.
    func add(name: String, bytes: [UInt8]) {
        hasher.update(data: Array("\(name)\0\(bytes.count)\0".utf8))
        bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
    }

    /// The digest of every file added, as 64 hex digits.
    func hexDigest() -> String {
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in hasher.finalize() {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
