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

    @Test func statesAgree() {
        for (state, name) in ConnectionStates.named {
            #expect(FastParsers.connectionState(name) == state)
            #expect(ConnectionStates(parsing: name) == state)
        }
        #expect(FastParsers.connectionState("new") == nil)
    }
}

@Suite("SHA-256")
struct SHA256Tests {
    @Test func knownDigests() {
        var empty = SHA256()
        empty.update([])
        #expect(empty.hexDigest() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        var abc = SHA256()
        abc.update(Array("ab".utf8))
        abc.update(Array("c".utf8))
        #expect(abc.hexDigest() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        var long = SHA256()
        long.update(Array(String(repeating: "a", count: 1_000).utf8))
        #expect(long.hexDigest() == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}
