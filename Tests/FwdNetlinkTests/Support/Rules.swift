import FwdModel
import FwdNftables

/// Expressions built the way nft builds them (checked with `nft --debug=netlink`), for
/// hand-written test rulesets.
enum Rules {
    /// A location in this test file's "config".
    static func at(_ line: Int, file: String = "test.fwd") -> SourceLocation {
        SourceLocation(file: file, line: line, column: 3)
    }

    /// `meta l4proto tcp` (1 byte).
    static let tcp: [NftExpression] = [.meta(.l4proto, destination: .r1), .compare(.equal, source: .r1, data: [6])]

    /// The transport destination port (2 bytes at offset 2) into register 1.
    static let destinationPort: NftExpression = .payload(base: .transport, offset: 2, length: 2, destination: .r1)

    /// `tcp dport PORT`.
    static func tcpDestinationPort(_ port: UInt16) -> [NftExpression] {
        tcp + [destinationPort, .compare(.equal, source: .r1, data: bigEndian(port))]
    }

    /// `tcp dport @SET`.
    static func tcpDestinationPort(inSet name: String, id: UInt32) -> [NftExpression] {
        tcp + [destinationPort, .lookup(set: name, setID: id, source: .r1, inverted: false)]
    }

    /// `ct state established,related` (mask in host order, xor 0, compare != 0).
    static let establishedOrRelated: [NftExpression] = [
        .conntrack(.state, destination: .r1),
        .bitwise(source: .r1, destination: .r1, length: 4, mask: hostOrder(2 | 4), xor: [0, 0, 0, 0]),
        .compare(.notEqual, source: .r1, data: [0, 0, 0, 0]),
    ]

    /// `iifname "PREFIX*"`: compares only the prefix.
    static func inputInterface(prefix: String) -> [NftExpression] {
        [.meta(.iifname, destination: .r1), .compare(.equal, source: .r1, data: Array(prefix.utf8))]
    }

    /// `ip saddr ADDRESS` in an inet table (nfproto guard first).
    static func ipv4Source(_ address: [UInt8]) -> [NftExpression] {
        [
            .meta(.nfproto, destination: .r1), .compare(.equal, source: .r1, data: [2]),
            .payload(base: .network, offset: 12, length: 4, destination: .r1),
            .compare(.equal, source: .r1, data: address),
        ]
    }

    /// A port in network byte order.
    static func bigEndian(_ port: UInt16) -> [UInt8] { [UInt8(port >> 8), UInt8(port & 0xFF)] }

    /// A 32-bit value in host byte order.
    static func hostOrder(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }

    /// A rule of `expressions` ending in `verdict`.
    static func rule(_ expressions: [NftExpression], _ verdict: NftVerdict, comment: String? = nil, line: Int)
        -> NftRule
    {
        NftRule(expressions: expressions + [.verdict(verdict)], comment: comment, location: at(line))
    }
}
