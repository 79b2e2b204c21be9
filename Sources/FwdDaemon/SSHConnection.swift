public import FwdModel

/// The SSH connection a command runs from, as sshd describes it in `$SSH_CONNECTION`:
/// `client_ip client_port server_ip server_port`.
public struct SSHConnection: Hashable, Sendable, CustomStringConvertible {
    /// The client's address.
    public var clientAddress: IPAddress
    /// The client's port.
    public var clientPort: Int
    /// The address of this host the client connected to.
    public var serverAddress: IPAddress
    /// The port sshd listens on.
    public var serverPort: Int

    /// Parses `$SSH_CONNECTION`'s value; nil when it is not four fields of the expected kinds
    /// (IPv4-mapped IPv6 addresses, `::ffff:10.0.0.1`, are taken as the IPv4 address).
    public init?(parsing text: String) {
        let fields = text.split(separator: " ")
        guard fields.count == 4, let client = SSHConnection.address(fields[0]),
            let server = SSHConnection.address(fields[2]), client.family == server.family,
            let clientPort = Int(fields[1]), let serverPort = Int(fields[3]),
            (1...65535).contains(clientPort), (1...65535).contains(serverPort)
        else { return nil }
        self.init(client: client, clientPort: clientPort, server: server, serverPort: serverPort)
    }

    /// A connection from `client`:`clientPort` to `server`:`serverPort`.
    public init(client: IPAddress, clientPort: Int, server: IPAddress, serverPort: Int) {
        self.clientAddress = client
        self.clientPort = clientPort
        self.serverAddress = server
        self.serverPort = serverPort
    }

    /// The connection named by `environment["SSH_CONNECTION"]`, if any.
    public static func current(in environment: [String: String]) -> SSHConnection? {
        environment["SSH_CONNECTION"].flatMap { SSHConnection(parsing: $0) }
    }

    private static func address(_ text: Substring) -> IPAddress? {
        let text = text.split(separator: "%").first.map(String.init) ?? ""
        guard let address = IPAddress(text) else { return nil }
        if case .v6(0, let low) = address, low >> 32 == 0xffff { return .v4(UInt32(truncatingIfNeeded: low)) }
        return address
    }

    /// Whether the connection runs over the loopback interface.
    public var isLoopback: Bool {
        switch serverAddress {
        case .v4(let value): value >> 24 == 127
        case .v6(let high, let low): high == 0 && low == 1
        }
    }

    /// An established packet of the connection arriving from the client (interface unknown
    /// unless the connection is over loopback).
    public var inboundPacket: PacketDescription? {
        PacketDescription(
            proto: .tcp, source: clientAddress, destination: serverAddress, sourcePort: clientPort,
            destinationPort: serverPort, inInterface: isLoopback ? "lo" : nil, connectionState: .established)
    }

    /// `10.0.0.1:50000 → 10.0.0.2:22`.
    public var description: String {
        func endpoint(_ address: IPAddress, _ port: Int) -> String {
            address.family == .ipv6 ? "[\(address)]:\(port)" : "\(address):\(port)"
        }
        return "\(endpoint(clientAddress, clientPort)) → \(endpoint(serverAddress, serverPort))"
    }
}
