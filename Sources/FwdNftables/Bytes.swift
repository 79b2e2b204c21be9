// Byte encodings of the values fwd puts in registers. Payload fields (ports, addresses) are in
// network byte order; meta and ct values (mark, ct state) are 32-bit words in host byte order.

extension UInt16 {
    /// The value in network byte order (2 bytes), as transport ports are compared.
    var networkOrderBytes: [UInt8] { [UInt8(truncatingIfNeeded: self >> 8), UInt8(truncatingIfNeeded: self)] }
}

extension UInt32 {
    /// The value in network byte order (4 bytes).
    var networkOrderBytes: [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: self >> (24 - 8 * $0)) } }

    /// The value in the host's byte order (4 bytes), as the kernel keeps `skb->mark` and ct state.
    var hostOrderBytes: [UInt8] { withUnsafeBytes(of: self) { Array($0) } }

    /// The value read from 4 bytes in host order (missing bytes count as zero).
    init(hostOrderBytes bytes: [UInt8]) {
        var padded = Array(bytes.prefix(4))
        padded += Array(repeating: 0, count: 4 - padded.count)
        self = padded.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
    }
}

extension Int {
    /// A port as 2 network-order bytes (validated ports are 0...65535; others are truncated).
    var portBytes: [UInt8] { UInt16(truncatingIfNeeded: self).networkOrderBytes }
}

/// Byte-string arithmetic for keys of equal length, most significant byte first.
enum KeyBytes {
    /// Whether `a` sorts before `b` as an unsigned big-endian number.
    static func less(_ a: [UInt8], _ b: [UInt8]) -> Bool { a.lexicographicallyPrecedes(b) }

    /// `bytes` with every bit after the first `prefixLength` set (the last address of a network).
    static func lastOfPrefix(_ bytes: [UInt8], prefixLength: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in
            let bitsKept = min(max(prefixLength - index * 8, 0), 8)
            return byte | UInt8(truncatingIfNeeded: 0xff >> bitsKept)
        }
    }

    /// A mask of `length` bytes whose first `prefixLength` bits are set.
    static func prefixMask(length: Int, prefixLength: Int) -> [UInt8] {
        (0..<length).map { index in
            let bitsKept = min(max(prefixLength - index * 8, 0), 8)
            return UInt8(truncatingIfNeeded: 0xff << (8 - bitsKept))
        }
    }

    /// The prefix length when `from...to` is exactly one network (`from` has only zero host bits
    /// and `to` only one host bits), else nil. A single key is a full-length prefix.
    static func prefixLength(from: [UInt8], to: [UInt8]) -> Int? {
        guard from.count == to.count else { return nil }
        var index = 0
        while index < from.count, from[index] == to[index] { index += 1 }
        guard index < from.count else { return from.count * 8 }
        let differing = from[index] ^ to[index]
        let kept = differing.leadingZeroBitCount
        guard differing == 0xff >> kept, from[index] & differing == 0, to[index] & differing == differing else {
            return nil
        }
        for rest in (index + 1)..<from.count where from[rest] != 0 || to[rest] != 0xff { return nil }
        return index * 8 + kept
    }

    /// The number of leading one bits of a contiguous mask, or nil when the mask has holes.
    static func prefixLength(ofMask mask: [UInt8]) -> Int? {
        let length = mask.reduce(0) { $0 + $1.nonzeroBitCount }
        return prefixMask(length: mask.count, prefixLength: length) == mask ? length : nil
    }
}
