import FwdModel

extension RuleAssembler {
    /// Parses a target or limit key into the options.
    mutating func applyOption(_ entry: ExpandedEntry) {
        applyOption(entry.key, entry.items[0], keyLocation: entry.keyLocation)
    }

    /// Parses the one value of target or limit key `key`, written at `at`, into the options.
    mutating func applyOption(_ key: RuleKey, _ item: ValueItem, keyLocation at: SourceLocation) {
        switch key {
        case .jump:
            options.jump = .init(value: item, keyLocation: at)
        case .goto:
            var chain: ValueItem? = item
            if TargetOptions.targetNames.contains(item.text) {
                reject(item, key: .goto, "is a target; goto takes a user chain (write jump: \(item.text))")
                chain = nil
            }
            options.goto = .init(value: chain, keyLocation: at)
        case .rejectWith:
            let type = RejectType(rawValue: item.text.lowercased())
            if type == nil {
                reject(item, key: .rejectWith, "is not a reject type"
                    + didYouMean(item.text, among: RejectType.allCases.map(\.rawValue)))
            }
            options.rejectWith = .init(value: type, keyLocation: at)
        case .logPrefix:
            options.logPrefix = .init(
                value: parseText(item, key: .logPrefix, limit: LogLevel.maximumPrefixLength), keyLocation: at)
        case .logLevel:
            let level = LogLevel(name: item.text)
            if level == nil {
                reject(item, key: .logLevel, "is not a log level (emerg, alert, crit, err, warning, notice, info,"
                    + " debug, or 0...7)")
            }
            options.logLevel = .init(value: level, keyLocation: at)
        case .toSource, .toDestination:
            let address = FastParsers.natAddress(item.text) ?? NATAddress(parsing: item.text)
            var value: NATAddress? = address
            if case .invalid(_, let reason) = address.address {
                report(item.location, "\(key.name): \(reason)" + (item.origin.map { " (from \($0))" } ?? ""))
                value = nil
            }
            if key == .toSource {
                options.toSource = .init(value: value, keyLocation: at)
            } else {
                options.toDestination = .init(value: value, keyLocation: at)
            }
        case .toPorts:
            options.toPorts = .init(value: parseNATPorts(item), keyLocation: at)
        case .setMark:
            options.setMark = .init(value: parseMark(item, key: .setMark), keyLocation: at)
        case .limit:
            let rate = FastParsers.rate(item.text) ?? RateLimit(parsing: item.text)
            if rate == nil {
                reject(item, key: .limit, "is not a rate (5/second, 10/minute, 100/hour, 1/day)")
            }
            options.limit = .init(value: rate, keyLocation: at)
        case .limitBurst:
            options.limitBurst = .init(value: parseBurst(item), keyLocation: at)
        case .proto, .source, .destination, .inInterface, .outInterface, .sourcePort, .destinationPort,
            .connectionState, .icmpType, .mark, .comment, .use:
            break
        }
    }

    private mutating func parseNATPorts(_ item: ValueItem) -> PortRange? {
        guard let range = PortRange(parsing: item.text) else {
            reject(item, key: .toPorts, "is not a port or port range (8080, 8000-8100)")
            return nil
        }
        guard (1...65535).contains(range.lower), (1...65535).contains(range.upper) else {
            reject(item, key: .toPorts, "is out of range: ports are 1...65535")
            return nil
        }
        guard range.lower <= range.upper else {
            reject(item, key: .toPorts, "ends before it starts")
            return nil
        }
        return range
    }

    private mutating func parseBurst(_ item: ValueItem) -> Int? {
        let text = item.text
        guard !text.isEmpty, text.utf8.count <= 9, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let burst = Int(text)
        else {
            reject(item, key: .limitBurst, "is not a whole number")
            return nil
        }
        guard (1...10_000).contains(burst) else {
            reject(item, key: .limitBurst, "is not 1...10000")
            return nil
        }
        return burst
    }

    /// The target from `jump:`/`goto:` and their options; options without their target, and
    /// targets without their required option, are reported.
    mutating func assembleTarget() -> Target? {
        let targetName = options.goto == nil ? options.jump?.value?.text : nil
        let targetUnknown = options.goto == nil && options.jump != nil && targetName == nil
        for option in options.writtenOptions where !targetUnknown
            && (targetName.map { !option.targets.contains($0) } ?? true)
        {
            let needed = option.targets.map { "jump: \($0)" }.joined(separator: " or ")
            let actual = options.goto != nil ? "goto" : targetName.map { "jump: \($0)" } ?? "no jump"
            report(option.keyLocation, "\(option.key.name): applies to \(needed) only, and this rule has \(actual)")
        }
        if let goto = options.goto {
            if options.jump != nil {
                report(goto.keyLocation, "goto: a rule has jump or goto, not both")
                return nil
            }
            return goto.value.map { .goto($0.text) }
        }
        guard let item = options.jump?.value else { return nil }
        switch item.text {
        case "ACCEPT": return .accept
        case "DROP": return .drop
        case "RETURN": return .return
        case "REJECT": return .reject(with: options.rejectWith?.value)
        case "LOG": return .log(prefix: options.logPrefix?.value, level: options.logLevel?.value)
        case "MASQUERADE": return .masquerade(ports: options.toPorts?.value)
        case "REDIRECT": return .redirect(ports: options.toPorts?.value)
        case "SNAT":
            guard let to = required(options.toSource, by: item, key: .toSource) else { return nil }
            return .snat(to: to)
        case "DNAT":
            guard let to = required(options.toDestination, by: item, key: .toDestination) else { return nil }
            return .dnat(to: to)
        case "MARK":
            guard let mark = required(options.setMark, by: item, key: .setMark) else { return nil }
            return .mark(set: mark)
        default:
            return .jump(item.text)
        }
    }

    private mutating func required<Value>(
        _ option: TargetOptions.Written<Value>?, by jump: ValueItem, key: RuleKey
    ) -> Value? {
        guard let option else {
            report(jump.location, "jump: \(jump.text) needs \(key.name)")
            return nil
        }
        return option.value
    }

    /// The rate limit from `limit:` and `limit-burst:`.
    mutating func assembleLimit() -> RateLimit? {
        if let burst = options.limitBurst, options.limit == nil {
            report(burst.keyLocation, "limit-burst: needs limit (limit: 5/second)")
            return nil
        }
        guard var limit = options.limit?.value else { return nil }
        limit.burst = options.limitBurst?.value
        return limit
    }
}
