@testable import FwdConfig
import FwdModel
import Testing

/// The byte-level fast paths must agree with the model's parsers wherever they answer.
@Suite("Fast parsers agree with the model")
struct FastParserTests {
    @Test func portsAgree() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789-:x ")
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...12, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "0" })
            if let fast = FastParsers.port(text) {
                #expect(PortRange(parsing: text) == fast, "\(text)")
            }
        }
        #expect(FastParsers.port("8000-8100") == PortRange(8000, 8100))
        #expect(FastParsers.port("65535") == PortRange(65535))
        #expect(FastParsers.port("123456") == nil)
    }

    @Test func addressesAgree() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789./:a")
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...20, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "0" })
            if let fast = FastParsers.ipv4Network(text) {
                #expect(AddressSpec(parsing: text) == fast, "\(text)")
            }
        }
        for octets in 0..<2_000 {
            let text = "\(octets % 256).\(octets / 7 % 300).\(octets % 13).\(octets % 260)/\(octets % 40)"
            if let fast = FastParsers.ipv4Network(text) {
                #expect(AddressSpec(parsing: text) == fast, "\(text)")
            } else {
                guard case .invalid = AddressSpec(parsing: text) else {
                    Issue.record("fast parser refused valid \(text)")
                    continue
                }
            }
        }
    }

    @Test func ipv6AddressesAgree() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789abcdefABF::::::./")
        var answered = 0
        for _ in 0..<40_000 {
            let length = Int.random(in: 0...44, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "0" })
            if let fast = FastParsers.address(text) {
                answered += 1
                #expect(AddressSpec(parsing: text) == fast, "\(text)")
            }
        }
        #expect(answered > 100)
        let forms = [
            "::", "::1", "1::", "fd00::3b1b", "fd00::/8", "2001:db8::/32", "2001:DB8:0:0:1:0:0:1", "1:2:3:4:5:6:7:8",
            "::ffff:10.0.0.1", "1:2:3:4:5:6:1.2.3.4", "::1.2.3.4/120", "fe80::1/64", "fd00:b9d2::/32", "0:0::0:0/0",
        ]
        for text in forms {
            #expect(FastParsers.address(text) != nil, "\(text)")
            #expect(AddressSpec(parsing: text) == FastParsers.address(text), "\(text)")
        }
        let wrong = [
            ":", ":::", "1:", ":1", "1:::2", "1::2::3", "1:2:3:4:5:6:7:8:9", "1::2:3:4:5:6:7:8", "12345::", "g::",
            "1.2.3.4::", "::1.2.3", "::1.2.3.256", "::/129", "::/", "::/1234", "1:2:3:4:5:6:7", " ::1", "::1-::2",
        ]
        for text in wrong { #expect(FastParsers.address(text) == nil, "\(text)") }
    }

    @Test func ratesAndNATAddressesAgree() {
        var generator = SystemRandomNumberGenerator()
        let units = ["second", "minute", "hour", "day", "s", "min", "x", ""]
        for _ in 0..<5_000 {
            let text = "\(Int.random(in: 0...2_000_000_000, using: &generator))/" + (units.randomElement(using: &generator) ?? "")
            if let fast = FastParsers.rate(text) { #expect(RateLimit(parsing: text) == fast, "\(text)") }
        }
        #expect(FastParsers.rate("5/second") == RateLimit(5, per: .second))
        let alphabet = Array("0123456789.:-/[]")
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...22, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "0" })
            if let fast = FastParsers.natAddress(text) { #expect(NATAddress(parsing: text) == fast, "\(text)") }
        }
        #expect(FastParsers.natAddress("10.0.0.5:8000-8100") == NATAddress("10.0.0.5", ports: PortRange(8000, 8100)))
    }

    @Test func marksAgree() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789abcdefxXAF/+ ")
        var answered = 0
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...22, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "0" })
            if let fast = FastParsers.mark(text) {
                answered += 1
                #expect(MarkValue(parsing: text) == fast, "\(text)")
            }
        }
        #expect(answered > 100)
        for text in ["0x10", "16", "0x10/0xff", "0XFF/0Xf", "4294967295", "0x00000000ffffffff", "0/0"] {
            #expect(FastParsers.mark(text) != nil && FastParsers.mark(text) == MarkValue(parsing: text), "\(text)")
        }
        for text in ["", "0x", "1/", "/1", "1/2/3", "4294967296", "0x100000000", "+1", " 1", "0x1g"] {
            #expect(FastParsers.mark(text) == nil, "\(text)")
        }
    }

    @Test func statesAgree() {
        for (state, name) in ConnectionStates.named {
            #expect(FastParsers.connectionState(name) == state)
            #expect(ConnectionStates(parsing: name) == state)
        }
        #expect(FastParsers.connectionState("new") == nil)
    }

    @Test func protocolsAgree() {
        for text in ["tcp", "udp", "icmp", "ipv6-icmp", "icmpv6"] {
            #expect(FastParsers.ipProtocol(text) != nil && FastParsers.ipProtocol(text) == IPProtocol(parsing: text), "\(text)")
        }
        for text in ["TCP", "sctp", "6", "", "tcp "] {
            #expect(FastParsers.ipProtocol(text) == nil, "\(text)")
        }
    }
}
