import FwdModel
import FwdNftables
import Testing

/// Address matches lower to what `nft --debug=netlink` shows for the same nft text.
@Suite struct AddressLoweringTests {
    @Test func networkOnAByteBoundaryComparesOnlyItsLeadingBytes() {
        #expect(Lower.lines(Rule(source: "10.0.0.0/8", jump: .accept)) == ipv4Guard + [
            "[ payload load 1b @ network header + 12 => reg 1 ]", "[ cmp eq reg 1 0x0000000a ]", accept,
        ])
        #expect(Lower.lines(Rule(source: "10.1.0.0/16", jump: .accept)) == ipv4Guard + [
            "[ payload load 2b @ network header + 12 => reg 1 ]", "[ cmp eq reg 1 0x0000010a ]", accept,
        ])
    }

    @Test func otherNetworksAreMaskedWithABitwise() {
        #expect(Lower.lines(Rule(source: "10.1.2.0/23", jump: .accept)) == ipv4Guard + [
            "[ payload load 4b @ network header + 12 => reg 1 ]",
            "[ bitwise reg 1 = ( reg 1 & 0x00feffff ) ^ 0x00000000 ]",
            "[ cmp eq reg 1 0x0002010a ]", accept,
        ])
        #expect(Lower.lines(Rule(source: "!10.0.0.0/9", jump: .accept)) == ipv4Guard + [
            "[ payload load 4b @ network header + 12 => reg 1 ]",
            "[ bitwise reg 1 = ( reg 1 & 0x000080ff ) ^ 0x00000000 ]",
            "[ cmp neq reg 1 0x0000000a ]", accept,
        ])
        #expect(Lower.lines(Rule(source: "0.0.0.0/0", jump: .accept)) == ipv4Guard + [
            "[ payload load 4b @ network header + 12 => reg 1 ]",
            "[ bitwise reg 1 = ( reg 1 & 0x00000000 ) ^ 0x00000000 ]",
            "[ cmp eq reg 1 0x00000000 ]", accept,
        ])
    }

    @Test func hostsCompareTheWholeAddress() {
        #expect(Lower.lines(Rule(source: "10.1.2.3", jump: .accept)) == ipv4Guard + [
            "[ payload load 4b @ network header + 12 => reg 1 ]", "[ cmp eq reg 1 0x0302010a ]", accept,
        ])
        #expect(Lower.lines(Rule(destination: "!1.2.3.4", jump: .accept)) == ipv4Guard + [
            "[ payload load 4b @ network header + 16 => reg 1 ]", "[ cmp neq reg 1 0x04030201 ]", accept,
        ])
        #expect(Lower.lines(Rule(destination: "fd00::1", jump: .accept)) == ipv6Guard + [
            "[ payload load 16b @ network header + 24 => reg 1 ]",
            "[ cmp eq reg 1 0x000000fd 0x00000000 0x00000000 0x01000000 ]", accept,
        ])
    }

    @Test func ipv6NetworksFollowTheSameRules() {
        #expect(Lower.lines(Rule(source: "fd00::/8", jump: .accept)) == ipv6Guard + [
            "[ payload load 1b @ network header + 8 => reg 1 ]", "[ cmp eq reg 1 0x000000fd ]", accept,
        ])
        #expect(Lower.lines(Rule(source: "2001:db8::/65", jump: .accept)) == ipv6Guard + [
            "[ payload load 16b @ network header + 8 => reg 1 ]",
            "[ bitwise reg 1 = ( reg 1 & 0xffffffff 0xffffffff 0x00000080 0x00000000 ) ^ 0x00000000 0x00000000 0x00000000 0x00000000 ]",
            "[ cmp eq reg 1 0xb80d0120 0x00000000 0x00000000 0x00000000 ]", accept,
        ])
    }

    @Test func rangesAreTwoComparisonsOrANegatedRange() {
        #expect(Lower.lines(Rule(source: "10.0.0.1-10.0.0.9", jump: .accept)) == ipv4Guard + [
            "[ payload load 4b @ network header + 12 => reg 1 ]",
            "[ cmp gte reg 1 0x0100000a ]", "[ cmp lte reg 1 0x0900000a ]", accept,
        ])
        #expect(Lower.lines(Rule(source: "!10.0.0.1-10.0.0.9", jump: .accept)) == ipv4Guard + [
            "[ payload load 4b @ network header + 12 => reg 1 ]",
            "[ range neq reg 1 0x0100000a 0x0900000a ]", accept,
        ])
    }

    /// A list beyond the split cap (``ListSplit``) is a lookup in a named set.
    @Test func aLongListIsALookupInANamedSet() throws {
        let hosts = Negatable(AddressList((1...9).map { AddressSpec(parsing: "10.0.0.\($0)") }))
        let rule = Lower.rule(Rule(source: hosts, jump: .accept))
        let lookup = try #require(rule.expressions.dropFirst(3).first)
        guard case .lookup(let name, _, .r1, false) = lookup else {
            Issue.record("expected a lookup, got \(lookup)")
            return
        }
        #expect(rule.expressions.map(\.debugDescription) == ipv4Guard + [
            "[ payload load 4b @ network header + 12 => reg 1 ]", "[ lookup reg 1 set \(name) ]", accept,
        ])
    }

    @Test func addressesThatMergeIntoOneNetworkNeedNoSet() {
        #expect(Lower.lines(Rule(source: ["10.0.0.0/8", "10.1.0.0/16", "10.0.0.0/8"], jump: .accept)) == ipv4Guard + [
            "[ payload load 1b @ network header + 12 => reg 1 ]", "[ cmp eq reg 1 0x0000000a ]", accept,
        ])
    }

    @Test func theFamilyGuardGoesRightBeforeTheFirstAddressAfterInterfaces() {
        #expect(Lower.lines(Rule(source: "10.0.0.0/8", inInterface: "eth0", jump: .accept)) == [
            "[ meta load iifname => reg 1 ]",
            "[ cmp eq reg 1 0x30687465 0x00000000 0x00000000 0x00000000 ]",
        ] + ipv4Guard + ["[ payload load 1b @ network header + 12 => reg 1 ]", "[ cmp eq reg 1 0x0000000a ]", accept])
    }
}
