import FwdNftables
import Testing

@testable import FwdNetlink

/// The expressions a batch carries are written without libnftnl's expression objects, to the
/// same bytes.
struct ExpressionWriterTests {
    static let sets: [NftSet] = [
        NftSet(
            name: "ports", id: 7, keyType: .inetService, isAnonymous: false, isInterval: false,
            elements: [NftSetElement(key: [0, 22])]),
        NftSet(
            name: "__set0", id: 8, keyType: .ipv4Address, isAnonymous: true, isInterval: false,
            elements: [NftSetElement(key: [10, 0, 0, 1])]),
    ]

    /// Every expression kind, optional attributes present and absent.
    static let expressions: [[NftExpression]] = [
        [.meta(.l4proto, destination: .r1), .compare(.equal, source: .r1, data: [6])],
        [.metaSet(.mark, source: .r1)],
        [.payload(base: .transport, offset: 2, length: 2, destination: .r1), .compare(.notEqual, source: .r1, data: [0, 22])],
        [.bitwise(source: .r1, destination: .r1, length: 4, mask: [0, 0, 0, 0x0F], xor: [0, 0, 0, 0])],
        [.range(.notEqual, source: .r1, from: [0, 1], to: [0, 9])],
        [.conntrack(.state, destination: .r1)],
        [.lookup(set: "ports", setID: 7, source: .r1, inverted: false)],
        [.lookup(set: "__set%d", setID: 8, source: .r1, inverted: true)],
        [.counter],
        [.limit(rate: 5, unit: 60, burst: 20)],
        [.log(prefix: "p ", level: 6), .log(prefix: nil, level: nil)],
        [.reject(.tcpReset, code: 0), .reject(.icmpUnreachable, code: 3)],
        [.immediate(destination: .r1, data: [10, 0, 0, 1])],
        [.verdict(.accept), .verdict(.drop), .verdict(.return), .verdict(.jump("svc")), .verdict(.goto("x"))],
        [.nat(.snat, family: .ip, addressMin: .r1, addressMax: nil, portMin: nil, portMax: nil, flags: 0)],
        [.nat(.dnat, family: .ip6, addressMin: .r1, addressMax: .r2, portMin: .r3, portMax: .r4, flags: 2)],
        [.masquerade(portMin: nil, portMax: nil, flags: 0), .masquerade(portMin: .r1, portMax: .r2, flags: 4)],
        [.redirect(portMin: nil, portMax: nil, flags: 0), .redirect(portMin: .r1, portMax: nil, flags: 2)],
        [],
    ]

    @Test(arguments: expressions)
    func theBytesAreLibnftnls(_ expressions: [NftExpression]) throws {
        var problems: [String] = []
        let writer = ExpressionWriter(
            sets: SetDirectory(sets: Self.sets, firstBatchID: 100, describe: \.name, problems: &problems))
        let written = try writer.ruleMessage(expressions, byLibnftnl: false)
        let reference = try writer.ruleMessage(expressions, byLibnftnl: true)
        #expect(written.count == reference.count)
        #expect(Self.attributes(written) == Self.attributes(reference))
        #expect(Self.attributes(written).count >= (expressions.isEmpty ? 2 : 6))  // table, chain[, expressions]
    }

    /// The message's attributes after its headers as `type:payload` lines, nested ones opened
    /// recursively: what the kernel reads, without the alignment padding (libmnl may leave it
    /// uninitialised).
    static func attributes(_ message: [UInt8]) -> [String] {
        var lines: [String] = []
        func walk(_ start: Int, _ end: Int, depth: Int) {
            var offset = start
            while offset + 4 <= end {
                let length = Int(message[offset]) | Int(message[offset + 1]) << 8
                let type = Int(message[offset + 2]) | Int(message[offset + 3]) << 8
                guard length >= 4, offset + length <= end else {
                    lines.append("malformed at \(offset)")
                    return
                }
                if type & 0x8000 != 0 {
                    lines.append("\(depth) nest \(type & 0x3FFF)")
                    walk(offset + 4, offset + length, depth: depth + 1)
                } else {
                    lines.append("\(depth) \(type): \(message[(offset + 4)..<(offset + length)].map(String.init))")
                }
                offset += (length + 3) & ~3
            }
        }
        walk(16 + 4, message.count, depth: 0)
        return lines
    }

    @Test func whatLibnftnlRefusesTheWriterRefusesToo() throws {
        var problems: [String] = []
        let writer = ExpressionWriter(sets: SetDirectory(sets: [], firstBatchID: 1, describe: \.name, problems: &problems))
        let bad: [NftExpression] = [
            .compare(.equal, source: .r1, data: []),
            .payload(base: .network, offset: 0, length: 0, destination: .r1),
            .bitwise(source: .r1, destination: .r1, length: 2, mask: [1], xor: [0]),
            .range(.less, source: .r1, from: [1], to: [2]),
            .lookup(set: "missing", setID: 3, source: .r1, inverted: false),
            .limit(rate: 0, unit: 1, burst: 0),
            .log(prefix: String(repeating: "x", count: 200), level: nil),
            .verdict(.jump("")),
            .nat(.snat, family: .inet, addressMin: .r1, addressMax: nil, portMin: nil, portMax: nil, flags: 0),
        ]
        for expression in bad {
            #expect(throws: EncodingProblem.self) { try writer.ruleMessage([expression], byLibnftnl: false) }
            #expect(throws: EncodingProblem.self) { try writer.ruleMessage([expression], byLibnftnl: true) }
        }
    }
}
