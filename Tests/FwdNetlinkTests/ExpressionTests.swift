import FwdNetlink
import FwdNftables
import Testing

/// Every expression kind and anonymous sets, committed and listed back as nft would write them.
@Suite(.kernel, .serialized, .oneKernelSuiteAtATime)
struct ExpressionTests {
    /// `NAME` padded with NULs to the 16 bytes of an interface name.
    static func interfaceName(_ name: String) -> [UInt8] {
        Array(name.utf8) + [UInt8](repeating: 0, count: 16 - name.utf8.count)
    }

    static func filterTable() -> NftTable {
        let anonymousPorts = NftSet(
            name: "__set%d", id: 50, keyType: .inetService, isAnonymous: true, isInterval: true,
            elements: [
                NftSetElement(key: Rules.bigEndian(1)), NftSetElement(from: Rules.bigEndian(5), to: Rules.bigEndian(7)),
            ])
        let anonymousAddresses = NftSet(
            name: "__set%d", id: 51, keyType: .ipv4Address, isAnonymous: true, isInterval: false,
            elements: [NftSetElement(key: [10, 0, 0, 1]), NftSetElement(key: [10, 0, 0, 2])])
        let v4Source: [NftExpression] = [
            .meta(.nfproto, destination: .r1), .compare(.equal, source: .r1, data: [2]),
            .payload(base: .network, offset: 12, length: 4, destination: .r1),
        ]
        let rules: [NftRule] = [
            Rules.rule([.limit(rate: 10, unit: 1, burst: 20)], .accept, line: 1),
            NftRule(expressions: [.log(prefix: "fwd drop ", level: 6)], comment: nil, location: Rules.at(2)),
            NftRule(expressions: [.counter, .reject(.icmpxUnreachable, code: 1)], comment: nil, location: Rules.at(3)),
            NftRule(
                expressions: Rules.tcpDestinationPort(22) + [.reject(.tcpReset, code: 0)], comment: nil,
                location: Rules.at(4)),
            NftRule(
                expressions: [.immediate(destination: .r1, data: Rules.hostOrder(0x10)), .metaSet(.mark, source: .r1)],
                comment: nil, location: Rules.at(5)),
            Rules.rule(
                [.meta(.iifname, destination: .r1), .compare(.equal, source: .r1, data: Self.interfaceName("eth0"))],
                .drop, line: 6),
            Rules.rule(
                Rules.tcp + [
                    Rules.destinationPort,
                    .range(.equal, source: .r1, from: Rules.bigEndian(1000), to: Rules.bigEndian(2000)),
                ],
                .accept, line: 7),
            Rules.rule(
                Rules.tcp + [Rules.destinationPort, .compare(.notEqual, source: .r1, data: Rules.bigEndian(22))],
                .goto("other"), line: 8),
            Rules.rule(Rules.tcpDestinationPort(inSet: "__set%d", id: 50), .accept, line: 9),
            Rules.rule(v4Source + [.lookup(set: "__set%d", setID: 51, source: .r1, inverted: true)], .drop, line: 10),
            Rules.rule(
                [.meta(.mark, destination: .r1), .compare(.equal, source: .r1, data: Rules.hostOrder(7))], .return,
                line: 11),
        ]
        return NftTable(
            family: .inet, name: "fwd_all",
            chains: [
                NftChain(
                    name: "input", base: NftBaseChain(type: .filter, hook: .input, priority: 0, policy: .accept),
                    rules: rules, location: Rules.at(0)),
                NftChain(name: "other", base: nil, rules: [], location: Rules.at(20)),
            ],
            sets: [anonymousPorts, anonymousAddresses], location: Rules.at(0))
    }

    static func natTable() -> NftTable {
        let portFlag: UInt32 = 2  // NF_NAT_RANGE_PROTO_SPECIFIED
        let prerouting: [NftRule] = [
            NftRule(
                expressions: Rules.tcpDestinationPort(80) + [
                    .immediate(destination: .r1, data: [10, 0, 0, 2]),
                    .immediate(destination: .r2, data: Rules.bigEndian(8080)),
                    .nat(
                        .dnat, family: .ip, addressMin: .r1, addressMax: nil, portMin: .r2, portMax: nil,
                        flags: portFlag),
                ], comment: "web", location: Rules.at(31)),
            NftRule(
                expressions: Rules.tcpDestinationPort(8443) + [
                    .immediate(destination: .r1, data: Rules.bigEndian(443)),
                    .redirect(portMin: .r1, portMax: nil, flags: portFlag),
                ], comment: nil, location: Rules.at(32)),
        ]
        let postrouting: [NftRule] = [
            NftRule(
                expressions: [
                    .meta(.oifname, destination: .r1), .compare(.equal, source: .r1, data: interfaceName("eth0")),
                    .masquerade(portMin: nil, portMax: nil, flags: 0),
                ], comment: nil, location: Rules.at(41)),
            NftRule(
                expressions: [
                    .immediate(destination: .r1, data: [192, 0, 2, 1]),
                    .nat(.snat, family: .ip, addressMin: .r1, addressMax: nil, portMin: nil, portMax: nil, flags: 0),
                ], comment: nil, location: Rules.at(42)),
        ]
        return NftTable(
            family: .ip, name: "fwd_nat",
            chains: [
                NftChain(
                    name: "prerouting",
                    base: NftBaseChain(type: .nat, hook: .prerouting, priority: -100, policy: .accept),
                    rules: prerouting, location: Rules.at(30)),
                NftChain(
                    name: "postrouting",
                    base: NftBaseChain(type: .nat, hook: .postrouting, priority: 100, policy: .accept),
                    rules: postrouting, location: Rules.at(40)),
            ],
            location: Rules.at(29))
    }

    @Test func everyExpressionKindListsAsNftWritesIt() throws {
        try TestNamespace.with { namespace in
            let kernel = try namespace.kernel()
            let ruleset = NftRuleset(tables: [Self.filterTable(), Self.natTable()])
            _ = try kernel.commit(ruleset)
            let text = try namespace.listRuleset()
            for line in [
                "limit rate 10/second burst 20 packets accept",
                "log prefix \"fwd drop \" level info",
                "counter packets 0 bytes 0 reject",
                "tcp dport 22 reject with tcp reset",
                "meta mark set 0x00000010",
                "iifname \"eth0\" drop",
                "tcp dport 1000-2000 accept",
                "tcp dport != 22 goto other",
                "tcp dport { 1, 5-7 } accept",
                "ip saddr != { 10.0.0.1, 10.0.0.2 } drop",
                "meta mark 0x00000007 return",
                "tcp dport 80 dnat to 10.0.0.2:8080 comment \"web\"",
                "tcp dport 8443 redirect to :443",
                "oifname \"eth0\" masquerade",
                "snat to 192.0.2.1",
                "type nat hook prerouting priority dstnat; policy accept;",
            ] {
                #expect(text.contains(line), "missing `\(line)` in:\n\(text)")
            }
            // Anonymous sets go with their rules: re-applying leaves the same listing.
            _ = try kernel.commit(ruleset)
            #expect(try namespace.listRuleset() == text)
        }
    }

    @Test func largeSetsAreSplitAcrossMessages() throws {
        try TestNamespace.with { namespace in
            // 6,000 IPv6 ranges: far more than one 64 KiB element list holds.
            let elements = (0..<6_000).map { index -> NftSetElement in
                var from = [UInt8](repeating: 0, count: 16)
                from[0] = 0x20
                from[1] = 0x01
                from[12] = UInt8(index >> 8)
                from[13] = UInt8(index & 0xFF)
                var to = from
                to[15] = 0xFF
                return NftSetElement(from: from, to: to)
            }
            var table = Rulesets.filter()
            table.family = .ip6
            table.chains[1].rules.removeLast()  // its ip saddr match does not belong in an ip6 table
            table.sets.append(
                NftSet(
                    name: "nets", id: 9, keyType: .ipv6Address, isAnonymous: false, isInterval: true, elements: elements
                ))
            let report = try namespace.kernel().commit(NftRuleset(tables: [table]))
            #expect(report.messageCount > 10 + 6)
            let listing = try namespace.nft("-j", "list", "set", "ip6", "fwd_filter", "nets")
            #expect(listing.components(separatedBy: "\"prefix\"").count - 1 == 6_000)
        }
    }

    @Test func aMissingNamespaceIsAClearError() {
        #expect(throws: NftSystemError.self) { try NftablesKernel(networkNamespace: "fwdnl-does-not-exist") }
        do {
            _ = try NftablesKernel(networkNamespace: "fwdnl-does-not-exist")
        } catch {
            #expect(
                error.description
                    == "cannot open the network namespace \"fwdnl-does-not-exist\": No such file or directory")
        }
    }
}
