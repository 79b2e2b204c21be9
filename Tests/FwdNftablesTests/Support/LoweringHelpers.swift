import FwdModel
import FwdNftables
import Testing

/// Lowers single rules for the unit tests.
enum Lower {
    /// The ruleset holding only `rule`, in `chain` of `table` (a builtin chain gets policy accept).
    static func ruleset(_ rules: [Rule], table: TableKind = .filter, chain: String = "INPUT") -> Ruleset {
        Ruleset([Table(table, chains: [Chain(chain, policy: table.isBuiltin(chain) ? .accept : nil, rules: rules)])])
    }

    /// The lowered `rule`, which must be valid where it stands.
    static func rule(
        _ rule: Rule, table: TableKind = .filter, chain: String = "INPUT",
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> NftRule {
        let ruleset = ruleset([rule], table: table, chain: chain)
        let problems = ruleset.validate()
        #expect(problems.isEmpty, "test rule is invalid: \(problems)", sourceLocation: sourceLocation)
        return NftablesLowering().lower(ruleset).tables[0].chains[0].rules[0]
    }

    /// Every nftables rule `rule` lowers to (several when its lists are split), which must be
    /// valid where it stands, and the sets of the table.
    static func split(
        _ rule: Rule, table: TableKind = .filter, chain: String = "INPUT",
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> (rules: [NftRule], sets: [NftSet]) {
        let ruleset = ruleset([rule], table: table, chain: chain)
        let problems = ruleset.validate()
        #expect(problems.isEmpty, "test rule is invalid: \(problems)", sourceLocation: sourceLocation)
        let lowered = NftablesLowering().lower(ruleset).tables[0]
        return (lowered.chains[0].rules, lowered.sets)
    }

    /// The lowered `rule`'s expressions as `nft --debug=netlink` prints them.
    static func lines(
        _ rule: Rule, table: TableKind = .filter, chain: String = "INPUT",
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> [String] {
        Lower.rule(rule, table: table, chain: chain, sourceLocation: sourceLocation).expressions.map(\.debugDescription)
    }

    /// Every rule line `nft list ruleset` prints for `rule` (several when its lists are split).
    static func texts(_ rule: Rule, table: TableKind = .filter, chain: String = "INPUT") -> [String] {
        let rendered = NftTextRenderer().render(ruleset([rule], table: table, chain: chain))
        var inChain = false
        var lines: [String] = []
        for line in rendered.split(separator: "\n") {
            if line.hasPrefix("\tchain ") {
                inChain = true
            } else if line == "\t}" {
                inChain = false
            } else if inChain, line.hasPrefix("\t\t"), !line.contains(" hook ") {
                lines.append(String(line.dropFirst(2)))
            }
        }
        return lines
    }

    /// The lowered `rule` as `nft list ruleset` prints it.
    static func text(
        _ rule: Rule, table: TableKind = .filter, chain: String = "INPUT",
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> String {
        let ruleset = ruleset([rule], table: table, chain: chain)
        let rendered = NftTextRenderer().render(ruleset)
        let ruleLine = rendered.split(separator: "\n").first { $0.hasPrefix("\t\t") && !$0.contains("hook") }
        return ruleLine.map { String($0.dropFirst(2)) } ?? ""
    }
}

/// The lines nft prints for the family guard of an IPv4 or IPv6 rule.
let ipv4Guard = ["[ meta load nfproto => reg 1 ]", "[ cmp eq reg 1 0x00000002 ]"]
let ipv6Guard = ["[ meta load nfproto => reg 1 ]", "[ cmp eq reg 1 0x0000000a ]"]
let tcpGuard = ["[ meta load l4proto => reg 1 ]", "[ cmp eq reg 1 0x00000006 ]"]
let accept = "[ immediate reg 0 accept ]"
