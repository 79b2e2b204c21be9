import FwdModel

/// The keys that make up a rule's target and rate limit, gathered before they are put together
/// (a template may give `jump: LOG` and the rule `log-prefix:`).
struct TargetOptions {
    /// A key that was written: its parsed value (nil when the value was bad) and where the key is.
    struct Written<Value> {
        var value: Value?
        var keyLocation: SourceLocation
    }

    var jump: Written<ValueItem>?
    var goto: Written<ValueItem>?
    var rejectWith: Written<RejectType>?
    var logPrefix: Written<String>?
    var logLevel: Written<LogLevel>?
    var toSource: Written<NATAddress>?
    var toDestination: Written<NATAddress>?
    var toPorts: Written<PortRange>?
    var setMark: Written<MarkValue>?
    var limit: Written<RateLimit>?
    var limitBurst: Written<Int>?

    /// The targets `jump:` names (anything else names a user chain).
    static let targetNames: Set<String> = [
        "ACCEPT", "DROP", "REJECT", "RETURN", "LOG", "MASQUERADE", "SNAT", "DNAT", "REDIRECT", "MARK",
    ]

    /// Records that `key` was written with a value that could not be used.
    mutating func markWritten(_ key: RuleKey, at location: SourceLocation) {
        switch key {
        case .jump: jump = Written(value: nil, keyLocation: location)
        case .goto: goto = Written(value: nil, keyLocation: location)
        case .rejectWith: rejectWith = Written(value: nil, keyLocation: location)
        case .logPrefix: logPrefix = Written(value: nil, keyLocation: location)
        case .logLevel: logLevel = Written(value: nil, keyLocation: location)
        case .toSource: toSource = Written(value: nil, keyLocation: location)
        case .toDestination: toDestination = Written(value: nil, keyLocation: location)
        case .toPorts: toPorts = Written(value: nil, keyLocation: location)
        case .setMark: setMark = Written(value: nil, keyLocation: location)
        case .limit: limit = Written(value: nil, keyLocation: location)
        case .limitBurst: limitBurst = Written(value: nil, keyLocation: location)
        case .proto, .source, .destination, .inInterface, .outInterface, .sourcePort, .destinationPort,
            .connectionState, .icmpType, .mark, .comment, .use:
            break
        }
    }

    /// Each target option written, with the targets it belongs to and where its key is.
    var writtenOptions: [(key: RuleKey, targets: [String], keyLocation: SourceLocation)] {
        var written: [(RuleKey, [String], SourceLocation)] = []
        if let rejectWith { written.append((.rejectWith, ["REJECT"], rejectWith.keyLocation)) }
        if let logPrefix { written.append((.logPrefix, ["LOG"], logPrefix.keyLocation)) }
        if let logLevel { written.append((.logLevel, ["LOG"], logLevel.keyLocation)) }
        if let toSource { written.append((.toSource, ["SNAT"], toSource.keyLocation)) }
        if let toDestination { written.append((.toDestination, ["DNAT"], toDestination.keyLocation)) }
        if let toPorts { written.append((.toPorts, ["MASQUERADE", "REDIRECT"], toPorts.keyLocation)) }
        if let setMark { written.append((.setMark, ["MARK"], setMark.keyLocation)) }
        return written
    }
}
