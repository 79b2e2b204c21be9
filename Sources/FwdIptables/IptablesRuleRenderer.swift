import FwdModel

/// Turns one model rule into `-A CHAIN …` lines for one family: one line per source ×
/// destination address and per multiport-sized slice of its port lists.
///
/// Words come in the order iptables-save prints them: `-s -d -i -o -p`, then the match modules
/// (iprange, ports, icmp, conntrack, mark, limit, comment), then the target.
struct IptablesRuleRenderer {
    /// The family the lines are for (ICMP names, REJECT's default reply).
    let family: IPFamily

    /// One line of a rule: `-A CHAIN` and the matches, then the target's words.
    struct Line {
        /// `-A`, the chain and the match words.
        var matches: [String]
        /// The target's words (`-j LOG --log-prefix …`); empty when the rule has no target.
        var target: [String]

        /// The line as iptables-restore reads it.
        var text: String { (matches + target).joined(separator: " ") }
    }

    /// The lines of `rule` in `chain`.
    func lines(for rule: Rule, chain: String) -> [Line] {
        rule.expandedAddresses().flatMap { single in
            let target = IptablesTargetRenderer(family: family).words(for: single.target)
            return portSlices(of: single).map { ports in
                Line(matches: ["-A", chain] + matchWords(of: single, ports: ports), target: target)
            }
        }
    }

    /// The words of every match but the ports, which `ports` replaces.
    private func matchWords(of rule: Rule, ports: [String]) -> [String] {
        var basic: [String] = []
        var ranges: [String] = []
        var modules: [String] = []
        for match in rule.matches {
            switch match {
            case .source(let list):
                addAddress(list, option: "-s", rangeOption: "--src-range", basic: &basic, ranges: &ranges)
            case .destination(let list):
                addAddress(list, option: "-d", rangeOption: "--dst-range", basic: &basic, ranges: &ranges)
            case .inInterface(let interface):
                basic += negation(interface) + ["-i", IptablesQuoting.word(interface.value.name)]
            case .outInterface(let interface):
                basic += negation(interface) + ["-o", IptablesQuoting.word(interface.value.name)]
            case .proto(let proto):
                basic += negation(proto) + ["-p", IptablesRuleRenderer.protocolName(proto.value)]
            case .sourcePort, .destinationPort:
                break
            case .icmpType(let type):
                modules += icmpWords(type)
            case .connectionState(let states):
                modules += ["-m", "conntrack"] + negation(states) + ["--ctstate", states.value.description]
            case .mark(let mark):
                modules += ["-m", "mark"] + negation(mark) + ["--mark", IptablesRuleRenderer.markText(mark.value)]
            case .limit(let limit):
                modules += ["-m", "limit", "--limit", IptablesRuleRenderer.rateText(limit)]
                if let burst = limit.burst, burst != RateLimit.defaultBurst { modules += ["--limit-burst", String(burst)] }
            case .set(let setMatch):
                modules += ["-m", "set"] + (setMatch.isNegated ? ["!"] : []) + [
                    "--match-set", IpsetNaming.kernelName(setMatch.set, type: setMatch.type),
                    setMatch.field.isSource ? "src" : "dst",
                ]
            case .comment(let comment):
                if !comment.isEmpty { modules += ["-m", "comment", "--comment", IptablesQuoting.quote(comment)] }
            }
        }
        if !ranges.isEmpty { ranges = ["-m", "iprange"] + ranges }
        return basic + ranges + ports + modules
    }

    private func addAddress(
        _ list: Negatable<AddressList>, option: String, rangeOption: String, basic: inout [String], ranges: inout [String]
    ) {
        for address in list.value.addresses {
            switch address {
            case .network(let ip, let prefixLength):
                if prefixLength == 0, !list.isNegated { continue }
                basic += negation(list) + [option, "\(ip)/\(prefixLength)"]
            case .range(let low, let high):
                ranges += negation(list) + [rangeOption, "\(low)-\(high)"]
            case .invalid(let text, _):
                basic += negation(list) + [option, text]
            }
        }
    }

    private func icmpWords(_ type: Negatable<ICMPType>) -> [String] {
        let value = type.value.resolved(for: family).map { resolved in
            resolved.code.map { "\(resolved.type)/\($0)" } ?? "\(resolved.type)"
        } ?? type.value.text
        switch family {
        case .ipv4: return ["-m", "icmp"] + negation(type) + ["--icmp-type", value]
        case .ipv6: return ["-m", "icmp6"] + negation(type) + ["--icmpv6-type", value]
        }
    }

    func negation<Value>(_ value: Negatable<Value>) -> [String] {
        value.isNegated ? ["!"] : []
    }
}
