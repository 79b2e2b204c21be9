public import FwdModel

/// Prints fwd's tables exactly as `nft list ruleset` prints them once they are committed: same
/// order, tabs, named priorities, set layout and rule syntax (`tcp dport 22 accept`,
/// `ip saddr 10.0.0.0/8`, `iifname "eth*"`, `ct state established,related accept`).
///
/// The text is read back from the lowered expressions, the way nft decodes what the kernel holds,
/// so it shows what fwd sends rather than what the model says. Protocol names are those of
/// Debian's `/etc/protocols`, which nft consults. Text fields are printed verbatim, as nft prints
/// them: a comment or interface name holding `"` gives text nft itself could not read back.
public struct NftTextRenderer: Sendable {
    /// The comment every table carries in the kernel (fwd marks its tables `managed by fwd`),
    /// printed where `nft list ruleset` prints it; nil prints none.
    public var tableComment: String?

    /// A renderer; `tableComment` is the comment the committed tables carry, if any.
    public init(tableComment: String? = nil) { self.tableComment = tableComment }

    /// The `nft list ruleset` text of `ruleset` (a validated ruleset) once lowered and committed.
    public func render(_ ruleset: Ruleset) -> String {
        render(NftablesLowering().lower(ruleset))
    }

    /// The `nft list ruleset` text of lowered tables.
    public func render(_ ruleset: NftRuleset) -> String {
        ruleset.tables.map(render).joined()
    }

    /// One table: its sets, then its chains, separated by blank lines.
    public func render(_ table: NftTable) -> String {
        let items = table.sets.map(render) + table.chains.map(render)
        let comment = tableComment.map { "\tcomment \"\($0)\"\n" } ?? ""
        return "table \(table.family.name) \(table.name) {\n" + comment + items.joined(separator: "\n") + "}\n"
    }

    /// One chain: the base chain line, then one rule per line.
    func render(_ chain: NftChain) -> String {
        var text = "\tchain \(chain.name) {\n"
        if let base = chain.base {
            text += "\t\ttype \(base.type.rawValue) hook \(base.hook.name) priority "
                + NftNames.priority(base.priority, hook: base.hook)
                + "; policy \(base.policy == .drop ? "drop" : "accept");\n"
        }
        for rule in chain.rules { text += "\t\t" + RuleTextPrinter.text(of: rule) + "\n" }
        return text + "\t}\n"
    }

    /// One named set: type, flags and elements, wrapped as nft wraps them.
    func render(_ set: NftSet) -> String {
        var text = "\tset \(set.name) {\n\t\ttype \(set.keyType.nftName)\n"
        if let size = set.size { text += "\t\tsize \(size)\n" }
        if set.isInterval { text += "\t\tflags interval\n" }
        if !set.elements.isEmpty { text += "\t\telements = { " + elementList(set) + " }\n" }
        return text + "\t}\n"
    }

    /// The elements in key order; a line holds 5 ports, 2 IPv4 or 1 IPv6 element, as
    /// nft's `calculate_delim` decides.
    private func elementList(_ set: NftSet) -> String {
        let perLine = switch set.keyType {
        case .inetService: 5
        case .ipv4Address: 2
        case .ipv6Address: 1
        }
        let sorted = set.elements.sorted { KeyBytes.less($0.from, $1.from) }
        var text = ""
        for (index, element) in sorted.enumerated() {
            if index > 0 { text += index % perLine == 0 ? ",\n\t\t\t     " : ", " }
            text += elementText(element, keyType: set.keyType)
        }
        return text
    }

    private func elementText(_ element: NftSetElement, keyType: NftSetKeyType) -> String {
        switch keyType {
        case .inetService:
            let port: ([UInt8]) -> String = { String(UInt16($0.first ?? 0) << 8 | UInt16($0.dropFirst().first ?? 0)) }
            return element.from == element.to ? port(element.from) : port(element.from) + "-" + port(element.to)
        case .ipv4Address, .ipv6Address:
            if element.from == element.to { return AddressText.address(element.from) }
            if let prefixLength = KeyBytes.prefixLength(from: element.from, to: element.to) {
                return "\(AddressText.address(element.from))/\(prefixLength)"
            }
            return AddressText.address(element.from) + "-" + AddressText.address(element.to)
        }
    }
}

extension NftSetKeyType {
    /// The type name nft prints (`inet_service`).
    var nftName: String {
        switch self {
        case .ipv4Address: "ipv4_addr"
        case .ipv6Address: "ipv6_addr"
        case .inetService: "inet_service"
        }
    }
}
