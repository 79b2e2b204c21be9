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
    /// A config allowing TCP `port`, with a nat table when `nat`, and a user chain `trial` when
    /// `chain`; loaded as if read from `/etc/fwd/test-PORT.yaml` (the copy a commit keeps is made
    /// from the bytes, not from that file).
    static func config(port: Int, nat: Bool = false, chain: Bool = false) throws -> LoadedRuleset {
        let text = """
            tables:
              filter:
                INPUT:
                  policy: DROP
                  rules:
                    - {proto: tcp, dport: \(port), jump: ACCEPT}
            """ + (chain ? "\n    trial:\n      rules:\n        - {jump: RETURN}" : "")
            + (nat ? "\n  nat:\n    POSTROUTING:\n      rules:\n        - {out: eth9, jump: MASQUERADE}\n" : "\n")
        let config = try ConfigLoader().load(text: text, fileName: "/etc/fwd/test-\(port).yaml")
        return LoadedRuleset(
            ruleset: config.ruleset, files: config.files, digest: "port\(port)",
            sourceFiles: config.fileContents.map { SourceFile(path: $0.name, bytes: $0.bytes) })
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

    @Test func iptablesRestorePutsBackFwdsTablesAndEmptiesNewOnes() async throws {
        try await scenario { namespace, directory in
            let backend = IptablesBackend(tool: .legacy, networkNamespace: namespace.name, runtimeDirectory: directory)
            let coordinator = CommitCoordinator(backend: backend, directory: directory)
            _ = try await coordinator.apply(Self.config(port: 2201))
            let before = try await legacySave(namespace)
            let snapshot = try await backend.captureState()
            #expect(snapshot.parts.map(\.name) == ["iptables-save", "ip6tables-save"])

            _ = try await coordinator.apply(Self.config(port: 2202, nat: true))
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

    @Test func iptablesConfirmRollbackKeepsWhatOthersAddedMeanwhile() async throws {
        try await scenario { namespace, directory in
            let backend = IptablesBackend(tool: .legacy, networkNamespace: namespace.name, runtimeDirectory: directory)
            let coordinator = CommitCoordinator(backend: backend, directory: directory)
            _ = try await coordinator.apply(Self.config(port: 2201))
            let before = try await legacySave(namespace)

            let trial = try await coordinator.apply(
                Self.config(port: 2202, chain: true), options: CommitOptions(confirm: .seconds(600)) { _ in })
            let pending = try #require(trial.pending)
            // Others change the firewall meanwhile: a chain of their own with a rule in fwd's
            // filter table, and a rule in nat, which fwd does not manage.
            for arguments in [
                ["-N", "FOREIGN"], ["-A", "FOREIGN", "-s", "192.0.2.1", "-j", "RETURN"],
                ["-t", "nat", "-A", "POSTROUTING", "-o", "eth7", "-j", "MASQUERADE"],
            ] {
                try await namespace.runChecked("iptables-legacy", arguments)
            }
            #expect(try await coordinator.rollBackNow(id: pending.id) == .rolledBack)

            let after = try await legacySave(namespace)
            #expect(after.contains("-A INPUT -p tcp -m tcp --dport 2201 -j ACCEPT") && !after.contains("--dport 2202"))
            #expect(!after.contains(":trial"), "the chain the trial commit made is gone: \(after)")
            #expect(after.contains(":FOREIGN - ") && after.contains("-A FOREIGN -s 192.0.2.1/32 -j RETURN"), "\(after)")
            #expect(after.contains("-A POSTROUTING -o eth7 -j MASQUERADE"), "nat is not fwd's: \(after)")
            let withoutForeign = after.split(separator: "\n").filter { !$0.contains("FOREIGN") }
                .joined(separator: "\n")
            #expect(block("filter", in: withoutForeign) == block("filter", in: before), "\(after)\nversus\n\(before)")
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
            let record = try AppliedRulesetStore(directory: directory).record(
                backend: "nftables", networkNamespace: namespace.name)
            let copy = try #require(record?.configCopy)
            #expect(copy.files == ["/etc/fwd/test-2201.yaml"])

            let trial = try await coordinator.apply(
                Self.config(port: 2202), options: CommitOptions(confirm: .seconds(600)) { _ in })
            let pending = try #require(trial.pending)
            #expect(pending.previousState["applied-config"]?.contains(copy.directory) == true, "\(pending)")
            #expect(try await coordinator.rollBackNow(id: pending.id) == .rolledBack)
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
