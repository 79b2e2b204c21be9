import Foundation
public import FwdDaemon
public import FwdModel
import FwdNetlink
import FwdNftables

/// The nftables backend: lowers a ruleset (``NftablesLowering``) and commits it to the kernel in
/// one atomic netlink batch (``NftablesKernel``), replacing fwd's own `inet fwd_*` tables and
/// never touching anyone else's.
///
/// The kernel cannot give back fwd's model, so the state captured before a commit names the copy
/// of the config fwd last applied here (the ``ConfigCopy`` its ``AppliedRulesetStore`` record
/// keeps); restoring loads that copy with the config loader and re-applies it, windowless like
/// any commit, or deletes fwd's tables when fwd had applied nothing. The restored
/// tables, chains and rules are those of before; only the order `nft list ruleset` prints tables
/// in (their creation order) can differ, when the rolled-back commit had deleted a table.
///
/// Rulesets must be validated (as every ``RulesetSource`` hands them out): the lowering does not
/// check them again.
public struct NftablesBackend: FirewallBackend {
    /// The network namespace, nil for the caller's.
    public var networkNamespace: String?
    /// The runtime directory holding the record of what fwd applied.
    public var runtimeDirectory: RuntimeDirectory

    /// A backend committing in `networkNamespace`, keeping state in `runtimeDirectory`.
    public init(networkNamespace: String? = nil, runtimeDirectory: RuntimeDirectory = RuntimeDirectory()) {
        self.networkNamespace = networkNamespace
        self.runtimeDirectory = runtimeDirectory
    }

    /// `nftables`.
    public var name: String { "nftables" }

    /// True: one batch, applied whole or not at all.
    public var commitsAtomically: Bool { true }

    /// The part of a snapshot naming the copy of the config applied (``ConfigCopy`` as JSON).
    static let partName = "applied-config"

    /// The batch sent without its end message: the kernel validates every rule, applies nothing.
    public func check(_ ruleset: Ruleset) async throws {
        try await commit(mode: .dryRun) { NftablesLowering().lower(ruleset) }
    }

    /// Replaces fwd's tables with `ruleset` in one transaction.
    public func apply(_ ruleset: Ruleset) async throws {
        try await commit(mode: .apply) { NftablesLowering().lower(ruleset) }
    }

    /// The copy of the config fwd last applied here, or no part when it applied nothing.
    public func captureState() async throws -> FirewallSnapshot {
        let copy = try AppliedConfig(directory: runtimeDirectory).copy(backend: name, networkNamespace: networkNamespace)
        return FirewallSnapshot(
            backend: name, networkNamespace: networkNamespace,
            parts: try copy.map { [FirewallSnapshot.Part(name: Self.partName, text: try Self.encode($0))] } ?? [])
    }

    /// Loads the copy the snapshot names and re-applies it, or deletes fwd's tables when it names
    /// none.
    public func restore(_ snapshot: FirewallSnapshot) async throws {
        guard let text = snapshot[Self.partName] else { return try await removeOwnTables() }
        let copy = try Self.decode(text)
        let ruleset = try await BlockingWork.run("fwd-load-applied") { try AppliedConfig.load(copy) }
        try await apply(ruleset)
    }

    private static func encode(_ copy: ConfigCopy) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(copy), as: UTF8.self)
    }

    private static func decode(_ text: String) throws -> ConfigCopy {
        do {
            return try JSONDecoder().decode(ConfigCopy.self, from: Data(text.utf8))
        } catch {
            throw EnvironmentError("the saved state names no readable copy of the config (\(error))")
        }
    }

    /// Deletes every table marked as fwd's (an empty ruleset committed).
    public func removeOwnTables() async throws {
        try await commit(mode: .apply) { NftRuleset(tables: []) }
    }

    /// Lowers and commits on a thread of its own (a large ruleset keeps both the lowering and
    /// the kernel busy for seconds).
    private func commit(mode: NftCommitMode, _ lowered: @escaping @Sendable () -> NftRuleset) async throws {
        let namespace = networkNamespace
        let recordFile = KernelRuleRecordFile(directory: runtimeDirectory, networkNamespace: namespace)
        try await BlockingWork.run("fwd-nftables-commit") {
            let ruleset = lowered()
            let kernel: NftablesKernel
            do throws(NftSystemError) {
                kernel = try NftablesKernel(networkNamespace: namespace)
            } catch {
                throw EnvironmentError("nftables: \(error)")
            }
            let previous = recordFile.read()
            do throws(NftCommitError) {
                let report = try kernel.commit(ruleset, mode: mode, record: previous)
                if report.ruleRecord != previous { recordFile.write(report.ruleRecord) }
            } catch {
                // A batch the kernel refused (or whose outcome is unknown) may have taken handles
                // without moving the generation: keep the recorded rules, forget the last handles.
                if let previous, previous != previous.forgettingLastHandles() {
                    recordFile.write(previous.forgettingLastHandles())
                }
                throw error.backendError
            }
        }
    }

    /// The text `nft list ruleset` prints once `ruleset` is applied (fwd's tables carry their
    /// ownership comment); what `fwd show --format nft` prints.
    public static func listing(of ruleset: Ruleset) -> String {
        NftTextRenderer(tableComment: NftablesKernel.ownershipComment).render(ruleset)
    }
}
