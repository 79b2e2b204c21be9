import Foundation

extension AppliedRulesetStore {
    /// Removes every config copy under the runtime directory that neither a record nor the
    /// pending commit-confirmed (the record a rollback puts back, or the state it restores)
    /// refers to. Callers hold the
    /// commit lock. Removes nothing when a state file cannot be read (better a stale copy than a
    /// rollback without one).
    func removeUnusedCopies() {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory.path) else { return }
        var used: Set<String> = []
        for name in names where name.hasPrefix("applied-") && name.hasSuffix(".json") {
            guard let text = try? StateFile.read(directory.file(name)),
                let record = try? StateCoding.decode(AppliedRecord.self, from: text)
            else { return }
            if let copy = record.configCopy { used.insert(copy.directory) }
        }
        let pending: PendingCommit?
        do {
            pending = try PendingCommitStore(directory: directory).pending()
        } catch {
            return
        }
        if let copy = pending?.previousRecord?.configCopy { used.insert(copy.directory) }
        let savedState = pending?.previousState.parts.map(\.text) ?? []
        for name in names where name.hasPrefix(ConfigCopy.prefix) {
            let path = directory.file(name)
            guard !used.contains(path), !savedState.contains(where: { $0.contains(path) }) else { continue }
            StateFile.removeTree(path)
        }
    }
}

extension StateFile {
    /// Removes the directory tree at `path`, if any.
    static func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
