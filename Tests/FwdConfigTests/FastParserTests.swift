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

    @Test func statesAgree() {
        for (state, name) in ConnectionStates.named {
            #expect(FastParsers.connectionState(name) == state)
            #expect(ConnectionStates(parsing: name) == state)
        }
        #expect(FastParsers.connectionState("new") == nil)
    }
}
