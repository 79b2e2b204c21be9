public import FwdModel

/// The services every config knows without defining them: `ssh`, `http`, `https`, `dns`, … A
/// config's `services:` may define more and override these by name.
public enum ServiceCatalogue {
    /// Where the built-in services are "defined".
    public static let location = SourceLocation(file: "<built-in>", line: 0)

    /// The built-in services by name.
    public static let builtin: [String: Service] = Dictionary(
        uniqueKeysWithValues: definitions.map { ($0.name, Service($0.name, channels: $0.channels, location: location)) })

    /// The built-in services in alphabetical order (for documentation and suggestions).
    public static var names: [String] { builtin.keys.sorted() }

    private static let definitions: [(name: String, channels: [Channel])] = [
        ("ssh", [.tcp(22)]),
        ("telnet", [.tcp(23)]),
        ("ftp", [.tcp(21)]),
        ("smtp", [.tcp(25)]),
        ("submission", [.tcp(587)]),
        ("smtps", [.tcp(465)]),
        ("dns", [.udp(53), .tcp(53)]),
        ("http", [.tcp(80)]),
        ("https", [.tcp(443)]),
        ("http3", [.udp(443)]),
        ("web", [.tcp([80, 443])]),
        ("pop3", [.tcp(110)]),
        ("pop3s", [.tcp(995)]),
        ("imap", [.tcp(143)]),
        ("imaps", [.tcp(993)]),
        ("ntp", [.udp(123)]),
        ("snmp", [.udp(161)]),
        ("ldap", [.tcp(389)]),
        ("ldaps", [.tcp(636)]),
        ("kerberos", [.udp(88), .tcp(88)]),
        ("syslog", [.udp(514)]),
        ("dhcp", [.udp([67, 68])]),
        ("dhcpv6", [Channel(proto: .udp, dport: [546, 547])]),
        ("mysql", [.tcp(3306)]),
        ("postgresql", [.tcp(5432)]),
        ("redis", [.tcp(6379)]),
        ("rdp", [.tcp(3389)]),
        ("vnc", [.tcp(PortList([PortRange(5900, 5999)]))]),
        ("smb", [.tcp(445)]),
        ("nfs", [.tcp(2049), .udp(2049)]),
        ("bgp", [.tcp(179)]),
        ("sip", [.udp(5060), .tcp(5060)]),
        ("openvpn", [.udp(1194)]),
        ("wireguard", [.udp(51820)]),
        ("ipsec", [.udp([500, 4500]), Channel(proto: .esp)]),
        ("ping", [.icmp(.echoRequest), .icmpv6(.echoRequest)]),
        ("icmp", [Channel(proto: .icmp)]),
        ("icmpv6", [Channel(proto: .icmpv6)]),
        ("ipv6-nd", [
            .icmpv6("neighbour-solicitation"), .icmpv6("neighbour-advertisement"),
            .icmpv6("router-solicitation"), .icmpv6("router-advertisement"),
        ]),
    ]
}
