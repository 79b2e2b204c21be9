@testable import FwdModel
import Testing

@Suite("Ports and port ranges")
struct PortTests {
    @Test("Parsing ports and ranges", arguments: [
        ("80", PortRange(80)), ("0", PortRange(0)), ("65535", PortRange(65535)),
        ("8000-8100", PortRange(8000, 8100)), ("8000:8100", PortRange(8000, 8100)),
        ("70000", PortRange(70000)),  // kept as written: validation reports the range
    ])
    func parsing(text: String, expected: PortRange) {
        #expect(PortRange(parsing: text) == expected)
    }

    @Test("Text that is no port", arguments: [
        "", "http", "-80", "80-", ":80", "80:", "1-2-3", "+80", "8o", "1234567", "80 ", "0x50",
    ])
    func invalid(text: String) {
        #expect(PortRange(parsing: text) == nil, "'\(text)' should not parse")
    }

    @Test("Ranges and lists print as iptables writes them")
    func printing() {
        #expect(PortRange(22).description == "22")
        #expect(PortRange(8000...8100).description == "8000-8100")
        #expect(PortRange.range(1, 2) == PortRange(1, 2))
        #expect(PortRange(22).isSingle && !PortRange(1, 2).isSingle)
        let list: PortList = [22, 80, PortRange(8000...8100)]
        #expect(list.description == "22,80,8000-8100")
        #expect(!list.isSingle)
        let one: PortList = 443
        #expect(one.isSingle && one.ranges == [PortRange(443)])
    }

    @Test("Multiport slots: a range takes two of fifteen")
    func multiportSlots() {
        let list: PortList = [1, 2, PortRange(10, 20)]
        #expect(list.multiportSlots == 4)
        #expect(PortList.multiportCapacity == 15)
    }
}

@Suite("Protocols")
struct ProtocolTests {
    @Test("Names and numbers", arguments: [
        ("tcp", 6, "tcp"), ("TCP", 6, "tcp"), ("udp", 17, "udp"), ("icmp", 1, "icmp"),
        ("icmpv6", 58, "icmpv6"), ("ipv6-icmp", 58, "icmpv6"), ("sctp", 132, "sctp"), ("gre", 47, "gre"),
        ("6", 6, "tcp"), ("0", 0, "0"), ("255", 255, "255"), ("112", 112, "vrrp"),
    ])
    func names(text: String, number: Int, canonical: String) {
        let proto = IPProtocol(parsing: text)
        #expect(proto.number == number)
        #expect(proto.isValid)
        #expect(proto.description == canonical)
    }

    @Test("Unknown names and numbers out of range are kept for validation")
    func unknown() {
        let unknown: IPProtocol = "tcpp"
        #expect(unknown.number == -1 && unknown.unknownName == "tcpp" && !unknown.isValid)
        #expect(unknown.description == "tcpp")
        #expect(!IPProtocol(parsing: "256").isValid)
        #expect(!IPProtocol(parsing: "1000").isValid)
        #expect(!IPProtocol(parsing: "").isValid)
        #expect(!IPProtocol(parsing: "+6").isValid)
    }

    @Test("Which protocols have ports, and which imply a family")
    func properties() {
        let withPorts: [IPProtocol] = [.tcp, .udp, .sctp, .udplite, .dccp]
        let withoutPorts: [IPProtocol] = [.icmp, .icmpv6, .esp, .ah, .gre]
        #expect(withPorts.allSatisfy { $0.hasPorts })
        #expect(withoutPorts.allSatisfy { !$0.hasPorts })
        #expect(IPProtocol.icmp.impliedFamily == .ipv4)
        #expect(IPProtocol.icmpv6.impliedFamily == .ipv6)
        #expect(IPProtocol.tcp.impliedFamily == nil)
    }
}

@Suite("ICMP types per family")
struct ICMPTypeTests {
    @Test("Names resolve against the family", arguments: [
        ("echo-request", IPFamily.ipv4, UInt8(8), UInt8?.none),
        ("echo-request", .ipv6, 128, nil),
        ("echo-reply", .ipv4, 0, nil),
        ("echo-reply", .ipv6, 129, nil),
        ("destination-unreachable", .ipv4, 3, nil),
        ("destination-unreachable", .ipv6, 1, nil),
        ("port-unreachable", .ipv4, 3, 3),
        ("port-unreachable", .ipv6, 1, 4),
        ("time-exceeded", .ipv6, 3, nil),
        ("neighbour-solicitation", .ipv6, 135, nil),
        ("Echo-Request", .ipv4, 8, nil),
        ("8", .ipv4, 8, nil),
        ("3/4", .ipv4, 3, 4),
        ("128", .ipv6, 128, nil),
    ])
    func resolve(text: String, family: IPFamily, type: UInt8, code: UInt8?) throws {
        let resolved = try #require(ICMPType(text).resolved(for: family))
        #expect(resolved.type == type)
        #expect(resolved.code == code)
    }

    @Test("Names of the other family, and bad numbers, do not resolve", arguments: [
        ("neighbour-solicitation", IPFamily.ipv4), ("packet-too-big", .ipv4), ("source-quench", .ipv6),
        ("timestamp-request", .ipv6), ("no-such-type", .ipv4), ("256", .ipv4), ("3/256", .ipv4), ("3/", .ipv4),
        ("/3", .ipv4), ("3/4/5", .ipv4), ("+8", .ipv4), ("", .ipv4),
    ])
    func unresolved(text: String, family: IPFamily) {
        #expect(ICMPType(text).resolved(for: family) == nil)
    }

    @Test("Canonical names by type and code")
    func canonicalNames() {
        #expect(ICMPType.name(type: 8, code: nil, family: .ipv4) == "echo-request")
        #expect(ICMPType.name(type: 128, code: nil, family: .ipv6) == "echo-request")
        #expect(ICMPType.name(type: 3, code: 3, family: .ipv4) == "port-unreachable")
        #expect(ICMPType.name(type: 200, code: nil, family: .ipv4) == nil)
        #expect(ICMPType.echoRequest.description == "echo-request")
    }
}
