@testable import FwdIptables
import FwdModel
import FwdTestKit
import Testing

/// Named sets on the iptables backend: ipsets loaded before the rules, replaced by swapping on
/// the next apply, changed live, removed when no rule uses them; read back with `ipset` and
/// `iptables-legacy-save`.
@Suite("Named sets: ipset", .serialized)
struct NamedSetIpsetTests {
    static let tools = ["ipset", "iptables-legacy-restore", "iptables-legacy-save", "ip6tables-legacy-restore"]

    static func ruleset(blocklist: [SetElement]) -> Ruleset {
        let blocklist = NamedSet("blocklist", type: .ipv4, elements: blocklist)
        let webports = NamedSet("webports", type: .port, elements: [80, "8000-8002"])
        let hosts6 = NamedSet("hosts6", type: .ipv6, elements: ["fd00::1", "fd00::8-fd00::b"])
        let input = Chain("INPUT", rules: [
            Rule(sets: [.source(in: blocklist)], jump: .drop),
            Rule(proto: .tcp, sets: [.destinationPort(in: webports)], jump: .accept),
            Rule(sets: [.source(in: hosts6, negated: true)], jump: .reject),
        ])
        return Ruleset([Table(.filter, chains: [input])], sets: [blocklist, webports, hosts6])
    }

    /// The members of ipset `name`, sorted.
    static func members(_ name: String, in namespace: NetworkNamespace) async throws -> [String] {
        let listing = try await namespace.runChecked("ipset", ["list", name])
        return listing.split(separator: "\n").drop { $0 != "Members:" }.dropFirst().map(String.init).sorted()
    }

    @Test("apply loads the sets and the rules; a second apply swaps new contents in", .kernelAccess(tools: tools))
    func applyAndReapply() async throws {
        try requireKernelAccess(tools: Self.tools)
        try await withNetworkNamespace { namespace in
            let loader = IptablesLoader(tool: .legacy, networkNamespace: namespace.name)
            try await loader.apply(Self.ruleset(blocklist: ["192.0.2.0/24", "198.51.100.7", "203.0.113.1-203.0.113.3"]))
            #expect(try await Self.members("fwd4-blocklist", in: namespace)
                == ["192.0.2.0/24", "198.51.100.7", "203.0.113.1", "203.0.113.2/31"])
            #expect(try await Self.members("fwdp-webports", in: namespace) == ["80", "8000", "8001", "8002"])
            #expect(try await Self.members("fwd6-hosts6", in: namespace) == ["fd00::1", "fd00::8/126"])
            let saved = try await namespace.runChecked("iptables-legacy-save", [])
            #expect(saved.contains("-A INPUT -m set --match-set fwd4-blocklist src -j DROP"))
            #expect(saved.contains("-A INPUT -p tcp -m set --match-set fwdp-webports dst -j ACCEPT"))
            let saved6 = try await namespace.runChecked("ip6tables-legacy-save", [])
            #expect(saved6.contains("-A INPUT -m set ! --match-set fwd6-hosts6 src -j REJECT"))
            #expect(!saved6.contains("fwd4-blocklist"))

            try await loader.apply(Self.ruleset(blocklist: ["10.1.0.0/16"]))
            #expect(try await Self.members("fwd4-blocklist", in: namespace) == ["10.1.0.0/16"])
            let names = try await namespace.runChecked("ipset", ["list", "-n"]).split(separator: "\n").sorted()
            #expect(names == ["fwd4-blocklist", "fwd6-hosts6", "fwdp-webports"])  // no NAME.new left
        }
    }

    @Test("live changes add and delete elements; sets no rule uses are destroyed", .kernelAccess(tools: tools))
    func liveChangesAndRemoval() async throws {
        try requireKernelAccess(tools: Self.tools)
        try await withNetworkNamespace { namespace in
            let loader = IptablesLoader(tool: .legacy, networkNamespace: namespace.name)
            let ruleset = Self.ruleset(blocklist: ["192.0.2.1", "10.9.0.0/16"])
            try await loader.apply(ruleset)
            try await loader.change(ruleset.setElementChange(.add, set: "blocklist", elements: ["10.2.0.0/16", "192.0.2.1"]))
            #expect(try await Self.members("fwd4-blocklist", in: namespace) == ["10.2.0.0/16", "10.9.0.0/16", "192.0.2.1"])
            try await loader.change(ruleset.setElementChange(.delete, set: "blocklist", elements: ["192.0.2.1"]))
            #expect(try await Self.members("fwd4-blocklist", in: namespace) == ["10.2.0.0/16", "10.9.0.0/16"])

            try await loader.apply(Ruleset([Table(.filter, chains: [Chain("INPUT", rules: [Rule(jump: .accept)])])]))
            #expect(try await namespace.runChecked("ipset", ["list", "-n"]) == "")
            await #expect(throws: IptablesLoadError.self) {
                try await loader.change(ruleset.setElementChange(.add, set: "blocklist", elements: ["10.0.0.1"]))
            }
        }
    }

    @Test("check leaves no set behind, and a refused apply restores the previous sets", .kernelAccess(tools: tools))
    func checkAndRefusal() async throws {
        try requireKernelAccess(tools: Self.tools)
        try await withNetworkNamespace { namespace in
            let loader = IptablesLoader(tool: .legacy, networkNamespace: namespace.name)
            try await loader.check(Self.ruleset(blocklist: ["192.0.2.1"]))
            #expect(try await namespace.runChecked("ipset", ["list", "-n"]) == "")

            try await loader.apply(Self.ruleset(blocklist: ["192.0.2.1"]))
            // A rule iptables-restore --test accepts but the kernel refuses at commit: REJECT in
            // table mangle (legacy checks target constraints only in the kernel). Validation
            // would refuse it first, so the loader's unvalidated path is used.
            var refused = Self.ruleset(blocklist: ["10.3.0.0/16"])
            refused[.mangle] = Table(.mangle, chains: [Chain("INPUT", rules: [Rule(proto: .tcp, jump: .reject)])])
            await #expect(throws: IptablesLoadError.self) {
                try await loader.applyUnvalidated(refused)
            }
            #expect(try await Self.members("fwd4-blocklist", in: namespace) == ["192.0.2.1"])
            let names = try await namespace.runChecked("ipset", ["list", "-n"]).split(separator: "\n").sorted()
            #expect(names == ["fwd4-blocklist", "fwd6-hosts6", "fwdp-webports"])
        }
    }
}
