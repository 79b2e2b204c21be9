@testable import FwdModel
import Testing

@Suite("Rate limits")
struct RateLimitTests {
    @Test("Parsing rates", arguments: [
        ("5/second", 5, RateLimit.Unit.second), ("5/s", 5, .second), ("5/sec", 5, .second),
        ("10/min", 10, .minute), ("10/m", 10, .minute), ("100/hour", 100, .hour), ("1/d", 1, .day),
        ("3/MINUTE", 3, .minute),
    ])
    func parsing(text: String, count: Int, unit: RateLimit.Unit) throws {
        let limit = try #require(RateLimit(parsing: text, burst: 7))
        #expect(limit.count == count && limit.unit == unit && limit.burst == 7)
    }

    @Test("Text that is no rate", arguments: ["", "5", "5/", "/s", "5/fortnight", "x/s", "5/s/s", "-5/s", "1234567890/s"])
    func invalid(text: String) {
        #expect(RateLimit(parsing: text) == nil)
    }

    @Test("Printing")
    func printing() {
        #expect(RateLimit(5, per: .second).description == "5/second")
        #expect(RateLimit(10, per: .minute, burst: 20).description == "10/minute burst 20")
        #expect(RateLimit.Unit.day.seconds == 86400)
    }
}

@Suite("Marks, states, interfaces, log levels, NAT addresses")
struct ValueTests {
    @Test("Marks with and without a mask")
    func marks() throws {
        #expect(MarkValue(parsing: "0x10") == MarkValue(16))
        #expect(MarkValue(parsing: "16") == MarkValue(16))
        #expect(MarkValue(parsing: "0x10/0xff") == MarkValue(16, mask: 0xff))
        #expect(MarkValue(parsing: "0XFF") == MarkValue(255))
        for bad in ["", "0x", "x10", "0x+1", "0x-1", "+1", "1/", "/1", "1/2/3", "0x1ffffffff", "4294967296"] {
            #expect(MarkValue(parsing: bad) == nil, "'\(bad)' should not parse")
        }
        #expect(MarkValue(1).description == "0x1")
        #expect(MarkValue(1, mask: 0xff).description == "0x1/0xff")
        #expect(MarkValue(1).effectiveMask == .max)
        let literal: MarkValue = 7
        #expect(literal.value == 7 && literal.mask == nil)
    }

    @Test("Connection states in iptables' order")
    func states() {
        #expect(ConnectionStates(parsing: "established,related") == [.established, .related])
        #expect(ConnectionStates(parsing: "NEW, ESTABLISHED")?.description == "NEW,ESTABLISHED")
        #expect(ConnectionStates(parsing: "untracked,invalid")?.names == ["INVALID", "UNTRACKED"])
        #expect(ConnectionStates(parsing: "NEW,EST") == nil)
        #expect(ConnectionStates(parsing: "") == nil)
        #expect(ConnectionStates(parsing: ",") == nil)
    }

    @Test("Interfaces with the + wildcard")
    func interfaces() {
        let wildcard: Interface = "veth+"
        #expect(wildcard.isWildcard && wildcard.prefix == "veth")
        let plain: Interface = "eth0"
        #expect(!plain.isWildcard && plain.prefix == "eth0" && plain.description == "eth0")
        #expect(Interface.maximumLength == 15)
    }

    @Test("Log levels by name, alias and number")
    func logLevels() {
        #expect(LogLevel(name: "warning") == .warning)
        #expect(LogLevel(name: "warn") == .warning)
        #expect(LogLevel(name: "4") == .warning)
        #expect(LogLevel(name: "ERR") == .error)
        #expect(LogLevel(name: "error") == .error)
        #expect(LogLevel(name: "panic") == .emergency)
        #expect(LogLevel(name: "emerg") == .emergency)
        #expect(LogLevel(name: "8") == nil)
        #expect(LogLevel(name: "loud") == nil)
        #expect(LogLevel.allCases.map(\.name) == ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"])
    }

    @Test("NAT addresses with ports, brackets and ranges")
    func natAddresses() {
        let plain: NATAddress = "10.0.0.5"
        #expect(plain.address == AddressSpec(parsing: "10.0.0.5") && plain.ports == nil)
        let withPort: NATAddress = "10.0.0.5:8080"
        #expect(withPort.ports == PortRange(8080) && withPort.description == "10.0.0.5:8080")
        let portRange: NATAddress = "10.0.0.5:8000-8010"
        #expect(portRange.ports == PortRange(8000, 8010) && portRange.description == "10.0.0.5:8000-8010")
        let v6: NATAddress = "[fd00::5]:8080"
        #expect(v6.address.family == .ipv6 && v6.ports == PortRange(8080) && v6.description == "[fd00::5]:8080")
        let bareV6: NATAddress = "fd00::5"
        #expect(bareV6.address.family == .ipv6 && bareV6.ports == nil && bareV6.description == "fd00::5")
        let range: NATAddress = "10.0.0.1-10.0.0.4"
        #expect(range.address == AddressSpec(parsing: "10.0.0.1-10.0.0.4"))
        let badPort: NATAddress = "10.0.0.5:http"
        #expect(badPort.address == .invalid(text: "10.0.0.5:http", reason: "'http' is not a port or port range"))
        let badBracket: NATAddress = "[fd00::5]x"
        #expect(badBracket.address.family == nil)
    }

    @Test("Target names and properties")
    func targets() {
        #expect(Target.accept.iptablesName == "ACCEPT")
        #expect(Target.jump("web").iptablesName == "web")
        #expect(Target.goto("web").chainReference == "web")
        #expect(Target.accept.chainReference == nil)
        #expect(Target.drop.isTerminal && Target.masquerade.isTerminal && !Target.log.isTerminal)
        #expect(!Target.jump("x").isTerminal && !Target.return.isTerminal && !Target.mark(set: 1).isTerminal)
        #expect(Target.reject == .reject(with: nil))
        #expect(RejectType.tcpReset.family == nil)
        #expect(RejectType.icmp6PortUnreachable.family == .ipv6)
        #expect(RejectType.icmpHostProhibited.family == .ipv4)
    }
}
