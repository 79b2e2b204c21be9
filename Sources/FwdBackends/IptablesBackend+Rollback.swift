public import FwdDaemon
import FwdIptables
import FwdModel

extension IptablesBackend {
    /// Puts fwd's tables back to `snapshot` in each family, windowless (`iptables-restore -c
    /// --noflush`, one commit per table): the tables the ruleset in force names, with their saved
    /// chains, policies, rules and counters; fwd's user chains that did not exist then are
    /// deleted. Tables fwd does not own, and user chains others created since the snapshot, are
    /// left alone (see ``IptablesSaveText/rollbackScript(from:owned:)``). Without a record of what
    /// fwd applied, every table that differs is put back.
    public func restore(_ snapshot: FirewallSnapshot) async throws {
        let owned = try ownedChains()
        for family in IPFamily.allCases {
            let saved = IptablesSaveText(snapshot[Self.partName(family)] ?? "")
            do {
                let current = IptablesSaveText(try await loader.save(family: family))
                let script = saved.rollbackScript(from: current, owned: owned)
                if !script.isEmpty { try await loader.restoreSaved(script, family: family, noflush: true) }
            } catch {
                throw error.backendError
            }
        }
    }

    /// The tables of the ruleset fwd last applied here, each with its user chains; empty when fwd
    /// applied nothing, nil when the record predates fwd keeping them.
    func appliedTables() throws -> [TableKind: Set<String>]? {
        let store = AppliedRulesetStore(directory: runtimeDirectory)
        guard let record = try store.record(backend: name, networkNamespace: networkNamespace) else { return [:] }
        guard let tables = record.tables else { return nil }
        var owned: [TableKind: Set<String>] = [:]
        for (name, chains) in tables {
            if let kind = TableKind(rawValue: name) { owned[kind] = Set(chains) }
        }
        return owned
    }

    /// fwd's tables and chains for a rollback: nil (everything) when unknown or when fwd applied
    /// nothing here.
    private func ownedChains() throws -> [TableKind: Set<String>]? {
        guard let owned = try appliedTables(), !owned.isEmpty else { return nil }
        return owned
    }
}
