/// What a rule does with a packet it matches: iptables' `-j`/`-g`, nftables' verdict or statement.
public enum Target: Hashable, Sendable {
    /// Let the packet through (`ACCEPT`).
    case accept
    /// Discard the packet silently (`DROP`).
    case drop
    /// Discard the packet and answer with an error (`REJECT`); nil means the default
    /// (ICMP port unreachable).
    case reject(with: RejectType?)
    /// Leave this chain and continue in the calling one (`RETURN`).
    case `return`
    /// Log the packet to the kernel log and continue (`LOG`).
    case log(prefix: String?, level: LogLevel?)
    /// Continue in a user chain, coming back here when it returns (`-j CHAIN`).
    case jump(String)
    /// Continue in a user chain without coming back (`-g CHAIN`).
    case goto(String)
    /// Source NAT to the outgoing interface's address (`MASQUERADE`), optionally to these ports.
    case masquerade(ports: PortRange?)
    /// Source NAT to the given address (`SNAT --to-source`). (Boxed, like `dnat`: a NAT address
    /// is four times the size of any other target's payload, and every rule holds a target.)
    indirect case snat(to: NATAddress)
    /// Destination NAT to the given address (`DNAT --to-destination`).
    indirect case dnat(to: NATAddress)
    /// Destination NAT to the host itself, optionally to other ports (`REDIRECT --to-ports`).
    case redirect(ports: PortRange?)
    /// Set the packet mark, or the masked bits of it (`MARK --set-xmark`), and continue.
    case mark(set: MarkValue)

    /// `REJECT` with the default reply.
    public static var reject: Target { .reject(with: nil) }
    /// `LOG` with the default prefix and level.
    public static var log: Target { .log(prefix: nil, level: nil) }
    /// `MASQUERADE` without port rewriting.
    public static var masquerade: Target { .masquerade(ports: nil) }
    /// `REDIRECT` keeping the port.
    public static var redirect: Target { .redirect(ports: nil) }

    /// The user chain this target continues in, if any.
    public var chainReference: String? {
        switch self {
        case .jump(let chain), .goto(let chain): chain
        case .accept, .drop, .reject, .return, .log, .masquerade, .snat, .dnat, .redirect, .mark: nil
        }
    }

    /// Whether the target ends the packet's walk through the ruleset (a verdict).
    public var isTerminal: Bool {
        switch self {
        case .accept, .drop, .reject, .masquerade, .snat, .dnat, .redirect: true
        case .return, .log, .jump, .goto, .mark: false
        }
    }

    /// The target's iptables name (`ACCEPT`, `LOG`, or the chain's name for a jump).
    public var iptablesName: String {
        switch self {
        case .accept: "ACCEPT"
        case .drop: "DROP"
        case .reject: "REJECT"
        case .return: "RETURN"
        case .log: "LOG"
        case .jump(let chain), .goto(let chain): chain
        case .masquerade: "MASQUERADE"
        case .snat: "SNAT"
        case .dnat: "DNAT"
        case .redirect: "REDIRECT"
        case .mark: "MARK"
        }
    }
}

/// The error a `REJECT` answers with (`--reject-with`).
public enum RejectType: String, Hashable, Sendable, CaseIterable {
    case icmpNetUnreachable = "icmp-net-unreachable"
    case icmpHostUnreachable = "icmp-host-unreachable"
    case icmpPortUnreachable = "icmp-port-unreachable"
    case icmpProtoUnreachable = "icmp-proto-unreachable"
    case icmpNetProhibited = "icmp-net-prohibited"
    case icmpHostProhibited = "icmp-host-prohibited"
    case icmpAdminProhibited = "icmp-admin-prohibited"
    case icmp6NoRoute = "icmp6-no-route"
    case icmp6AdminProhibited = "icmp6-adm-prohibited"
    case icmp6AddressUnreachable = "icmp6-addr-unreachable"
    case icmp6PortUnreachable = "icmp6-port-unreachable"
    /// A TCP RST (TCP rules only); valid in both families.
    case tcpReset = "tcp-reset"

    /// The family the reply belongs to; nil for `tcp-reset`, which both have.
    public var family: IPFamily? {
        switch self {
        case .tcpReset: nil
        case .icmp6NoRoute, .icmp6AdminProhibited, .icmp6AddressUnreachable, .icmp6PortUnreachable: .ipv6
        case .icmpNetUnreachable, .icmpHostUnreachable, .icmpPortUnreachable, .icmpProtoUnreachable,
            .icmpNetProhibited, .icmpHostProhibited, .icmpAdminProhibited:
            .ipv4
        }
    }
}

/// A syslog level for `LOG` (`--log-level`).
public enum LogLevel: Int, Hashable, Sendable, CaseIterable {
    case emergency = 0, alert, critical, error, warning, notice, info, debug

    /// The name iptables and nft use (`warning`, `info`).
    public var name: String {
        switch self {
        case .emergency: "emerg"
        case .alert: "alert"
        case .critical: "crit"
        case .error: "err"
        case .warning: "warning"
        case .notice: "notice"
        case .info: "info"
        case .debug: "debug"
        }
    }

    /// The level called `name` (`warn`, `warning`, `4`).
    public init?(name: some StringProtocol) {
        let lowered = name.lowercased()
        if let number = Int(lowered), let level = LogLevel(rawValue: number) {
            self = level
            return
        }
        guard let level = LogLevel.allCases.first(where: { $0.name == lowered }) ?? LogLevel.aliases[lowered] else {
            return nil
        }
        self = level
    }

    private static let aliases = ["warn": LogLevel.warning, "error": .error, "panic": .emergency]

    /// The longest `LOG` prefix xtables takes, in bytes.
    public static let maximumPrefixLength = 29
}
