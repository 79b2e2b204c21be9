import FwdModel
import FwdTestKit

/// One packet test between two hosts of the ``FirewallTestbed``: what is sent, from where, to
/// where, over which IP family. Its outcome is the probe's result name (`connected`,
/// `timed-out`, `refused`, `echoed`, `replied`, …).
struct PacketProbe: Hashable, Sendable, CustomStringConvertible {
    /// What the probe sends.
    enum Kind: Hashable, Sendable {
        /// One TCP handshake to the port.
        case tcpConnect(UInt16)
        /// A TCP connection to an echoing listener on the port, carrying three messages each way.
        case tcpExchange(UInt16)
        /// One UDP datagram to an echo on the port, and its echo back.
        case udpExchange(UInt16)
        /// One ICMP or ICMPv6 echo request.
        case ping
    }

    /// What is sent.
    let kind: Kind
    /// The host sending.
    let from: TestbedHost
    /// The host addressed.
    let to: TestbedHost
    /// The IP family.
    let family: IPFamily
    /// How long the probe waits for an answer.
    var timeout: Duration = defaultTimeout

    /// How long a probe waits for an answer by default: long enough for a verdict on the local
    /// veth link, short enough that the dropped probes do not make the suite slow.
    static let defaultTimeout: Duration = .seconds(1)

    /// How long a TCP connect waits when an ICMP rejection must be told from a drop. The ICMP
    /// error answering the first SYN comes back over the veth pair while `connect()` still holds
    /// the socket lock, and the kernel drops it (`TcpExtLockDroppedIcmps`; seen for IPv6 every
    /// time). The error answering the retransmitted SYN, about 1 s later, ends the attempt; a
    /// drop still times out.
    static let rejectionTimeout: Duration = .seconds(3)

    /// A probe from `from` to the server.
    static func toServer(
        _ kind: Kind, from: TestbedHost, _ family: IPFamily, timeout: Duration = defaultTimeout
    ) -> PacketProbe {
        PacketProbe(kind: kind, from: from, to: .server, family: family, timeout: timeout)
    }

    /// Sends the probe and returns its outcome's name.
    func run(on testbed: FirewallTestbed) async throws -> String {
        let sender = testbed.namespace(of: from)
        let address = try testbed.address(of: to, from: from, family: family)
        switch kind {
        case .tcpConnect(let port):
            return try await sender.tcpConnect(to: address, port: port, timeout: timeout).rawValue
        case .tcpExchange(let port):
            return try await sender.tcpExchange(with: address, port: port, rounds: 3, timeout: timeout).rawValue
        case .udpExchange(let port):
            return try await sender.udpExchange(with: address, port: port, timeout: timeout).rawValue
        case .ping:
            return try await sender.ping(address, count: 1, timeout: timeout).rawValue
        }
    }

    /// `tcp 22 admin → server IPv4`.
    var description: String {
        let what = switch kind {
        case .tcpConnect(let port): "tcp \(port) connect"
        case .tcpExchange(let port): "tcp \(port) data exchange"
        case .udpExchange(let port): "udp \(port) echo"
        case .ping: "ping"
        }
        let wait = timeout == Self.defaultTimeout ? "" : " (waiting \(timeout))"
        return "\(what) \(from) → \(to) \(family)\(wait)"
    }
}
