/// The names nft prints for numbers: protocols, ICMP types and codes, reject codes, log levels,
/// chain priorities. Each table was read from nft 1.0.6's own output (`nft list ruleset` of rules
/// written with numbers); a number without a name prints as the number.
enum NftNames {
    /// `meta l4proto` names: nft asks `getprotobynumber`, i.e. `/etc/protocols`; these are
    /// Debian netbase's first names per number.
    static let protocols: [UInt8: String] = [
        0: "ip", 1: "icmp", 2: "igmp", 3: "ggp", 4: "ipencap", 5: "st", 6: "tcp", 8: "egp", 9: "igp",
        12: "pup", 17: "udp", 20: "hmp", 22: "xns-idp", 27: "rdp", 29: "iso-tp4", 33: "dccp", 36: "xtp",
        37: "ddp", 38: "idpr-cmtp", 41: "ipv6", 43: "ipv6-route", 44: "ipv6-frag", 45: "idrp", 46: "rsvp",
        47: "gre", 50: "esp", 51: "ah", 57: "skip", 58: "ipv6-icmp", 59: "ipv6-nonxt", 60: "ipv6-opts",
        73: "rspf", 81: "vmtp", 88: "eigrp", 89: "ospf", 93: "ax.25", 94: "ipip", 97: "etherip",
        98: "encap", 103: "pim", 108: "ipcomp", 112: "vrrp", 115: "l2tp", 124: "isis", 132: "sctp",
        133: "fc", 135: "mobility-header", 136: "udplite", 137: "mpls-in-ip", 138: "manet", 139: "hip",
        140: "shim6", 141: "wesp", 142: "rohc", 143: "ethernet",
    ]

    /// Transport protocols whose ports nft names (`tcp dport`).
    static let portProtocols: [UInt8: String] = [6: "tcp", 17: "udp", 33: "dccp", 132: "sctp", 136: "udplite"]

    /// `icmp type` names.
    static let icmpTypes: [UInt8: String] = [
        0: "echo-reply", 3: "destination-unreachable", 4: "source-quench", 5: "redirect", 8: "echo-request",
        9: "router-advertisement", 10: "router-solicitation", 11: "time-exceeded", 12: "parameter-problem",
        13: "timestamp-request", 14: "timestamp-reply", 15: "info-request", 16: "info-reply",
        17: "address-mask-request", 18: "address-mask-reply",
    ]

    /// `icmpv6 type` names.
    static let icmpv6Types: [UInt8: String] = [
        1: "destination-unreachable", 2: "packet-too-big", 3: "time-exceeded", 4: "parameter-problem",
        128: "echo-request", 129: "echo-reply", 130: "mld-listener-query", 131: "mld-listener-report",
        132: "mld-listener-done", 133: "nd-router-solicit", 134: "nd-router-advert", 135: "nd-neighbor-solicit",
        136: "nd-neighbor-advert", 137: "nd-redirect", 138: "router-renumbering", 141: "ind-neighbor-solicit",
        142: "ind-neighbor-advert", 143: "mld2-listener-report",
    ]

    /// `icmp code` names (whatever the type), also used by `reject with icmp`.
    static let icmpCodes: [UInt8: String] = [
        0: "net-unreachable", 1: "host-unreachable", 2: "prot-unreachable", 3: "port-unreachable",
        4: "frag-needed", 9: "net-prohibited", 10: "host-prohibited", 13: "admin-prohibited",
    ]

    /// `icmpv6 code` names, also used by `reject with icmpv6`.
    static let icmpv6Codes: [UInt8: String] = [
        0: "no-route", 1: "admin-prohibited", 3: "addr-unreachable", 4: "port-unreachable", 5: "policy-fail",
        6: "reject-route",
    ]

    /// `reject with icmpx` names.
    static let icmpxCodes: [UInt8: String] = [
        0: "no-route", 1: "port-unreachable", 2: "host-unreachable", 3: "admin-prohibited",
    ]

    /// `log level` names by syslog level.
    static let logLevels: [UInt32: String] = [
        0: "emerg", 1: "alert", 2: "crit", 3: "err", 4: "warn", 5: "notice", 6: "info", 7: "debug",
    ]

    /// `ct state` names by bit, in the order nft prints them.
    static let connectionStates: [(bit: UInt32, name: String)] = [
        (1, "invalid"), (2, "established"), (4, "related"), (8, "new"), (64, "untracked"),
    ]

    /// The name of `number` in `table`, or the number.
    static func name<Number: BinaryInteger>(_ number: Number, in table: [Number: String]) -> String {
        table[number] ?? String(number)
    }

    /// The priority as nft prints it: a standard name where one applies to the hook, else the number.
    static func priority(_ priority: Int32, hook: NftHook) -> String {
        switch (priority, hook) {
        case (-300, _): "raw"
        case (-150, _): "mangle"
        case (-100, .prerouting): "dstnat"
        case (0, _): "filter"
        case (50, _): "security"
        case (100, .postrouting): "srcnat"
        default: String(priority)
        }
    }
}
