import FwdNftables
import Testing

/// The debug printer against lines libnftnl printed for `nft --debug=netlink`.
@Suite struct DebugPrinterTests {
    @Test func everyExpressionKind() {
        let cases: [(NftExpression, String)] = [
            (.meta(.l4proto, destination: .r1), "[ meta load l4proto => reg 1 ]"),
            (.metaSet(.mark, source: .r1), "[ meta set mark with reg 1 ]"),
            (.payload(base: .transport, offset: 2, length: 2, destination: .r1),
                "[ payload load 2b @ transport header + 2 => reg 1 ]"),
            (.payload(base: .linkLayer, offset: 6, length: 6, destination: .r2),
                "[ payload load 6b @ link layer header + 6 => reg 2 ]"),
            (.compare(.equal, source: .r1, data: [6]), "[ cmp eq reg 1 0x00000006 ]"),
            (.compare(.lessOrEqual, source: .r1, data: [0x07, 0xd0]), "[ cmp lte reg 1 0x0000d007 ]"),
            (.compare(.equal, source: .r1, data: Array("abcdefghijklmno".utf8) + [0]),
                "[ cmp eq reg 1 0x64636261 0x68676665 0x6c6b6a69 0x006f6e6d ]"),
            (.bitwise(source: .r1, destination: .r1, length: 4, mask: [0, 0xff, 0xff, 0xff], xor: [0x10, 0, 0, 0]),
                "[ bitwise reg 1 = ( reg 1 & 0xffffff00 ) ^ 0x00000010 ]"),
            (.range(.notEqual, source: .r1, from: [10, 0, 0, 1], to: [10, 0, 0, 9]),
                "[ range neq reg 1 0x0100000a 0x0900000a ]"),
            (.conntrack(.state, destination: .r1), "[ ct load state => reg 1 ]"),
            (.lookup(set: "s1", setID: 1, source: .r1, inverted: false), "[ lookup reg 1 set s1 ]"),
            (.lookup(set: "s1", setID: 1, source: .r1, inverted: true), "[ lookup reg 1 set s1 0x1 ]"),
            (.counter, "[ counter pkts 0 bytes 0 ]"),
            (.limit(rate: 1, unit: 3600, burst: 5), "[ limit rate 1/hour burst 5 type packets flags 0x0 ]"),
            (.log(prefix: nil, level: nil), "[ log ]"),
            (.log(prefix: "a: b", level: nil), "[ log prefix a: b ]"),
            (.log(prefix: "hi ", level: 6), "[ log prefix hi  level 6 ]"),
            (.reject(.icmpxUnreachable, code: 3), "[ reject type 2 code 3 ]"),
            (.immediate(destination: .r1, data: [0x1f, 0x90]), "[ immediate reg 1 0x0000901f ]"),
            (.verdict(.accept), "[ immediate reg 0 accept ]"),
            (.verdict(.continue), "[ immediate reg 0 continue ]"),
            (.verdict(.jump("c")), "[ immediate reg 0 jump -> c ]"),
            (.nat(.snat, family: .ip, addressMin: .r1, addressMax: nil, portMin: .r2, portMax: nil, flags: 2),
                "[ nat snat ip addr_min reg 1 proto_min reg 2 flags 0x2 ]"),
            (.masquerade(portMin: nil, portMax: nil, flags: 0), "[ masq ]"),
            (.redirect(portMin: .r1, portMax: .r2, flags: 2), "[ redir proto_min reg 1 proto_max reg 2 flags 0x2 ]"),
        ]
        for (expression, line) in cases { #expect(expression.debugDescription == line) }
    }
}
