import FwdModel
import FwdNetlink
import FwdNftables
import FwdTestKit
import Testing

/// Named sets on the nftables backend, read back with `nft`: committed with the rules in the same
/// batch, changed live, and a 100,000-element set as one rule and one set.
@Suite("Named sets: nftables", .serialized)
struct NamedSetNftablesTests {
    static let blocklist = NamedSet("blocklist", type: .ipv4, elements: [
        "192.0.2.0/24", "198.51.100.7", "203.0.113.1-203.0.113.9",
    ])
    static let webports = NamedSet("webports", type: .port, elements: [80, 443, "8000-8100"])
    static let hosts6 = NamedSet("hosts6", type: .ipv6, elements: ["fd00::1", "fd00::2"])

    static func ruleset(sets: [NamedSet]) -> Ruleset {
        let input = Chain("INPUT", policy: .drop, rules: [
            Rule(sets: [.source(in: blocklist)], jump: .drop),
            Rule(proto: .tcp, sets: [.destinationPort(in: webports)], jump: .accept),
            Rule(sets: [.source(in: hosts6, negated: true)], jump: .reject),
        ])
        return Ruleset([Table(.filter, chains: [input])], sets: sets)
    }

    @Test("sets are committed with the rules and listed back as declared", .kernelAccess(tools: ["nft"]))
    func committedAndListed() async throws {
        try requireKernelAccess(tools: ["nft"])
        try await withNetworkNamespace { namespace in
            let ruleset = Self.ruleset(sets: [Self.blocklist, Self.webports, Self.hosts6])
            #expect(ruleset.validate().isEmpty)
            _ = try NftablesKernel(networkNamespace: namespace.name).commit(NftablesLowering().lower(ruleset))
            let listed = try await namespace.runChecked("nft", ["list", "table", "inet", "fwd_filter"])
            #expect(listed.contains("""
                \tset blocklist {
                \t\ttype ipv4_addr
                \t\tsize 65536
                \t\tflags interval
                \t\telements = { 192.0.2.0/24, 198.51.100.7,
                \t\t\t     203.0.113.1-203.0.113.9 }
                \t}
                """))
            #expect(listed.contains("ip saddr @blocklist drop"))
            #expect(listed.contains("tcp dport @webports accept"))
            #expect(listed.contains("ip6 saddr != @hosts6 reject"))
            #expect(listed.contains("set hosts6 {\n\t\ttype ipv6_addr\n\t\tsize 65536\n\t\telements = { fd00::1,\n\t\t\t     fd00::2 }"))
            // The netlink layer marks its tables with an ownership comment the renderer leaves out.
            let everything = try await namespace.runChecked("nft", ["list", "ruleset"])
                .split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("\tcomment ") }
            #expect(everything.joined(separator: "\n") == NftTextRenderer().render(ruleset))
        }
    }

    @Test("a live change adds and deletes elements in one batch, without touching the rules",
        .kernelAccess(tools: ["nft"]))
    func liveChange() async throws {
        try requireKernelAccess(tools: ["nft"])
        try await withNetworkNamespace { namespace in
            let ruleset = Self.ruleset(sets: [Self.blocklist, Self.webports, Self.hosts6])
            let kernel = try NftablesKernel(networkNamespace: namespace.name)
            _ = try kernel.commit(NftablesLowering().lower(ruleset))
            func has(_ element: String, in set: String = "blocklist") async throws -> Bool {
                try await namespace.run("nft", ["get", "element", "inet", "fwd_filter", set, "{ \(element) }"]).exitCode == 0
            }
            #expect(try await has("198.51.100.7"))
            #expect(try await !has("10.9.8.7"))

            let add = try ruleset.setElementChange(.add, set: "blocklist", elements: ["10.9.8.7", "10.10.0.0/16"])
            let report = try kernel.change(NftablesLowering.setElementChange(add))
            #expect(report.tables == ["inet fwd_filter"])
            #expect(try await has("10.9.8.7"))
            #expect(try await has("10.10.200.1"))

            let delete = try ruleset.setElementChange(.delete, set: "blocklist", elements: ["10.9.8.7"])
            _ = try kernel.change(NftablesLowering.setElementChange(delete))
            #expect(try await !has("10.9.8.7"))
            #expect(try await has("10.10.200.1"))

            let ports = try ruleset.setElementChange(.add, set: "webports", elements: ["8443"])
            _ = try kernel.change(NftablesLowering.setElementChange(ports))
            #expect(try await has("8443", in: "webports"))

            // Deleting an element that is not there is refused, and nothing changes.
            let missing = try ruleset.setElementChange(.delete, set: "blocklist", elements: ["10.10.0.0/16", "10.77.0.1"])
            #expect(throws: NftCommitError.self) { try kernel.change(NftablesLowering.setElementChange(missing)) }
            #expect(try await has("10.10.200.1"))
            let rules = try await namespace.runChecked("nft", ["list", "chain", "inet", "fwd_filter", "INPUT"])
            #expect(rules.contains("ip saddr @blocklist drop"))
        }
    }

    @Test("a re-apply refills a kept set, and re-creates one whose size or flags changed, in one batch",
        .kernelAccess(tools: ["nft"]))
    func reapplyKeepsOrRecreates() async throws {
        try requireKernelAccess(tools: ["nft"])
        try await withNetworkNamespace { namespace in
            let kernel = try NftablesKernel(networkNamespace: namespace.name)
            func commit(_ blocklist: NamedSet) throws {
                _ = try kernel.commit(NftablesLowering().lower(Self.ruleset(sets: [blocklist, Self.webports, Self.hosts6])))
            }
            func listing() async throws -> String {
                try await namespace.runChecked("nft", ["list", "set", "inet", "fwd_filter", "blocklist"])
            }
            try commit(NamedSet("blocklist", type: .ipv4, elements: ["10.0.0.1"]))
            try commit(NamedSet("blocklist", type: .ipv4, elements: ["10.0.0.2"]))
            var listed = try await listing()
            #expect(listed.contains("elements = { 10.0.0.2 }") && listed.contains("size 65536"), "\(listed)")
            // 40,000 elements: size 80,000, so the set is deleted and re-created within the batch.
            let many = LargeSet.blocklist(count: 40_000)
            try commit(NamedSet("blocklist", type: .ipv4, elements: many.elements))
            listed = try await listing()
            #expect(listed.contains("size 80000") && listed.contains("flags interval"))
            try commit(NamedSet("blocklist", type: .ipv4, elements: ["10.0.0.3"]))
            listed = try await listing()
            #expect(listed.contains("size 65536") && !listed.contains("flags interval"), "\(listed)")
            let rules = try await namespace.runChecked("nft", ["list", "chain", "inet", "fwd_filter", "INPUT"])
            #expect(rules.contains("ip saddr @blocklist drop"))
        }
    }

    @Test("a change checks the set and its elements before anything is sent")
    func changeChecks() throws {
        let ruleset = Self.ruleset(sets: [Self.blocklist, Self.webports, Self.hosts6, NamedSet("idle", type: .ipv4)])
        #expect(throws: SetChangeError(["set 'blocklst' is not declared in the config (did you mean 'blocklist'?)"])) {
            try ruleset.setElementChange(.add, set: "blocklst", elements: ["10.0.0.1"])
        }
        #expect(throws: SetChangeError.self) { try ruleset.setElementChange(.add, set: "idle", elements: ["10.0.0.1"]) }
        #expect(throws: SetChangeError(["set 'blocklist': 'fd00::1' is IPv6, and the set holds IPv4 addresses"])) {
            try ruleset.setElementChange(.add, set: "blocklist", elements: ["fd00::1"])
        }
        #expect(throws: SetChangeError.self) { try ruleset.setElementChange(.add, set: "hosts6", elements: ["fd00::/64"]) }
        #expect(throws: SetChangeError.self) { try ruleset.setElementChange(.add, set: "webports", elements: ["http"]) }
    }

    @Test("a 100,000-element set is one rule and one set, committed in one batch and queried",
        .kernelAccess(tools: ["nft"]))
    func hundredThousandElements() async throws {
        try requireKernelAccess(tools: ["nft"])
        let set = LargeSet.blocklist(count: 100_000)
        let ruleset = Ruleset([Table(.filter, chains: [
            Chain("INPUT", rules: [Rule(sets: [.source(in: set)], comment: "blocklist", jump: .drop)]),
        ])], sets: [set])
        let lowered = NftablesLowering().lower(ruleset)
        #expect(lowered.ruleCount == 1)
        #expect(lowered.tables[0].sets.map(\.name) == ["big"])
        #expect(lowered.tables[0].sets[0].elements.count == 100_000)
        try await withNetworkNamespace { namespace in
            let report = try NftablesKernel(networkNamespace: namespace.name).commit(lowered)
            #expect(report.ruleCount == 1)
            #expect(report.messageCount > 10)  // elements split over many messages of one batch
            for index in [0, 1, 49_999, 99_998, 99_999] {
                let element = LargeSet.element(index)
                let probe = element.hasSuffix("/30") ? String(element.dropLast(3)) : element
                let result = try await namespace.run("nft", ["get", "element", "inet", "fwd_filter", "big", "{ \(probe) }"])
                #expect(result.exitCode == 0, "\(element): \(result.standardError)")
            }
            let absent = try await namespace.run("nft", ["get", "element", "inet", "fwd_filter", "big", "{ 10.255.255.255 }"])
            #expect(absent.exitCode != 0)
            let chain = try await namespace.runChecked("nft", ["list", "chain", "inet", "fwd_filter", "INPUT"])
            #expect(chain.contains("ip saddr @big drop comment \"blocklist\""))
        }
    }
}

/// A large generated blocklist: distinct IPv4 hosts in 10.0.0.0/9, every tenth a /30.
enum LargeSet {
    /// Element `index`: `10.A.B.C` with four addresses per index, so /30s never overlap hosts.
    static func element(_ index: Int) -> String {
        let base = index * 4
        let address = "10.\((base >> 16) & 0x7f).\((base >> 8) & 0xff).\(base & 0xff)"
        return index % 10 == 9 ? address + "/30" : address
    }

    /// The set `big` of `count` elements.
    static func blocklist(count: Int) -> NamedSet {
        NamedSet("big", type: .ipv4, elements: (0..<count).map { SetElement.address(AddressSpec(parsing: element($0))) })
    }
}
