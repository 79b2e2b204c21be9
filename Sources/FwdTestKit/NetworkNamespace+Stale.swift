import Foundation

extension NetworkNamespace {
    /// Deletes the `fwdt-<pid>-…` namespaces whose creating process no longer runs: leftovers of
    /// runs that crashed or were killed. Namespaces of live processes (tests running in parallel)
    /// and every other namespace are left alone. Returns the names removed.
    @discardableResult
    public static func removeStale() async throws -> [String] {
        var removed: [String] = []
        for name in try await names() {
            guard let pid = creatorProcessID(of: name), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try await NetworkNamespace(existing: name).remove()
            removed.append(name)
        }
        return removed
    }

    /// The creating process id encoded in a kit namespace's name, nil for other names.
    static func creatorProcessID(of name: String) -> pid_t? {
        guard name.hasPrefix(namePrefix) else { return nil }
        let parts = name.dropFirst(namePrefix.count).split(separator: "-")
        guard parts.count == 2, let pid = pid_t(parts[0]), pid > 0 else { return nil }
        return pid
    }
}

/// Removes stale namespaces once per process, before the first namespace is created.
actor StaleNamespaceSweep {
    /// The process's sweep.
    static let shared = StaleNamespaceSweep()
    private var sweep: Task<Void, Never>?

    /// Starts the sweep on the first call; every call waits until it has finished. A failed sweep
    /// is not fatal: creating the namespace reports the real problem.
    func runOnce() async {
        if sweep == nil { sweep = Task { _ = try? await NetworkNamespace.removeStale() } }
        await sweep?.value
    }
}
