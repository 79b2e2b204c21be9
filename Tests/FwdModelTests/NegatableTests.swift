@testable import FwdModel
import Testing

@Suite("Negatable matches")
struct NegatableTests {
    @Test("A leading ! in a string literal negates")
    func stringLiterals() {
        let source: Negatable<AddressList> = "!10.0.0.0/8"
        #expect(source.isNegated)
        #expect(source.value == AddressList([AddressSpec(parsing: "10.0.0.0/8")]))
        #expect(source.description == "!10.0.0.0/8")
        let spaced: Negatable<AddressList> = "! 10.0.0.0/8"
        #expect(spaced == source)
        let plain: Negatable<AddressList> = "10.0.0.0/8"
        #expect(!plain.isNegated && plain.description == "10.0.0.0/8")
        let proto: Negatable<IPProtocol> = "!udp"
        #expect(proto.isNegated && proto.value == .udp)
        let interface: Negatable<Interface> = "!eth+"
        #expect(interface.isNegated && interface.value.isWildcard)
        let icmp: Negatable<ICMPType> = "!echo-request"
        #expect(icmp.isNegated && icmp.value == .echoRequest)
    }

    @Test("Integer and array literals")
    func otherLiterals() {
        let port: Negatable<PortList> = 22
        #expect(!port.isNegated && port.value == PortList([PortRange(22)]))
        let ports: Negatable<PortList> = [80, 443]
        #expect(ports.value.ranges == [PortRange(80), PortRange(443)])
        let addresses: Negatable<AddressList> = ["10.0.0.1", "10.0.0.2"]
        #expect(addresses.value.addresses.count == 2)
        let mark: Negatable<MarkValue> = 5
        #expect(mark.value == MarkValue(5))
    }

    @Test("Explicit negation")
    func explicit() {
        let port = Negatable<PortList>.not(22)
        #expect(port.isNegated && port.description == "!22")
        #expect(Negatable(IPProtocol.tcp, negated: true) == "!tcp")
        #expect(Negatable<ConnectionStates>.not([.invalid]).isNegated)
    }

    @Test("Splitting the negation off text")
    func split() {
        #expect(Negatable<Interface>.splitNegation("!eth0") == (true, "eth0"))
        #expect(Negatable<Interface>.splitNegation("!  eth0") == (true, "eth0"))
        #expect(Negatable<Interface>.splitNegation("eth0") == (false, "eth0"))
        #expect(Negatable<Interface>.splitNegation("") == (false, ""))
    }
}
