import FwdModel
import Testing

/// The packet suite's own helpers, without the kernel: verdict tables, address comparison, and
/// the scenarios' expectations.
@Suite("Packet suite helpers")
struct VerdictTableTests {
    static let ssh = Observation.probe(.toServer(.tcpConnect(22), from: .admin, .ipv4))
    static let ping = Observation.probe(.toServer(.ping, from: .admin, .ipv6))

    @Test("Differences name the row, the expected and the actual outcome")
    func differences() {
        let expected = VerdictTable([(Self.ssh, "connected"), (Self.ping, "replied")])
        let actual = VerdictTable([(Self.ssh, "timed-out"), (Self.ping, "replied")])
        #expect(expected.differences(from: expected).isEmpty)
        #expect(expected.differences(from: actual) == ["tcp 22 connect admin → server IPv4: expected connected, got timed-out"])
        let missing = VerdictTable([(Self.ssh, "connected")])
        #expect(expected.differences(from: missing) == ["ping admin → server IPv6: expected replied, got (no row)"])
        #expect(missing.differences(from: expected, expectedName: "A", actualName: "B")
            == ["ping admin → server IPv6: A (no row), B replied"])
    }

    @Test("Replacing changes one outcome and keeps the order")
    func replacing() {
        let table = VerdictTable([(Self.ssh, "connected"), (Self.ping, "replied")]).replacing(Self.ssh, with: "refused")
        #expect(table.rows.map(\.outcome) == ["refused", "replied"])
        #expect(table.description.hasPrefix("tcp 22 connect admin → server IPv4  refused\n"))
    }

    @Test("Addresses compare by value")
    func addresses() {
        #expect(IPAddressText.sameAddress("fd00:99:0::1", "fd00:99::1"))
        #expect(!IPAddressText.sameAddress("fd00:99::1", "fd00:99::2"))
        #expect(IPAddressText.sameAddress("10.99.0.1", "10.99.0.1"))
        #expect(!IPAddressText.sameAddress("10.99.0.1", "10.99.7.1"))
    }

    @Test("The testbed's links match the example firewall's admin subnet")
    func adminSubnet() {
        #expect(ExampleRulesets.adminSubnet.description == "\(FirewallTestbed.adminAddressing.ipv4Network).0/24")
        #expect(FirewallTestbed.outsiderAddressing.ipv4Network != FirewallTestbed.adminAddressing.ipv4Network)
    }

    @Test("The rejecting scenario differs from the host scenario only in the ruleset's 8080 rule and its verdicts")
    func rejectingScenario() throws {
        let host = PacketScenario.host
        let rejecting = PacketScenario.hostRejectingAlternateHTTP
        let input = try #require(rejecting.ruleset[.filter]?["INPUT"])
        let hostInput = try #require(host.ruleset[.filter]?["INPUT"])
        #expect(input.rules.count == hostInput.rules.count + 1)
        #expect(input.rules[input.rules.count - 2].target == .reject)
        #expect(input.rules.last?.target == .jump("LOGDROP"))
        #expect(rejecting.ruleset.validate().isEmpty)
        let changed = host.expected.differences(from: rejecting.expected)
        #expect(changed.count == 2)
        #expect(changed.allSatisfy { $0.contains("tcp 8080") && $0.hasSuffix("expected timed-out, got refused") })
    }
}
