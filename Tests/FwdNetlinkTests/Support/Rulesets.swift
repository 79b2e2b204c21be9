import FwdModel
import FwdNftables

/// Hand-built rulesets for the kernel tests.
enum Rulesets {
    /// The filter table of the walkthrough: an input base chain with policy drop, a regular chain,
    /// and the usual rules, with a named port set.
    static func filter(policy: NftVerdict = .drop, extraPorts: [UInt16] = []) -> NftTable {
        let ports = NftSet(
            name: "ssh_ports", id: 1, keyType: .inetService, isAnonymous: false, isInterval: false,
            elements: ([2222, 2223] + extraPorts).map { NftSetElement(key: Rules.bigEndian($0)) })
        let input = NftChain(
            name: "input", base: NftBaseChain(type: .filter, hook: .input, priority: 0, policy: policy),
            rules: [
                Rules.rule(Rules.establishedOrRelated, .accept, line: 10),
                Rules.rule(Rules.tcpDestinationPort(22), .accept, comment: "ssh from anywhere", line: 11),
                Rules.rule(Rules.inputInterface(prefix: "eth"), .jump("services"), line: 12),
                Rules.rule(Rules.tcpDestinationPort(inSet: "ssh_ports", id: 1), .accept, line: 13),
            ],
            location: Rules.at(9))
        let services = NftChain(
            name: "services", base: nil,
            rules: [
                Rules.rule(Rules.tcpDestinationPort(80), .accept, comment: "web", line: 21),
                Rules.rule(Rules.ipv4Source([192, 0, 2, 1]), .drop, line: 22),
            ],
            location: Rules.at(20))
        return NftTable(
            family: .inet, name: "fwd_filter", chains: [input, services], sets: [ports], location: Rules.at(8))
    }

    /// A second fwd table, to be removed again.
    static let extra = NftTable(
        family: .ip, name: "fwd_extra",
        chains: [
            NftChain(
                name: "output", base: NftBaseChain(type: .filter, hook: .output, priority: 10, policy: .accept),
                rules: [Rules.rule([.counter], .accept, line: 31)], location: Rules.at(30))
        ],
        location: Rules.at(29))

    /// A table with one base chain holding `count` simple rules (distinct ports), the last rule
    /// replaced by `last` when given.
    static func bulk(count: Int, name: String = "fwd_bulk", last: NftRule? = nil) -> NftTable {
        var rules: [NftRule] = []
        rules.reserveCapacity(count)
        for index in 0..<count {
            rules.append(
                Rules.rule(
                    Rules.tcpDestinationPort(UInt16(truncatingIfNeeded: 1 + index % 60_000)), .accept,
                    line: 1000 + index))
        }
        if let last, !rules.isEmpty { rules[rules.count - 1] = last }
        let chain = NftChain(
            name: "input", base: NftBaseChain(type: .filter, hook: .input, priority: 5, policy: .accept), rules: rules,
            location: Rules.at(999))
        let small = NftChain(
            name: "small", base: nil,
            rules: [Rules.rule(Rules.tcpDestinationPort(443), .accept, comment: "probe", line: 990)],
            location: Rules.at(989))
        return NftTable(family: .inet, name: name, chains: [chain, small], location: Rules.at(998))
    }
}
