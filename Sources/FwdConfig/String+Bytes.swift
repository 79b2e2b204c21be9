#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// Whether the UTF-8 text holds `byte`, searched with `memchr` (a hot path: every value is
    /// checked for `$` and `,`; a loop over a short string's bytes is slower).
    func containsByte(_ byte: UInt8) -> Bool {
        let found = utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        }
        return found ?? utf8.contains(byte)
    }

    /// Whether every byte is printable ASCII (`orSpace`: the space too) other than `excluded`:
    /// then no character is a line break, a tab or NUL. A quick test before a slower walk over
    /// the characters.
    func isPrintableASCII(except excluded: UInt8, orSpace: Bool = true) -> Bool {
        let lowest: UInt8 = orSpace ? 0x20 : 0x21
        return utf8.allSatisfy { $0 >= lowest && $0 < 0x7F && $0 != excluded }
    }

    /// Whether the text starts with `!` (a negation), tested on the first byte.
    var startsWithExclamationMark: Bool { utf8.first == UInt8(ascii: "!") }

    /// Whether the text starts with `@` (a set reference), tested on the first byte.
    var startsWithAt: Bool { utf8.first == UInt8(ascii: "@") }

    /// Whether the text, after an optional negating `!` and the blanks after it, starts with
    /// `@`: it names a set.
    var namesSet: Bool {
        var bytes = utf8[...]
        if bytes.first == UInt8(ascii: "!") { bytes = bytes.dropFirst().drop { $0 == UInt8(ascii: " ") } }
        return bytes.first == UInt8(ascii: "@")
    }
}
