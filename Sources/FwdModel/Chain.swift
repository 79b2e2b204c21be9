/// The default verdict of a builtin chain, for packets no rule decided.
public enum Policy: String, Hashable, Sendable {
    /// Let unmatched packets through.
    case accept = "ACCEPT"
    /// Discard unmatched packets.
    case drop = "DROP"
}

/// An ordered list of rules. Builtin chains (`INPUT`, `POSTROUTING`, …) are where the kernel
/// hands packets in and have a policy; user chains are reached by jumps and have none.
public struct Chain: Hashable, Sendable {
    /// The chain's name, unique within its table.
    public var name: String
    /// The policy; builtin chains have one (nil means ACCEPT), user chains must not.
    public var policy: Policy?
    /// The rules, in the order the kernel evaluates them.
    public var rules: [Rule]
    /// Where the chain was defined.
    public var location: SourceLocation

    /// A chain called `name`, with a policy when it is a builtin chain.
    public init(
        _ name: String, policy: Policy? = nil, rules: [Rule] = [], file: String = #fileID, line: Int = #line
    ) {
        self.init(name, policy: policy, rules: rules, location: SourceLocation(file: file, line: line))
    }

    /// A chain defined at `location`.
    public init(_ name: String, policy: Policy? = nil, rules: [Rule] = [], location: SourceLocation) {
        self.name = name
        self.policy = policy
        self.rules = rules
        self.location = location
    }

    /// Adds `rule` at the end.
    public mutating func append(_ rule: Rule) { rules.append(rule) }

    /// Adds `rules` at the end, in order.
    public mutating func append(contentsOf rules: [Rule]) { self.rules.append(contentsOf: rules) }

    /// Inserts `rule` so that it becomes rule number `position` (0-based); positions past the end
    /// append.
    public mutating func insert(_ rule: Rule, at position: Int) {
        rules.insert(rule, at: max(0, min(position, rules.count)))
    }

    /// Removes and returns the rule at `position` (0-based), or nil when there is none.
    @discardableResult
    public mutating func remove(at position: Int) -> Rule? {
        guard rules.indices.contains(position) else { return nil }
        return rules.remove(at: position)
    }

    /// Removes every rule equal to `rule` in its matches and target (the location is ignored).
    /// Returns how many were removed.
    @discardableResult
    public mutating func remove(_ rule: Rule) -> Int {
        let before = rules.count
        rules.removeAll { $0.sameBehaviour(as: rule) }
        return before - rules.count
    }

    /// The longest user chain name xtables takes (`XT_EXTENSION_MAXNAMELEN` - 1).
    public static let maximumNameLength = 28
}

extension Rule {
    /// Whether `other` has the same matches, target and comment, wherever each was written.
    public func sameBehaviour(as other: Rule) -> Bool {
        var other = other
        other.location = location
        return self == other
    }
}
