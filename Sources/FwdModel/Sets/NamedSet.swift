/// A set of addresses or ports with a name, declared once in a ``Ruleset`` and matched by any
/// number of rules (``SetMatch``): `source: @blocklist` in the config.
///
/// The nftables backend makes it a named set of each table whose rules use it (one rule and one
/// set for a 100,000-entry blocklist); the iptables backend an ipset matched with `-m set`.
/// Elements can be changed live without reloading the rules (``SetElementChange``).
///
/// ```swift
/// let blocklist = NamedSet("blocklist", type: .ipv4, elements: ["192.0.2.0/24", "198.51.100.7"])
/// let rule = Rule(sets: [.source(in: blocklist)], jump: .drop)
/// let ruleset = Ruleset([Table(.filter, chains: [Chain("INPUT", rules: [rule])])], sets: [blocklist])
/// ```
public struct NamedSet: Hashable, Sendable {
    /// The name: a letter or `_`, then letters, digits, `_` or `-`; at most ``maximumNameLength``.
    public var name: String
    /// What the elements are.
    public var type: SetElementType
    /// The elements, in the order written.
    public var elements: [SetElement]
    /// Whether the set takes networks and ranges even when its elements are all single keys (so
    /// that they can be added live). A set holding a network or range takes them anyway.
    public var allowsIntervals: Bool
    /// Where the set was declared.
    public var location: SourceLocation

    /// A set declared at `location`.
    public init(
        _ name: String, type: SetElementType, elements: [SetElement] = [], allowsIntervals: Bool = false,
        location: SourceLocation
    ) {
        self.name = name
        self.type = type
        self.elements = elements
        self.allowsIntervals = allowsIntervals
        self.location = location
    }

    /// A set declared at the caller's position.
    public init(
        _ name: String, type: SetElementType, elements: [SetElement] = [], allowsIntervals: Bool = false,
        file: String = #fileID, line: Int = #line
    ) {
        self.init(
            name, type: type, elements: elements, allowsIntervals: allowsIntervals,
            location: SourceLocation(file: file, line: line))
    }

    /// Whether the kernel set must take intervals: asked for, or some element is a network or a
    /// range (nftables' `flags interval`).
    public var isInterval: Bool { allowsIntervals || elements.contains(where: \.isInterval) }

    /// The most elements the kernel set takes, live additions included: twice the declared
    /// elements, at least 65,536 (nftables' `size`, ipset's `maxelem`). A kernel set with a size
    /// fills faster (nftables picks a fixed-size hash).
    public var capacity: Int { max(65_536, elements.count * 2) }

    /// The longest set name: the ipset name `fwd4-NAME.new` must fit ipset's 31 bytes.
    public static let maximumNameLength = 22

    /// Names fwd keeps for the sets it makes itself (`fwd_s_…` in nftables).
    public static let reservedPrefix = "fwd_"

    /// Whether `name` may name a set: a letter or `_`, then letters, digits, `_` or `-`, at most
    /// ``maximumNameLength`` bytes, not starting with ``reservedPrefix``.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter || first == "_",
            name.utf8.count <= maximumNameLength, !name.hasPrefix(reservedPrefix)
        else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }
}

extension Unicode.Scalar {
    /// Whether this is `a`…`z` or `A`…`Z`.
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
