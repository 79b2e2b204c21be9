/// A network interface name to match; a trailing `+` matches every name with that prefix (`eth+`).
public struct Interface: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The name as written, with the `+` wildcard if any.
    public var name: String

    /// The interface called `name` (`"eth0"`, `"veth+"`).
    public init(_ name: String) { self.name = name }

    public init(stringLiteral name: String) { self.init(name) }

    /// Whether the name ends in the `+` wildcard.
    public var isWildcard: Bool { name.hasSuffix("+") }

    /// The name without the wildcard.
    public var prefix: String { isWildcard ? String(name.dropLast()) : name }

    /// The kernel's limit on an interface name, in bytes (`IFNAMSIZ` - 1).
    public static let maximumLength = 15

    public var description: String { name }
}
