/// The payload of one `udp-flood` datagram: the magic `FWDQ`, a 64-bit big-endian sequence
/// number, then zero padding up to the requested size.
enum FloodDatagram {
    /// The four bytes every flood datagram starts with.
    static let magic: [UInt8] = Array("FWDQ".utf8)
    /// The smallest datagram: magic and sequence number.
    static let minimumSize = magic.count + 8

    /// Writes sequence number `sequence` into `buffer`, which starts with the magic (see
    /// ``template(size:)``) and is at least ``minimumSize`` bytes long.
    static func stamp(_ sequence: UInt64, into buffer: inout [UInt8]) {
        for index in 0..<8 {
            buffer[magic.count + index] = UInt8(truncatingIfNeeded: sequence >> (56 - 8 * UInt64(index)))
        }
    }

    /// A buffer of `size` bytes (at least ``minimumSize``) starting with the magic.
    static func template(size: Int) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: max(size, minimumSize))
        buffer.replaceSubrange(0..<magic.count, with: magic)
        return buffer
    }

    /// The sequence number in the first `count` bytes of `buffer`, or nil when they are not a
    /// flood datagram.
    static func sequence(in buffer: [UInt8], count: Int) -> UInt64? {
        guard count >= minimumSize, buffer.count >= minimumSize, Array(buffer[0..<magic.count]) == magic else {
            return nil
        }
        var value: UInt64 = 0
        for index in 0..<8 { value = value << 8 | UInt64(buffer[magic.count + index]) }
        return value
    }
}
