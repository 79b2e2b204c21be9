import Foundation

/// One rule as `nft -j list ruleset` shows it.
struct ListedRule: Equatable {
    /// The kernel's handle.
    var handle: Int
    /// The expressions (and comment) as canonical JSON text: equal for equal rules.
    var content: String
}

extension TestNamespace {
    /// The rules of `chain` in table `family name`, in kernel order.
    func rules(family: String = "inet", table: String, chain: String) throws -> [ListedRule] {
        try jsonRuleset().compactMap { object -> ListedRule? in
            guard let rule = object["rule"] as? [String: Any], rule["family"] as? String == family,
                rule["table"] as? String == table, rule["chain"] as? String == chain,
                let handle = rule["handle"] as? Int
            else { return nil }
            let content: [String: Any] = ["expr": rule["expr"] ?? [], "comment": rule["comment"] ?? ""]
            let data = try JSONSerialization.data(withJSONObject: content, options: [.sortedKeys])
            return ListedRule(handle: handle, content: String(decoding: data, as: UTF8.self))
        }
    }

    /// The packet counter of the first `counter` statement of each rule of `chain`, in order
    /// (nil for a rule without one).
    func counters(family: String = "inet", table: String, chain: String) throws -> [Int?] {
        try jsonRuleset().compactMap { object -> Int?? in
            guard let rule = object["rule"] as? [String: Any], rule["family"] as? String == family,
                rule["table"] as? String == table, rule["chain"] as? String == chain
            else { return nil }
            let expressions = rule["expr"] as? [[String: Any]] ?? []
            let counter = expressions.lazy.compactMap { $0["counter"] as? [String: Any] }.first
            return .some(counter?["packets"] as? Int)
        }
    }

    /// Runs `command` inside the namespace.
    @discardableResult
    func run(_ command: String, _ arguments: String...) throws -> String {
        try Command.check("ip", ["netns", "exec", name, command] + arguments)
    }
}
