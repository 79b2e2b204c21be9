import ArgumentParser
import FwdBackends
import FwdDaemon
import FwdModel

/// `fwd set add|del NAME ELEMENT…`: changes a named set's elements live, without a reload.
struct SetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Add elements to or delete them from a named set of the applied config, live.",
        discussion: """
            The set must be declared under sets: in the config and used by a rule, and the \
            elements must be of its type (addresses, networks and ranges need a set that takes \
            intervals). nftables changes every fwd table holding the set in one atomic batch; \
            iptables runs one `ipset -exist restore`. The rules are not touched. The change lasts \
            until the next apply or reload, which loads the set as the config declares it.
            Exit codes: 0 changed, 1 invalid config, 2 usage error (unknown set, bad element), \
            3 the kernel refused, 4 environment problem (set not in the kernel, not root).
            """)

    /// `add` or `del`.
    enum Operation: String, ExpressibleByArgument, CaseIterable {
        case add, del

        var model: SetElementChange.Operation {
            switch self {
            case .add: .add
            case .del: .delete
            }
        }
    }

    @Argument(help: "add or del.")
    var operation: Operation

    @Argument(help: "The set's name, as declared under sets:.")
    var name: String

    @Argument(help: "The elements: addresses, networks (10.0.0.0/8), ranges (a-b), ports or port ranges.")
    var elements: [String]

    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var backendOptions: BackendOptions
    @OptionGroup var runtimeOptions: RuntimeOptions

    func validate() throws {
        if elements.isEmpty { throw ValidationError("give at least one element") }
    }

    func run() async throws {
        let ruleset = try await configOptions.readingSource.load().ruleset
        let backend = try backendOptions.resolve(runtimeDirectory: runtimeOptions.directory)
        let lock = CommitLock(path: runtimeOptions.directory.lockPath)
        print(try await LiveSetChange.run(
            operation.model, set: name, elements: elements, ruleset: ruleset, backend: backend, lock: lock))
    }
}
