import Foundation

extension FirewallDaemon {
    /// Reads the config and commits it. On failure nothing in the kernel changes, the error is
    /// logged and kept for `STATUS=` and `status`, and rethrown for the requester.
    func reload(reason: String) async throws {
        do {
            if let security = options.configSecurity, let path = source.primaryPath { try security.check(path) }
            let loaded = try await source.load()
            try options.configSecurity?.check(loaded.files)
            let report = try await coordinator.apply(consume loaded)
            let line = state.withLock {
                $0.applied = report
                $0.appliedAt = Date()
                $0.lastReloadError = nil
                $0.reloads += 1
                return $0.line
            }
            if reason != "start" { notify { try $0.status(line) } }
        } catch {
            let (line, kept) = state.withLock {
                $0.lastReloadError = "\(error)"
                $0.reloads += 1
                $0.failedReloads += 1
                return ($0.line, $0.applied == nil ? "nothing was applied" : "the previous ruleset stays in force")
            }
            logger.error("\(reason == "start" ? "start" : "reload") failed, \(kept):\n\(error)",
                metadata: ["exit_code": "\(FwdExitCode.classifying(error).rawValue)"])
            notify { try $0.status(line) }
            throw error
        }
    }
}

extension CommitCoordinator {
    /// Removes fwd's tables under the lock and forgets what was applied.
    public func removeOwnTables() async throws {
        try await lock.withLock(timeout: lockTimeout) {
            try await backend.removeOwnTables()
            appliedStore.remove(backend: backend.name, networkNamespace: backend.networkNamespace)
        }
    }
}
