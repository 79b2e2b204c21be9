/// Where SNAT or DNAT sends a connection: an address or address range, and optionally a port or
/// port range (`10.0.0.5:8080`, `10.0.0.1-10.0.0.4`, `[fd00::5]:8080`).
public struct NATAddress: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The address or inclusive range (a network is not allowed here; validation reports it).
    public var address: AddressSpec
    /// The port or port range, when the target rewrites ports too.
    public var ports: PortRange?

    /// A NAT address from its parts.
    public init(_ address: AddressSpec, ports: PortRange? = nil) {
        self.address = address
        self.ports = ports
    }

    /// Parses iptables' `--to-source`/`--to-destination` syntax.
    public init(parsing text: some StringProtocol) {
        let text = String(text)
        var addressText = Substring(text)
        var portText: Substring?
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            addressText = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            if rest.hasPrefix(":") { portText = rest.dropFirst() } else if !rest.isEmpty { portText = rest }
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            addressText = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        address = AddressSpec(parsing: addressText)
        if let portText {
            guard let range = PortRange(parsing: portText) else {
                address = .invalid(text: text, reason: "'\(portText)' is not a port or port range")
                ports = nil
                return
            }
            ports = range
        } else {
            ports = nil
        }
    }

    public init(stringLiteral text: String) { self.init(parsing: text) }

    /// iptables' text: `10.0.0.5:8080`, `[fd00::5]:8080`.
    public var description: String {
        guard let ports else { return address.description }
        let portText = ports.isSingle ? "\(ports.lower)" : "\(ports.lower)-\(ports.upper)"
        if address.family == .ipv6 { return "[\(address)]:\(portText)" }
        return "\(address):\(portText)"
    }
}
