/// One line `fwd-probe` printed: `key=value` pairs, the first being `event=…` or `result=…`.
public struct ProbeLine: Sendable, Hashable, CustomStringConvertible {
    /// The pairs, by key.
    public var fields: [String: String]
    /// The line as printed.
    public var text: String

    /// Parses `text`; nil when it is not a probe line (tools print other things on failure).
    public init?(_ text: String) {
        var fields: [String: String] = [:]
        for pair in text.split(separator: " ") {
            guard let equals = pair.firstIndex(of: "=") else { return nil }
            fields[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        guard fields["event"] != nil || fields["result"] != nil else { return nil }
        self.fields = fields
        self.text = text
    }

    /// The event name (`listening`, `accepted`, `received`), or nil for a result line.
    public var event: String? { fields["event"] }
    /// The result name (`connected`, `timed-out`, …), or nil for an event line.
    public var result: String? { fields["result"] }

    /// The value of `key` as an integer.
    public func integer(_ key: String) -> Int? { fields[key].flatMap { Int($0) } }

    /// The line as printed.
    public var description: String { text }
}

/// The outcome of one TCP connection attempt (`fwd-probe tcp-connect`).
public enum TCPConnectResult: String, Sendable, Hashable {
    /// The handshake completed.
    case connected
    /// The peer answered with a RST (nothing listens, or `REJECT --reject-with tcp-reset`).
    case refused
    /// An ICMP error came back (`REJECT` with an ICMP reply other than port-unreachable).
    case unreachable
    /// No answer within the timeout (`DROP`).
    case timedOut = "timed-out"
}

/// The outcome of a TCP connection that exchanges a few messages with an echoing listener
/// (`fwd-probe tcp-exchange`, against ``NetworkNamespace/withTCPListener(port:echo:lifetime:_:)``
/// with `echo: true`).
public enum TCPExchangeResult: String, Sendable, Hashable {
    /// Every message came back unchanged.
    case echoed
    /// The handshake was answered with a RST.
    case refused
    /// The handshake was answered with an ICMP error.
    case unreachable
    /// The handshake got no answer within the timeout.
    case timedOut = "timed-out"
    /// Connected, but an echo did not come back within the timeout.
    case stalled
    /// Connected, but the peer closed or reset the connection before every echo came back.
    case closed
    /// An echo came back different from the message sent.
    case mismatch
}

/// The outcome of one UDP datagram sent to an echo server (`fwd-probe udp-send`).
public enum UDPExchangeResult: String, Sendable, Hashable {
    /// The datagram came back unchanged.
    case echoed
    /// An ICMP port unreachable came back (nothing listens, or `REJECT`).
    case refused
    /// Another ICMP error came back.
    case unreachable
    /// No answer within the timeout (`DROP`).
    case timedOut = "timed-out"
    /// An answer came back that was not the datagram sent.
    case mismatch
}

/// The outcome of a ping (`ping -c N -W T`).
public enum PingResult: String, Sendable, Hashable {
    /// At least one echo reply came back.
    case replied
    /// No reply came back within the timeout.
    case noReply = "no-reply"
}
