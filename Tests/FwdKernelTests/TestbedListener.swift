import FwdTestKit

/// A listener the packet suite runs in the ``FirewallTestbed``: on which host, which transport
/// and port, and whether it echoes.
struct TestbedListener: Hashable, Sendable, CustomStringConvertible {
    /// TCP or UDP.
    enum Transport: String, Hashable, Sendable {
        case tcp, udp
    }

    /// The host it runs on.
    let host: TestbedHost
    /// Its transport.
    let transport: Transport
    /// Its port.
    let port: UInt16
    /// Whether a TCP listener echoes what each connection sends (UDP listeners always echo).
    let echoes: Bool

    /// SSH on the server: allowed from the admin subnet only.
    static let ssh = TestbedListener(host: .server, transport: .tcp, port: 22, echoes: false)
    /// HTTP on the server, echoing: allowed from anywhere.
    static let http = TestbedListener(host: .server, transport: .tcp, port: 80, echoes: true)
    /// Telnet on the server: rejected with a TCP reset.
    static let telnet = TestbedListener(host: .server, transport: .tcp, port: 23, echoes: false)
    /// An alternative HTTP port on the server that no rule allows.
    static let alternateHTTP = TestbedListener(host: .server, transport: .tcp, port: 8080, echoes: false)
    /// A UDP echo on the server (mDNS port) that no rule allows.
    static let multicastDNS = TestbedListener(host: .server, transport: .udp, port: 5353, echoes: true)
    /// A TCP echo on the admin client, for connections the server opens (their replies come back
    /// through the server's firewall only as established traffic).
    static let adminEcho = TestbedListener(host: .admin, transport: .tcp, port: 9000, echoes: true)

    /// Every listener the suite starts.
    static let all: [TestbedListener] = [ssh, http, telnet, alternateHTTP, multicastDNS, adminEcho]

    /// `tcp 22 on server`.
    var description: String { "\(transport) \(port) on \(host)" }
}

extension FirewallTestbed {
    /// Runs `body` while every listener of `listeners` runs, each in its host's namespace; all are
    /// stopped when `body` ends.
    func withListeners<Result: Sendable>(
        _ listeners: [TestbedListener], _ body: ([TestbedListener: ProbeServer]) async throws -> Result
    ) async throws -> Result {
        guard let listener = listeners.first else { return try await body([:]) }
        let rest = Array(listeners.dropFirst())
        let namespace = namespace(of: listener.host)
        switch listener.transport {
        case .tcp:
            return try await namespace.withTCPListener(port: listener.port, echo: listener.echoes) { server in
                try await withListeners(rest) { servers in try await body(servers.merging([listener: server]) { $1 }) }
            }
        case .udp:
            return try await namespace.withUDPEcho(port: listener.port) { server in
                try await withListeners(rest) { servers in try await body(servers.merging([listener: server]) { $1 }) }
            }
        }
    }
}
