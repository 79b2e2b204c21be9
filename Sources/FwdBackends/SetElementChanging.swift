public import FwdDaemon
public import FwdModel
import FwdIptables
import FwdNetlink
import FwdNftables

/// A backend that changes a named set's elements live, without reloading the rules
/// (`fwd set add|del`).
public protocol SetElementChanging: FirewallBackend {
    /// Adds or deletes `change.elements` in the kernel's set; the rules are not touched.
    /// Throws ``KernelRefusal`` (exit 3) when the kernel refuses, ``EnvironmentError`` (exit 4)
    /// when the set is not in the kernel or a tool is missing.
    func change(_ change: SetElementChange) async throws
}

extension IptablesBackend: SetElementChanging {
    /// One `ipset -exist restore` of `add`/`del` lines for the set's ipset (`fwd4-NAME`, …).
    public func change(_ change: SetElementChange) async throws {
        do {
            try await loader.change(change)
        } catch {
            if case .toolFailed = error { throw KernelRefusal(error.description, locations: [change.set.location]) }
            throw error.backendError
        }
    }
}

extension NftablesBackend: SetElementChanging {
    /// One atomic batch of `NEWSETELEM`/`DELSETELEM` for every fwd table holding the set.
    public func change(_ change: SetElementChange) async throws {
        let namespace = networkNamespace
        let lowered = NftablesLowering.setElementChange(change)
        try await BlockingWork.run("fwd-nftables-set") {
            let kernel: NftablesKernel
            do throws(NftSystemError) {
                kernel = try NftablesKernel(networkNamespace: namespace)
            } catch {
                throw EnvironmentError("nftables: \(error)")
            }
            do throws(NftCommitError) {
                _ = try kernel.change(lowered)
            } catch {
                if case .invalidRuleset(let problems) = error {
                    throw EnvironmentError(problems.map(\.description).joined(separator: "\n"))
                }
                throw error.backendError
            }
        }
    }
}

/// `fwd set add|del NAME ELEMENT…`: the command's work, for the CLI and tests.
public enum LiveSetChange {
    /// Checks the change against `ruleset` (the config: the set must be declared and used by a
    /// rule, the elements of its type) and makes it with `backend`, holding `lock` (the commit
    /// lock, so that no apply or reload runs meanwhile: an iptables apply swaps whole sets).
    /// Returns a one-line summary.
    /// - Throws: ``InvalidSetChange`` (exit 2) when the change does not fit the set,
    ///   ``LockTimeout`` (exit 4) when a commit keeps the lock; what the backend throws otherwise.
    public static func run(
        _ operation: SetElementChange.Operation, set name: String, elements: [String], ruleset: Ruleset,
        backend: any FirewallBackend, lock: CommitLock, lockTimeout: Duration = .seconds(60)
    ) async throws -> String {
        let change: SetElementChange
        do {
            change = try ruleset.setElementChange(operation, set: name, elements: elements)
        } catch {
            throw InvalidSetChange(error: error)
        }
        guard let changer = backend as? any SetElementChanging else {
            throw EnvironmentError("the \(backend.name) backend cannot change sets live")
        }
        try await lock.withLock(timeout: lockTimeout) { try await changer.change(change) }
        let verb = operation == .add ? "added to" : "deleted from"
        return "\(change.elements.count) element(s) \(verb) set \(name) (\(backend.name))"
    }
}

/// A set change that does not fit the set: an unknown or unused set, elements of another kind.
public struct InvalidSetChange: Error, Hashable, Sendable, CustomStringConvertible, ExitCodeProviding {
    /// What the model found.
    public var error: SetChangeError

    /// The problems, one per line.
    public var description: String { error.description }

    /// 2: the command line is wrong.
    public var exitCode: FwdExitCode { .usage }
}
