/// A match value that may be inverted, as iptables' `!` does (`! -s 10.0.0.0/8`).
///
/// String literals accept a leading `!`: `source: "!10.0.0.0/8"`.
public struct Negatable<Value: Hashable & Sendable>: Hashable, Sendable {
    /// The value matched.
    public var value: Value
    /// Whether the match is inverted.
    public var isNegated: Bool

    /// A match on `value`, inverted when `negated` is true.
    public init(_ value: Value, negated: Bool = false) {
        self.value = value
        self.isNegated = negated
    }

    /// A match that holds when `value` does not.
    public static func not(_ value: Value) -> Negatable { Negatable(value, negated: true) }
}

extension Negatable: ExpressibleByUnicodeScalarLiteral, ExpressibleByExtendedGraphemeClusterLiteral,
    ExpressibleByStringLiteral where Value: ExpressibleByStringLiteral, Value.StringLiteralType == String
{
    /// Parses `"!value"` as a negated match and `"value"` as a plain one.
    public init(stringLiteral text: String) {
        let (negated, rest) = Negatable<Value>.splitNegation(text)
        self.init(Value(stringLiteral: rest), negated: negated)
    }
}

extension Negatable: ExpressibleByIntegerLiteral where Value: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Value.IntegerLiteralType) {
        self.init(Value(integerLiteral: value))
    }
}

extension Negatable: ExpressibleByArrayLiteral where Value: ListValue {
    public init(arrayLiteral elements: Value.ArrayLiteralElement...) {
        self.init(Value(elements))
    }
}

extension Negatable {
    /// Splits a leading `!` (and the blanks after it) off `text`.
    public static func splitNegation(_ text: String) -> (negated: Bool, rest: String) {
        guard text.hasPrefix("!") else { return (false, text) }
        return (true, String(text.dropFirst().drop(while: { $0 == " " })))
    }
}

extension Negatable: CustomStringConvertible where Value: CustomStringConvertible {
    public var description: String { (isNegated ? "!" : "") + value.description }
}

/// A list of match values (addresses, ports) that an array literal builds.
public protocol ListValue: ExpressibleByArrayLiteral {
    /// Builds the list from its elements.
    init(_ elements: [ArrayLiteralElement])
}
