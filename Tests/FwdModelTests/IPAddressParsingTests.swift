@testable import FwdModel
import Testing

@Suite("IP address parsing")
struct IPAddressParsingTests {
    @Test("Dotted-quad IPv4", arguments: [
        ("0.0.0.0", UInt32(0)), ("10.0.0.1", 0x0a00_0001), ("255.255.255.255", 0xffff_ffff),
        ("192.168.1.20", 0xc0a8_0114),
    ])
    func ipv4(text: String, value: UInt32) {
        #expect(IPAddress(text) == .v4(value))
        #expect(IPAddress(text)?.family == .ipv4)
        #expect(IPAddress(text)?.bitWidth == 32)
    }

    @Test("IPv6 in every RFC 4291 form", arguments: [
        ("::", UInt64(0), UInt64(0)),
        ("::1", 0, 1),
        ("1::", 0x0001_0000_0000_0000, 0),
        ("fd00::1", 0xfd00_0000_0000_0000, 1),
        ("FD00::A", 0xfd00_0000_0000_0000, 0xa),
        ("2001:db8:0:0:1:0:0:1", 0x2001_0db8_0000_0000, 0x0001_0000_0000_0001),
        ("2001:0db8:0000:0000:0000:0000:0000:0001", 0x2001_0db8_0000_0000, 1),
        ("1:2:3:4:5:6:7:8", 0x0001_0002_0003_0004, 0x0005_0006_0007_0008),
        ("1:2:3:4:5:6:7::", 0x0001_0002_0003_0004, 0x0005_0006_0007_0000),
        ("::2:3:4:5:6:7:8", 0x0000_0002_0003_0004, 0x0005_0006_0007_0008),
        ("::ffff:1.2.3.4", 0, 0x0000_ffff_0102_0304),
        ("::1.2.3.4", 0, 0x0000_0000_0102_0304),
        ("64:ff9b::192.0.2.33", 0x0064_ff9b_0000_0000, 0x0000_0000_c000_0221),
        ("1:2:3:4:5:6:1.2.3.4", 0x0001_0002_0003_0004, 0x0005_0006_0102_0304),
    ])
    func ipv6(text: String, high: UInt64, low: UInt64) {
        #expect(IPAddress(text) == .v6(high: high, low: low))
        #expect(IPAddress(text)?.family == .ipv6)
    }

    @Test("Text that is no address is rejected", arguments: [
        "", " ", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1.2.3.4.", ".1.2.3.4", "1..2.3", "1.2.3.-4", "1.2.3.+4",
        "a.b.c.d", "1.2.3.4/8", "1234.1.1.1", "0x1.2.3.4", " 1.2.3.4",
        ":", ":::", "1:::2", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8",
        "12345::", "g::1", "+1::", "-0::", "1:2:3:4:5:6:7", ":1::", "1::2:", "::ffff:1.2.3",
        "::ffff:1.2.3.4:5", "1.2.3.4::", "fe80::1%eth0", "[::1]", "1:2:3:4:5:6:7:1.2.3.4",
        "0000:0000:0000:0000:0000:0000:0000:0000:0",
    ])
    func invalid(text: String) {
        #expect(IPAddress(text) == nil, "'\(text)' should not parse")
    }

    @Test("Substrings parse like strings")
    func substring() {
        let text = "x10.0.0.1x"
        #expect(IPAddress(text.dropFirst().dropLast()) == .v4(0x0a00_0001))
    }

    @Test("Network byte order bytes")
    func bytes() throws {
        #expect(try #require(IPAddress("10.1.2.3")).bytes == [10, 1, 2, 3])
        let v6 = try #require(IPAddress("fd00::102"))
        #expect(v6.bytes == [0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2])
    }

    @Test("Ordering: numeric within a family, IPv4 before IPv6")
    func ordering() throws {
        let a = try #require(IPAddress("10.0.0.2")), b = try #require(IPAddress("10.0.0.10"))
        let c = try #require(IPAddress("::1")), d = try #require(IPAddress("fd00::1"))
        #expect(a < b && b < c && c < d)
        #expect(!(c < a))
        #expect([d, b, c, a].sorted() == [a, b, c, d])
    }
}
