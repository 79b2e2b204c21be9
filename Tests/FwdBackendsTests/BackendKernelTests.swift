import Foundation
import FwdBackends
import FwdConfig
import FwdDaemon
import FwdIptables
import FwdModel
import FwdTestKit
import Testing

/// The tools the backend kernel tests run.
enum KernelTools {
    static let needed = ["nft", "iptables-legacy", "iptables-legacy-save", "ip6tables-legacy-save"]
}

/// The backends' capture, restore and removal against the real kernel, in namespaces.
@Suite(.kernelAccess(tools: KernelTools.needed), .serialized)
struct BackendKernelTests {
    static func config(port: Int, nat: Bool = false) throws -> LoadedRuleset {
        let text = """
            tables:
              filter:
                INPUT:
                  policy: DROP
                  rules:
                    - {proto: tcp, dport: \(port), jump: ACCEPT}
            """ + (nat ? "\n  nat:\n    POSTROUTING:\n      rules:\n        - {out: eth9, jump: MASQUERADE}\n" : "\n")
        let ruleset = try ConfigLoader().load(text: text, fileName: "test.yaml").ruleset
        return LoadedRuleset(ruleset: ruleset, files: [], digest: "port\(port)", canonicalText: ruleset.canonicalYAML())
    }

    /// Runs `body` with a namespace and a runtime directory, both removed afterwards.
    func scenario(_ body: (NetworkNamespace, RuntimeDirectory) async throws -> Void) async throws {
        try requireKernelAccess(tools: KernelTools.needed)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fwd-backends-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await withNetworkNamespace { namespace in try await body(namespace, RuntimeDirectory(path)) }
    }

    func legacySave(_ namespace: NetworkNamespace) async throws -> String {
        let text = try await namespace.runChecked("iptables-legacy-save", [])
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }
            .map { $0.hasPrefix(":") ? String($0.prefix(while: { $0 != "[" })) : String($0) }.joined(separator: "\n")
    }

    @Test func iptablesRestorePutsBackChangedTablesAndEmptiesNewOnes() async throws {
        try await scenario { namespace, directory in
            let backend = IptablesBackend(tool: .legacy, networkNamespace: namespace.name, runtimeDirectory: directory)
            try await backend.apply(Self.config(port: 2201).ruleset)
            let before = try await legacySave(namespace)
            let snapshot = try await backend.captureState()
            #expect(snapshot.parts.map(\.name) == ["iptables-save", "ip6tables-save"])

            try await backend.apply(Self.config(port: 2202, nat: true).ruleset)
            #expect(try await legacySave(namespace).contains("MASQUERADE"))
            try await backend.restore(snapshot)
            let after = try await legacySave(namespace)
            #expect(after.contains("--dport 2201") && !after.contains("--dport 2202") && !after.contains("MASQUERADE"))
            // The filter table is exactly as before; nat, absent before, is now empty.
            #expect(block("filter", in: after) == block("filter", in: before))
            #expect(block("nat", in: before) == nil)
            #expect(block("nat", in: after)?.contains("-A ") == false, "\(after)")
        }
    }

    /// The `table … { … }` blocks of an nft listing, in name order.
    static func tables(of listing: String) -> [String] {
        listing.trimmingCharacters(in: .newlines).components(separatedBy: "\ntable ")
            .map { $0.hasPrefix("table ") ? String($0.dropFirst(6)) : $0 }.sorted()
    }

    /// The lines of `*table` … `COMMIT` in iptables-save text.
    func block(_ table: String, in text: String) -> String? {
        guard let start = text.range(of: "*\(table)\n") else { return nil }
        return text[start.lowerBound...].components(separatedBy: "COMMIT").first
    }

    @Test func iptablesRemovalEmptiesTheTablesFwdApplied() async throws {
        try await scenario { namespace, directory in
            let backend = IptablesBackend(tool: .legacy, networkNamespace: namespace.name, runtimeDirectory: directory)
            let coordinator = CommitCoordinator(backend: backend, directory: directory)
            _ = try await coordinator.apply(Self.config(port: 2201, nat: true))
            try await namespace.runChecked("iptables-legacy", ["-t", "mangle", "-A", "OUTPUT", "-j", "ACCEPT"])
            try await coordinator.removeOwnTables()
            let after = try await legacySave(namespace)
            #expect(!after.contains("--dport 2201") && !after.contains("MASQUERADE"), "\(after)")
            #expect(after.contains(":INPUT ACCEPT"))
            #expect(after.contains("-A OUTPUT -j ACCEPT"), "a table fwd did not apply stays as it was")
        }
    }

    @Test func nftablesRestoreReappliesTheAppliedCopyOrRemovesFwdsTables() async throws {
        try await scenario { namespace, directory in
            let backend = NftablesBackend(networkNamespace: namespace.name, runtimeDirectory: directory)
            let coordinator = CommitCoordinator(backend: backend, directory: directory)
            let nothing = try await backend.captureState()
            #expect(nothing.parts.isEmpty)

            _ = try await coordinator.apply(Self.config(port: 2201, nat: true))
            let first = try await namespace.runChecked("nft", ["list", "ruleset"])
            let snapshot = try await backend.captureState()
            #expect(snapshot["applied.yaml"] == (try Self.config(port: 2201, nat: true)).canonicalText)

            _ = try await coordinator.apply(Self.config(port: 2202))
            try await backend.restore(snapshot)
            // The same tables, chains and rules; the kernel lists tables in creation order, and
            // fwd_nat, deleted by the second commit, was created again by the restore.
            let restored = try await namespace.runChecked("nft", ["list", "ruleset"])
            #expect(Self.tables(of: restored) == Self.tables(of: first), "\(restored)\nversus\n\(first)")
            #expect(Self.tables(of: first).count == 2)

            try await namespace.runChecked("nft", ["add", "table", "inet", "other"])
            try await backend.restore(nothing)
            #expect(
                try await namespace.runChecked("nft", ["list", "ruleset"]) == "table inet other {\n}\n",
                "fwd's tables are gone, the other table stays")
        }
    }
}
