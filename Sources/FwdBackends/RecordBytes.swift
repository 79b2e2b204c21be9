/// Little-endian writing of the ``KernelRuleRecordFile`` layout.
struct RecordBytes {
    var bytes: [UInt8] = []

    mutating func put(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    mutating func put(_ value: UInt8) { bytes.append(value) }

    mutating func put(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    /// A u16 length and the UTF-8 bytes (names are short: nftables allows 256 bytes).
    mutating func put(name: String) {
        let utf8 = Array(name.utf8.prefix(Int(UInt16.max)))
        bytes.append(UInt8(truncatingIfNeeded: utf8.count))
        bytes.append(UInt8(truncatingIfNeeded: utf8.count >> 8))
        bytes += utf8
    }

    /// FNV-1a, 64 bits: catches truncation and stray changes (not tampering: the file lives in
    /// root's 0700 runtime directory).
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}

/// Little-endian reading with bounds checks: nil past the end.
struct RecordReader {
    private let bytes: ArraySlice<UInt8>
    private var offset: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        offset = bytes.startIndex
    }

    /// Bytes not read yet.
    var remaining: Int { bytes.endIndex - offset }

    mutating func u64() -> UInt64? {
        guard remaining >= 8 else { return nil }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[offset + index]) << UInt64(8 * index) }
        offset += 8
        return value
    }

    mutating func u8() -> UInt8? {
        guard remaining >= 1 else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func u32() -> UInt32? {
        guard remaining >= 4 else { return nil }
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[offset + index]) << UInt32(8 * index) }
        offset += 4
        return value
    }

    mutating func name() -> String? {
        guard remaining >= 2 else { return nil }
        let length = Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
        offset += 2
        guard remaining >= length else { return nil }
        defer { offset += length }
        return String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
    }
}
