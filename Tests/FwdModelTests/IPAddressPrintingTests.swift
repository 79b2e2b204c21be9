@testable import FwdModel
import Testing

@Suite("IP address printing (RFC 5952)")
struct IPAddressPrintingTests {
    @Test("Canonical text", arguments: [
        ("10.0.0.1", "10.0.0.1"),
        ("0.0.0.0", "0.0.0.0"),
        ("::", "::"),
        ("::1", "::1"),
        ("1::", "1::"),
        ("2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),  // lower case, no leading zeros
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),  // first of two equal runs
        ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),  // one zero group is not shortened
        ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),  // the longest run wins
        ("fd00:0:0:0:0:0:0:0", "fd00::"),
        ("0:0:0:0:0:0:0:5", "::5"),
        ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
        ("::ffff:1.2.3.4", "::ffff:1.2.3.4"),  // IPv4-mapped keeps the dotted quad (RFC 5952 §5)
        ("::ffff:0102:0304", "::ffff:1.2.3.4"),
        ("fe80::abcd:ef01", "fe80::abcd:ef01"),
    ])
    func canonical(text: String, expected: String) throws {
        let address = try #require(IPAddress(text))
        #expect(address.description == expected)
        #expect(IPAddress(address.description) == address, "printing must parse back")
    }
}

@Suite("CIDR networks, hosts and ranges")
struct AddressSpecTests {
    @Test("Host bits after the prefix are cleared", arguments: [
        ("10.1.2.3/8", "10.0.0.0/8"),
        ("10.1.2.3/32", "10.1.2.3"),
        ("10.1.2.3/0", "0.0.0.0/0"),
        ("192.168.77.200/20", "192.168.64.0/20"),
        ("fd00::1/8", "fd00::/8"),
        ("2001:db8:ffff:ffff:1::/48", "2001:db8:ffff::/48"),
        ("2001:db8::ffff/127", "2001:db8::fffe/127"),
        ("2001:db8::1/128", "2001:db8::1"),
        ("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/65", "ffff:ffff:ffff:ffff:8000::/65"),
        ("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/0", "::/0"),
        (" 10.0.0.1 ", "10.0.0.1"),
    ])
    func masking(text: String, expected: String) {
        let spec = AddressSpec(parsing: text)
        #expect(spec.description == expected)
        #expect(spec.family != nil)
    }

    @Test("A host is a full-length prefix")
    func host() throws {
        let address = try #require(IPAddress("fd00::5"))
        #expect(AddressSpec.host(address) == .network(address, prefixLength: 128))
        #expect(AddressSpec.host(address).isHost)
        #expect(!AddressSpec(parsing: "10.0.0.0/8").isHost)
        #expect(!AddressSpec(parsing: "10.0.0.1-10.0.0.2").isHost)
    }

    @Test("Ranges keep both ends")
    func ranges() throws {
        let spec = AddressSpec(parsing: "10.0.0.1-10.0.0.9")
        #expect(spec == .range(try #require(IPAddress("10.0.0.1")), try #require(IPAddress("10.0.0.9"))))
        #expect(spec.description == "10.0.0.1-10.0.0.9")
        #expect(AddressSpec(parsing: "fd00::1-fd00::0:ff").description == "fd00::1-fd00::ff")
        #expect(AddressSpec(parsing: "10.0.0.5-10.0.0.5").family == .ipv4)
    }

    @Test("Malformed text is kept with the reason", arguments: [
        ("10.0.0.300", "'10.0.0.300' is not an IPv4 or IPv6 address"),
        ("10.0.0.0/33", "prefix length '33' is not 0...32"),
        ("fd00::/129", "prefix length '129' is not 0...128"),
        ("10.0.0.0/", "prefix length '' is not 0...32"),
        ("10.0.0.0/-1", "prefix length '-1' is not 0...32"),
        ("10.0.0.0/8/8", "prefix length '8/8' is not 0...32"),
        ("bogus/8", "'bogus' is not an IPv4 or IPv6 address"),
        ("10.0.0.1-fd00::1", "range '10.0.0.1-fd00::1' mixes IPv4 and IPv6"),
        ("10.0.0.9-10.0.0.1", "range '10.0.0.9-10.0.0.1' ends before it starts"),
        ("10.0.0.1-", "'10.0.0.1-' is not an address range a-b"),
        ("", "'' is not an IPv4 or IPv6 address"),
        ("eth0", "'eth0' is not an IPv4 or IPv6 address"),
    ])
    func invalid(text: String, reason: String) {
        let spec = AddressSpec(parsing: text)
        #expect(spec == .invalid(text: text.trimmingBlanks(), reason: reason))
        #expect(spec.family == nil)
        #expect(spec.description == text)
    }

    @Test("Address lists from literals, with commas")
    func lists() {
        let list: AddressList = "10.0.0.1, 10.0.0.2,fd00::/8"
        #expect(list.addresses.map(\.description) == ["10.0.0.1", "10.0.0.2", "fd00::/8"])
        #expect(list.families == [.ipv4, .ipv6])
        #expect(list.description == "10.0.0.1,10.0.0.2,fd00::/8")
        let array: AddressList = ["10.0.0.0/8", "192.168.0.0/16"]
        #expect(array.addresses.count == 2)
        #expect(array.families == [.ipv4])
        let bad: AddressList = "nonsense"
        #expect(bad.families.isEmpty)
        let empty: AddressList = ""
        #expect(empty.addresses.isEmpty)
    }
}
