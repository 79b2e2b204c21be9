import FwdModel

extension Fixtures {
    /// About `count` filter rules of every shape, cycling through ports, networks, lists (each
    /// list written by several rules), ICMP types, states, marks, limits and targets, plus a few
    /// hundred NAT rules.
    static func large(count: Int) -> Ruleset {
        let userChains = (0..<8).map { "svc\($0)" }
        var filterRules: [String: [Rule]] = [:]
        for index in 0..<count {
            let chain = index % 5 == 0 ? "FORWARD" : index % 7 == 0 ? userChains[index % userChains.count] : "INPUT"
            filterRules[chain, default: []].append(
                filterRule(index, userChains: userChains, inUserChain: chain.hasPrefix("svc")))
        }
        let filter = Table(.filter, chains: [
            Chain("INPUT", policy: .drop, rules: filterRules["INPUT"] ?? []),
            Chain("FORWARD", policy: .drop, rules: filterRules["FORWARD"] ?? []), Chain("OUTPUT"),
        ] + userChains.map { Chain($0, rules: filterRules[$0] ?? []) })
        var prerouting: [Rule] = []
        var postrouting: [Rule] = []
        for index in 0..<max(1, count / 20) {
            let octet = index % 250 + 1
            prerouting.append(Rule(
                proto: "tcp", destination: address("203.0.113.\(octet)"), dport: Negatable(PortList([PortRange(8000 + index % 1000)])),
                jump: .dnat(to: NATAddress(parsing: "10.1.\(index % 200).\(octet):80"))))
            postrouting.append(Rule(
                source: address("10.\(index % 200).0.0/16"), outInterface: Negatable(Interface("eth\(index % 4)")),
                jump: index % 2 == 0 ? .masquerade : .snat(to: NATAddress(parsing: "198.51.100.\(octet)"))))
        }
        let nat = Table(.nat, chains: [Chain("PREROUTING", rules: prerouting), Chain("POSTROUTING", rules: postrouting)])
        return Ruleset([filter, nat])
    }

    private static func address(_ text: String) -> Negatable<AddressList> {
        Negatable(AddressList([AddressSpec(parsing: text)]))
    }

    private static func filterRule(_ index: Int, userChains: [String], inUserChain: Bool) -> Rule {
        let octet = index % 250 + 1
        let port = 1000 + index % 60000
        let portLists: [PortList] = [[80, 443], [22, 2222, PortRange(6000, 6010)], [53, 5353], [25, 465, 587, 993, 995, 143]]
        let networks: [AddressList] = [
            ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"], ["fd00::/8", "2001:db8::1"],
            ["198.51.100.7", "198.51.100.9", "198.51.100.11"],
        ]
        switch index % 16 {
        case 0: return Rule(proto: "tcp", dport: Negatable(PortList([PortRange(port)])), jump: .accept)
        case 1: return Rule(proto: "udp", source: Negatable(AddressList([AddressSpec(parsing: "10.\(octet).0.0/16")])),
            dport: Negatable(PortList([PortRange(port)])), jump: .accept)
        case 2: return Rule(proto: "tcp", dport: Negatable(portLists[index % portLists.count]), jump: .accept)
        case 3: return Rule(source: Negatable(networks[index % networks.count]),
            jump: inUserChain ? .return : .jump(userChains[index % userChains.count]))
        case 4: return Rule(proto: "icmp", icmpType: index % 2 == 0 ? "echo-request" : "port-unreachable",
            limit: RateLimit(1 + index % 50, per: .second), jump: .accept)
        case 5: return Rule(proto: "icmpv6", icmpType: "!echo-reply", jump: .drop)
        case 6: return Rule(inInterface: Negatable(Interface("veth\(index % 100)+")), ctstate: Negatable([.new]), jump: .log(prefix: "new \(octet): ", level: .info))
        case 7: return Rule(ctstate: .not([.established, .related]), mark: Negatable(MarkValue(UInt32(index), mask: 0xffff)), jump: .drop)
        case 8: return Rule(source: Negatable(AddressList([AddressSpec(parsing: "2001:db8:\(index % 1000)::/48")])),
            jump: .reject(with: .icmp6AdminProhibited))
        case 9: return Rule(proto: "tcp", sport: Negatable(PortList([PortRange(port)])),
            dport: Negatable(PortList([PortRange(port + 1)])), jump: .reject(with: .tcpReset))
        case 10: return Rule(destination: Negatable(AddressList([AddressSpec(parsing: "10.9.\(octet).1-10.9.\(octet).9")])),
            jump: .reject)
        case 11: return Rule(proto: "udp", sport: .not(PortList([PortRange(port)])), comment: "rule \(index)", jump: .accept)
        case 12: return Rule(inInterface: .not(Interface("wg\(index % 10)")), mark: .not(MarkValue(UInt32(index))), jump: .return)
        case 13: return Rule(proto: "sctp", dport: Negatable(PortList([PortRange(port, port + 10)])), jump: .accept)
        case 14: return Rule(proto: "!udp", destination: Negatable(AddressList([AddressSpec(parsing: "192.0.2.\(octet)")])),
            jump: .reject(with: .icmpAdminProhibited))
        default: return Rule(limit: RateLimit(10, per: .minute, burst: 20), jump: .log)
        }
    }
}
