/// The keys a rule (or a template) may have, with their canonical spellings: iptables' long
/// option names.
enum RuleKey: Int, CaseIterable, Comparable {
    case proto, source, destination, inInterface, outInterface, sourcePort, destinationPort
    case connectionState, icmpType, limit, limitBurst, mark, comment
    case jump, goto, rejectWith, logPrefix, logLevel, toSource, toDestination, toPorts, setMark
    /// The templates the rule is based on.
    case use

    /// The canonical spelling, as docs/config.md lists it and the canonical printer writes it.
    var name: String {
        switch self {
        case .proto: "proto"
        case .source: "source"
        case .destination: "destination"
        case .inInterface: "in-interface"
        case .outInterface: "out-interface"
        case .sourcePort: "sport"
        case .destinationPort: "dport"
        case .connectionState: "ctstate"
        case .icmpType: "icmp-type"
        case .limit: "limit"
        case .limitBurst: "limit-burst"
        case .mark: "mark"
        case .comment: "comment"
        case .jump: "jump"
        case .goto: "goto"
        case .rejectWith: "reject-with"
        case .logPrefix: "log-prefix"
        case .logLevel: "log-level"
        case .toSource: "to-source"
        case .toDestination: "to-destination"
        case .toPorts: "to-ports"
        case .setMark: "set-mark"
        case .use: "use"
        }
    }

    /// Short spellings that read well: `in: eth0`, `out: eth1`.
    static let aliases: [String: RuleKey] = ["in": .inInterface, "out": .outInterface]

    /// Every accepted spelling.
    static let byName: [String: RuleKey] = {
        var names = aliases
        for key in allCases { names[key.name] = key }
        return names
    }()

    /// Whether a leading `!` inverts the match (`source: "!10.0.0.0/8"`).
    var isNegatable: Bool {
        switch self {
        case .proto, .source, .destination, .inInterface, .outInterface, .sourcePort, .destinationPort,
            .connectionState, .icmpType, .mark:
            true
        case .limit, .limitBurst, .comment, .jump, .goto, .rejectWith, .logPrefix, .logLevel, .toSource,
            .toDestination, .toPorts, .setMark, .use:
            false
        }
    }

    /// Whether the key takes several values: a YAML list, or a comma-separated string.
    var acceptsList: Bool {
        switch self {
        case .source, .destination, .sourcePort, .destinationPort, .connectionState, .use: true
        case .proto, .inInterface, .outInterface, .icmpType, .limit, .limitBurst, .mark, .comment, .jump, .goto,
            .rejectWith, .logPrefix, .logLevel, .toSource, .toDestination, .toPorts, .setMark:
            false
        }
    }

    /// Whether the value is free text, taken as written: a leading `!` is part of the text.
    var isFreeText: Bool { self == .comment || self == .logPrefix }

    /// The name, with its alias when it has one, for "did you mean" suggestions.
    static func suggestion(for unknown: String) -> String? {
        nearest(to: unknown, among: Array(byName.keys))
    }

    static func < (lhs: RuleKey, rhs: RuleKey) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The candidate closest to `text` by edit distance, when it is close enough to be a likely typo.
func nearest(to text: String, among candidates: [String]) -> String? {
    guard text.count <= 64 else { return nil }
    let lowered = text.lowercased()
    var best: (name: String, distance: Int)?
    for candidate in candidates.sorted() {
        let distance = candidate.lowercased().editDistance(to: lowered)
        if let current = best, current.distance <= distance { continue }
        best = (candidate, distance)
    }
    guard let best, best.distance <= max(2, text.count / 3), best.distance < max(text.count, 1) else { return nil }
    return best.name
}

/// ` (did you mean 'x'?)` when a candidate is close to `text`, else empty.
func didYouMean(_ text: String, among candidates: [String]) -> String {
    nearest(to: text, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
}
